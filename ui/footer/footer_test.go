package footer

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
)

func TestGauge(t *testing.T) {
	s := theme.New(true, true)
	now := time.Unix(1_800_000_000, 0)
	for _, c := range []struct {
		snap client.Snapshot
		want string
	}{
		{client.Snapshot{}, "API budget: not reported yet"},
		{client.Snapshot{Known: true, Limit: 50, Remaining: 40, Reset: now.Add(2 * time.Second)}, "API 40/50 ▕████████░░▏ reset 2s"},
		{client.Snapshot{Known: true, Limit: 50, Remaining: 3, Reset: now.Add(500 * time.Millisecond)}, "API 3/50 ▕█░░░░░░░░░▏ reset 1s"},
		{client.Snapshot{Known: true, Limit: 10, Remaining: 0, Reset: now.Add(3 * time.Second), WaitingUntil: now.Add(3 * time.Second)}, "API 0/10 ▕░░░░░░░░░░▏ waiting 3s"},
		{client.Snapshot{Known: true, Limit: 50, Remaining: 2, Reset: now.Add(-time.Minute)}, "API ≥2/50"},
	} {
		if got := ansi.Strip(Gauge(s, c.snap, now)); !strings.HasPrefix(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.snap, got, c.want)
		}
	}
}

func TestStatusClearsItself(t *testing.T) {
	m := New()
	m.SetWidth(80)
	cmd := m.SetStatus(common.StatusMsg{Text: "copied org_1", Level: common.Info})
	view := func() string { return ansi.Strip(m.View(theme.New(true, true), common.HelpMap{}, time.Now())) }
	if !strings.Contains(view(), "copied org_1") || cmd == nil {
		t.Fatal("status not shown")
	}
	m.Update(clearMsg{id: m.statusID - 1}) // an older status's timer
	if !strings.Contains(view(), "copied org_1") {
		t.Fatal("an old timer cleared the new status")
	}
	m.Update(clearMsg{id: m.statusID})
	if strings.Contains(view(), "copied org_1") {
		t.Fatal("status did not clear")
	}
}
