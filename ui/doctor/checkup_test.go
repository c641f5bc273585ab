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
