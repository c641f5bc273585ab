package ui

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// The answer to a change arrives after the screen that started it has
// closed: the session still shows its outcome, offers the undo, and no
// longer counts it in flight.
func TestAnswerAfterItsScreenClosedIsNotLost(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5,
			Faults: sim.Faults{LatencyMin: 3 * time.Second, LatencyMax: 3 * time.Second}})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("acme › Overview")
		f.press("3")
		f.wait("Members (5)")
		before := len(f.members("acme"))
		f.press("space", "d")
		f.confirm("y")
		f.press("esc") // leave at once, while the removal is in flight
		f.want("3 organizations")
		if n := f.c.Pending(); n != 1 {
			t.Fatalf("%d changes in flight right after confirming, want 1", n)
		}
		f.wait("removed 1 member from acme", "z undo removal of 1 member from acme")
		if n := f.c.Pending(); n != 0 {
			t.Fatalf("%d changes still counted in flight after the answer", n)
		}
		if after := len(f.members("acme")); after != before-1 {
			t.Fatalf("the tenant has %d members, want %d", after, before-1)
		}
		f.audited("remove members")
		if !f.quits("q") {
			t.Fatal("quitting still asks about a change that has been answered")
		}
	})
}

// The More Options menu shows and accepts the key the user bound, not the default.
func TestMenuFollowsTheUsersKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rebind := func(c *common.Common) {
			if err := c.Keys.Override(map[string][]string{"remove": {"x"}}); err != nil {
				t.Fatal(err)
			}
		}
		s := open(t, clienttest.New(2, 5), 120, 36, rebind)
		s.press("enter", "3")
		s.want("x remove")
		s.wantNot("d remove")
		s.press(".")
		s.want("Remove member                        x")
		s.press("d") // the old key does nothing in the menu
		s.want("More options")
		s.wantNot("Remove 1 member?")
		s.press("x")
		s.want("Remove 1 member?")
		s.press("esc", "d") // nor on the list
		s.wantNot("Remove 1 member?")
		s.press("x")
		s.want("Remove 1 member?")
	})
}

// While the filter or a dialog has the focus, the footer's help is theirs.
func TestHelpFollowsTheFocus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 5), 120, 36)
		s.want("enter open", "? help")
		s.press("/")
		s.want("enter keep filter • esc clear filter")
		s.wantNot("enter open", "? help")
		s.press("esc", "enter", "3", "d")
		s.want("esc cancel")
		s.wantNot("y remove") // not armed yet: y does nothing
		s.Advance(time.Second)
		s.want("y remove • n/esc cancel")
		s.wantNot("/ filter")
	})
}
