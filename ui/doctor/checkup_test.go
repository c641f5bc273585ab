package doctor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// While the checkup reads a large organization's members it says how many
// pages of how many it has read, not a bare "checking…".
func TestCheckupShowsTheMemberPagesRead(t *testing.T) {
	f := clienttest.New(1, 250)
	release := make(chan struct{})
	defer close(release)
	pages := 0
	f.Fail = func(op string) error {
		if op == "list members" {
			if pages++; pages == 2 {
				<-release // the second page is slow
			}
		}
		return nil
	}
	c := uitest.Common(t, f)
	m := NewCheckup(c, f.Orgs[0])
	cmd := m.Init()
	for {
		msg, ok := cmd().(progressMsg)
		if !ok {
			t.Fatalf("the checkup ended while page 2 is held: %T", msg)
		}
		m.Update(msg)
		if strings.Contains(ansi.Strip(m.View()), "checking… reading members: page 1 of 3") {
			return
		}
		cmd = msg.next
	}
}

// A coloured line wraps with its continuation under its text: the indent
// counts cells, not the bytes of its colour codes (a red "ERROR" once
// pushed the rest of its finding 40 columns right).
func TestWrapIndentsByCellsNotColourBytes(t *testing.T) {
	line := "\x1b[1;31mERROR\x1b[m   Customer Portal requires an organization, and no connection enabled in globex is enabled for it"
	got := wrap(line, 60, 8)
	if len(got) < 2 {
		t.Fatalf("not wrapped: %q", got)
	}
	for _, l := range got[1:] {
		if lead := len(l) - len(strings.TrimLeft(l, " ")); lead != 8 {
			t.Errorf("continuation indented %d, want 8: %q", lead, l)
		}
	}
}

// The list of checks that ran breaks between names, never inside one at
// its hyphens, and loses none.
func TestRanListBreaksBetweenNames(t *testing.T) {
	names := []string{"no-connection", "all-connections-hidden", "connection-for-no-application", "application-without-connection", "members-connection-not-enabled"}
	lines := packed("ran: ", names, 40)
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("%q is wider than 40", l)
		}
	}
	joined := strings.Join(lines, "\n")
	for _, n := range names {
		if !strings.Contains(joined, n) {
			t.Errorf("%q was broken or lost:\n%s", n, joined)
		}
	}
	if len(lines) < 3 || !strings.HasPrefix(lines[1], "    ") {
		t.Errorf("want continuation lines indented:\n%s", joined)
	}
}
