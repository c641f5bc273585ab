package ui

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
)

// A form dialog showing a validation error still fits: its whole frame,
// its error and its key line, at 80×24 and 120×36.
func TestFormWithAnErrorFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := open(t, clienttest.New(40, 120), size[0], size[1])
				s.press("c")
				s.want("Create an organization", "┃ Name")
				s.typed("Bad Name").press("enter")
				sc := s.screen()
				if strings.Count(sc, "╭") != 1 || strings.Count(sc, "╰") != 1 {
					t.Fatalf("the dialog's frame is not whole on screen:\n%s", sc)
				}
				s.want("the name must be 1 to 50", "esc")
			})
		})
	}
}

// The budget and changes panel (@) fits 80×24 with every bucket listed.
func TestActivityPanelFits80x24(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := demoFlow(t, 80, 24)
		s.press("enter", "3", "space", "d")
		s.confirm("y")
		s.wait("Members (4)")
		s.press("@")
		sc := s.screen()
		if strings.Count(sc, "╭") != 1 || strings.Count(sc, "╰") != 1 {
			t.Fatalf("the panel's frame is not whole on screen:\n%s", sc)
		}
		s.want("Budget and this session's changes", "esc")
	})
}

// At 80 columns every screen's key line still ends with "? help": the
// screen's own keys are cut before it.
func TestEveryScreenOffersHelpAt80Columns(t *testing.T) {
	for _, keys := range [][]string{nil, {"enter"}, {"enter", "2"}, {"enter", "3"}, {"enter", "4"}, {"C"}, {"enter", "3", "enter"}} {
		t.Run(strings.Join(keys, "_"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := open(t, clienttest.New(40, 120), 80, 24)
				s.press(keys...)
				lines := strings.Split(s.screen(), "\n")
				if last := lines[len(lines)-1]; !strings.HasSuffix(strings.TrimSpace(last), "? help") {
					t.Fatalf("the key line lacks ? help at 80 columns: %q\n%s", last, s.screen())
				}
			})
		})
	}
}

// At 80 columns the tenant's Connections say how to start the scan, and
// before any scan L offers to scan, not to scan "again".
func TestTenantConnectionsAt80Columns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(40, 120), 80, 24)
		s.press("C")
		s.want("enter or L scans")
		s.wantNot("scan again")
		s.press("enter")
		s.want("L scans again")
	})
}

// An informational status speaks of the screen it came from: leaving the
// screen drops it, where an outcome stays its time.
func TestInfoStatusGoesWithItsScreen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 120, 36)
		s.press("enter", "3", "s")
		s.want("sorted by name, ascending")
		s.press("esc")
		s.wantNot("sorted by name")
		s.press("s")
		s.want("sorted by name, ascending")
		s.press("enter")
		s.wantNot("sorted by name")
	})
}

// The read-only lock leads the header at every width: wide or narrow, it
// is where the eye finds it.
func TestLockLeadsTheHeaderAtEveryWidth(t *testing.T) {
	for _, w := range []int{100, 200} {
		synctest.Test(t, func(t *testing.T) {
			f := clienttest.New(1, 3)
			f.Demo = false
			s := open(t, client.ReadOnly(f, "viewer: read-only"), w, 30)
			if head := strings.SplitN(s.screen(), "\n", 2)[0]; !strings.HasPrefix(head, "🔒 ") {
				t.Fatalf("at %d columns the header does not start with the lock: %q", w, head)
			}
		})
	}
}

// With an auto-refresh the header says its interval and when it next
// reloads, or that it waits while a dialog is open.
func TestRefreshTimerIsShown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 120, 36, func(c *common.Common) { c.Refresh = time.Minute })
		s.want("⟳ every 1m0s, next at " + time.Now().Add(time.Minute).Local().Format("15:04:05"))
		s.press(".")
		s.want("⟳ every 1m0s, paused while a dialog is open")
	})
}

// The full help lists the keys that do not apply yet, marked so: R
// (retry) is findable before a removal has failed.
func TestHelpListsKeysThatApplyLater(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 120, 36)
		s.press("enter", "3", "?")
		s.want("R retry failed (not now)")
	})
}
