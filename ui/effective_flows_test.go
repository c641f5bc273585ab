package ui

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// fiftieth is the email of acme's 51st member in listing order: in the
// demo's finance group alone (its 40–64), which gives the billing role.
func (f *flow) fiftieth() string {
	f.t.Helper()
	l, err := f.admin.Organization.Members(context.Background(), f.orgID("acme"), management.Take(100))
	if err != nil || len(l.Members) <= 50 {
		f.t.Fatalf("acme's members: %v", err)
	}
	return l.Members[50].GetEmail()
}

// A member's page lists their effective roles, each with where it comes
// from: the billing role through the finance group, a role given directly
// as direct.
func TestFlowEffectiveRolesOnTheMemberPage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 100})
		f := startFlow(t, tn, "", "")
		email := f.fiftieth()
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "3")
		f.wait("Members (100)")
		f.press("/").typed(email).press("enter")
		f.wait("1 of 1")
		f.press("enter")
		f.wait("Roles here", "Effective", "acme-billing-admin — through finance")
	})
}

// A tenant without groups shows no effective roles: the roles there are
// the direct ones, under "Roles here".
func TestFlowNoEffectiveRolesWithoutGroups(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 100, NoGroups: true})
		f := startFlow(t, tn, "", "")
		email := f.fiftieth()
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "3")
		f.wait("Members (100)")
		f.press("/").typed(email).press("enter")
		f.wait("1 of 1")
		f.press("enter")
		f.wait("Roles here", "Member of")
		f.Advance(time.Second) // the effective roles' answer is in by now
		f.wantNot("Effective", "through")
	})
}
