package ui

import (
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A name the tenant already has brings the create form back with all
// that was typed: only the name needs changing.
func TestDuplicateNameKeepsTheForm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("c")
		f.want("Create an organization", "┃ Name")
		f.typed("acme").press("enter")
		f.typed("Dup Co").press("enter", "enter")
		f.typed("#12ab34").press("enter", "enter", "tab", "enter")
		f.want("Create organization acme?", "display name: Dup Co")
		f.confirm("y")
		f.want("create acme: An organization", "Create an organization", "> acme", "> Dup Co", "> #12ab34")
		f.press("ctrl+u")
		f.typed("acme-two").press("enter", "enter", "enter", "enter", "enter", "tab", "enter")
		f.want("Create organization acme-two?", "display name: Dup Co", "primary colour: #12ab34")
		f.confirm("y")
		f.want("created organization acme-two")
	})
}
