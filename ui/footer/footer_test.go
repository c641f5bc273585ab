package footer

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
)

func TestGauge(t *testing.T) {
	s := theme.New(true, true)
	now := time.Unix(1_800_000_000, 0)
	members := func(remaining int, seen time.Time, rate float64) pace.BucketState {
		return pace.BucketState{Name: "organization_members_read", Known: true, Limit: 40, Remaining: remaining, Seen: seen, Rate: rate,
			Documented: rate > 0, Reset: seen.Add(time.Second)}
	}
	for _, c := range []struct {
		snap pace.Snapshot
		want string
	}{
		{pace.Snapshot{}, "API budget: not reported yet"},
		{pace.Snapshot{BucketState: members(32, now, 8.33)}, "read members 32/40 ▕████████░░▏ +8.33/s"},
		{pace.Snapshot{BucketState: members(2, now, 0)}, "read members 2/40 ▕█░░░░░░░░░▏"},
		{held(members(0, now, 2), now.Add(3*time.Second)), "read members 0/40 ▕░░░░░░░░░░▏ waiting 3s for write members"},
		// calls stopped 5 s ago at 2 tokens a second: the gauge says what is there now
		{pace.Snapshot{BucketState: members(0, now.Add(-5*time.Second), 2)}, "read members 10/40 ▕███░░░░░░░▏ +2/s"},
		// long enough and the bucket is full again
		{pace.Snapshot{BucketState: members(0, now.Add(-time.Minute), 2)}, "read members 40/40 ▕██████████▏"},
		// without a plan the rate is measured, not known: the gauge says so
		{pace.Snapshot{BucketState: learnt(members(32, now, 1))}, "read members 32/40 ▕████████░░▏ refill: learning"},
		// a scan held by its bucket: the gauge names it, and for how long
		{pace.Snapshot{BucketState: members(2, now, 8.33), HeldUntil: now.Add(time.Second)}, "read members 2/40 ▕█░░░░░░░░░▏ +8.33/s · held 1s"},
	} {
		if got := ansi.Strip(Gauge(s, c.snap, now)); !strings.HasPrefix(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.snap, got, c.want)
		}
	}
}

// learnt is b with its rate measured, not documented.
func learnt(b pace.BucketState) pace.BucketState {
	b.Documented = false
	return b
}

// held is a snapshot whose calls wait until for write members.
func held(b pace.BucketState, until time.Time) pace.Snapshot {
	s := pace.Snapshot{BucketState: b, WaitingFor: "organization_members_write"}
	s.WaitingUntil = until
	return s
}

func TestStatusClearsItself(t *testing.T) {
	m := New(context.Background())
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

// A long status keeps its words: the gauge gives up its bar and rate first.
func TestLongStatusShortensTheGaugeFirst(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	m := New(context.Background())
	m.SetWidth(120)
	m.SetBudget(pace.Snapshot{BucketState: pace.BucketState{Name: "organization_members_read", Known: true, Limit: 40, Remaining: 32,
		Seen: now, Rate: 8.33, Documented: true}, InFlight: 3})
	text := "removed 10 of 200 members from acme; 190 failed: rate limited; retry in 8s, check the audit"
	m.SetStatus(common.StatusMsg{Text: text, Level: common.Warning})
	line := strings.SplitN(ansi.Strip(m.View(theme.New(true, true), common.HelpMap{}, now)), "\n", 2)[0]
	if !strings.Contains(line, text) || !strings.Contains(line, "read members 32/40") {
		t.Fatalf("at 120 columns the footer reads %q", line)
	}
}

// A help line cut within two cells of the width still ends where it
// should: with an ellipsis where bindings were left out, never past the
// edge (bubbles' help appended every binding once its ellipsis did not fit).
func TestHelpLineNeverRunsPastTheWidth(t *testing.T) {
	b := func(k, d string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, d)) }
	short := []key.Binding{b("enter", "open"), b("D", "delete org"), b("!", "doctor"), b("C", "tenant connections"),
		b("u", "users"), b(".", "more options"), b("/", "filter")}
	for w := 20; w <= 100; w++ {
		m := New(context.Background())
		m.SetWidth(w)
		line := m.helpLine(short, []key.Binding{b("?", "help")})
		if got := ansi.StringWidth(line); got > w || !strings.HasSuffix(ansi.Strip(line), "? help") {
			t.Fatalf("at %d columns the help line is %d wide: %q", w, got, ansi.Strip(line))
		}
	}
}
