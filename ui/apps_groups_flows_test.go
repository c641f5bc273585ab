package ui

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// 9 lists the applications associated with acme and whether its members
// may use each; 0 lists acme's groups with the roles each gives.
func TestFlowApplicationsAndGroups(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 100})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "9")
		f.wait("Applications (1)", "APPLICATION", "MEMBER ACCESS", "Customer Portal", "yes")
		f.press("0")
		f.wait("Groups (3)", "GROUP", "ROLES IT GIVES", "engineering", "finance")
		f.want("acme-billing-admin") // finance gives the organization's own role
	})
}

// A tenant without organization applications or groups shows neither
// tab: 9 and 0 say so.
func TestFlowNoApplicationsOrGroupsTabsWithoutTheFeatures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2, NoOrgClients: true, NoGroups: true})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Roles (1)")
		f.Advance(time.Second) // every eager tab has its answer
		f.wantNot("Applications", "Groups")
		f.press("9")
		f.want("this tenant has no applications tab")
		f.press("0")
		f.want("this tenant has no groups tab")
	})
}
