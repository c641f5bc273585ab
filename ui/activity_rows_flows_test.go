package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// globex's Activity at 80×24 and 120×36: a failed login reads "login
// failure" whole and names the person the attempt named; a change made
// in the Dashboard is "not orgdash"; the list's times say their zone, as
// the detail does.
func TestFlowActivityRowsSayWhoFailedAndWhereAtBothSizes(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
				f := startActivityFlow(t, tn, false)
				f.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				f.want("12 organizations")
				f.press(":").typed("org globex").press("enter")
				f.wait("globex › Overview")
				f.press("6")
				f.wait("globex › Activity", "Activity (")
				zone := time.Now().Format("MST")
				sc := f.screen()
				if !strings.Contains(sc, "WHEN ("+zone+")") {
					t.Fatalf("the list's times do not say their zone (%s):\n%s", zone, sc)
				}
				row := lineWith(sc, "login failure")
				named := regexp.MustCompile(`(hank\.scorpio|frank\.grimes|lurleen\.lumpkin)@`) // the email, cut where WHO is narrow
				if size[0] < 100 {
					named = regexp.MustCompile(`(hank|frank|lurleen)\.`)
				}
				if row == "" || strings.Contains(row, "someone") || !named.MatchString(row) {
					t.Fatalf("a failed login, whole, naming the person:\n%s", sc)
				}
				f.press("K") // changes only
				f.wait("changes only")
				row = lineWith(f.screen(), "disabled globex-s") // the Dashboard admin's
				if !strings.HasSuffix(strings.TrimSpace(row), "not orgdash") {
					t.Fatalf("the Dashboard's change, not through orgdash:\n%s", f.screen())
				}
				f.press("g", "enter")
				f.want("When", " "+zone, "Made       elsewhere: not through orgdash")
			})
		})
	}
}
