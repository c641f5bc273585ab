package ui

import (
	"testing"
	"testing/synctest"

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
