package ui

import (
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// An undo offer ends with the organization it would restore into: remove
// members of acme, delete acme, and z no longer offers to put them back
// (it could only fail); an offer for another organization stays.
func TestUndoOfferEndsWhenItsOrganizationIsDeleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "3")
		f.wait("Members (5)")
		f.press("space", "j", "space", "d")
		f.confirm("y")
		f.wait("removed 2 members from acme", "z undo removal of 2 members from acme")
		f.press("esc", "D")
		f.want("Delete organization acme?")
		f.Advance(0)
		f.typed("acme").confirm("enter")
		f.wait("deleted organization acme", "2 organizations")
		f.wantNot("z undo")
		f.press("z")
		f.want("nothing to undo")
		f.wantNot("undoing")
	})
}

// The same holds for the newer tabs' changes, which make their offers
// through list.Tab: delete one of acme's own roles, delete acme, and z
// offers nothing.
func TestUndoOfARoleDeletionEndsWithItsOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "8")
		f.wait("Roles (1)", "acme-billing-admin")
		f.press("d")
		f.confirm("y")
		f.wait("deleted acme-billing-admin", "z undo deletion of acme-billing-admin")
		f.press("esc", "D")
		f.want("Delete organization acme?")
		f.Advance(0)
		f.typed("acme").confirm("enter")
		f.wait("deleted organization acme", "2 organizations")
		f.wantNot("z undo")
		f.press("z")
		f.want("nothing to undo")
	})
}

// Quitting with a change running asks, and says the change is still
// running (a change across organizations may have calls not sent yet),
// never that it "was sent and not answered".
func TestQuitSaysAChangeIsStillRunning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := clienttest.New(2, 10)
		release := make(chan struct{})
		fake.Fail = func(op string) error {
			if op == "remove members" {
				<-release
			}
			return nil
		}
		s := open(t, fake, 120, 36)
		s.press("enter", "3", "space", "d")
		s.confirm("y")
		s.press("esc", "esc", "q")
		s.want("Quit with changes in flight?", "1 change is still running")
		s.wantNot("sent and not answered")
		close(release)
	})
}
