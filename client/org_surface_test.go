package client_test

import (
	"slices"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The demo's acme has a machine-to-machine grant, an application, an
// organization-level role and three groups mapped to roles.
func TestNewerOrganizationReads(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 100})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")

	grants, err := c.OrgClientGrants(ctx, acme.ID)
	ok(t, err)
	if len(grants) != 1 || grants[0].Audience != "https://billing.acme.example/" || len(grants[0].Scopes) != 2 {
		t.Fatalf("acme's grants: %+v", grants)
	}
	apps, err := c.OrgApplications(ctx, acme.ID)
	ok(t, err)
	if len(apps) != 1 || apps[0].Name != "Customer Portal" || !apps[0].MemberAccess {
		t.Fatalf("acme's applications: %+v", apps)
	}
	roles, err := c.OrgRoles(ctx, acme.ID)
	ok(t, err)
	if len(roles) != 1 || roles[0].Name != "acme-billing-admin" {
		t.Fatalf("acme's own roles: %+v", roles)
	}
	before := tn.Server.Stats().Calls
	groups, err := c.OrgGroups(ctx, acme.ID, "")
	ok(t, err)
	if len(groups.Items) != 3 || groups.Items[2].Name != "finance" || groups.Next != "" {
		t.Fatalf("acme's groups: %+v", groups)
	}
	if calls := tn.Server.Stats().Calls - before; calls != 1 {
		t.Fatalf("listing 3 groups made %d calls, want 1 (their roles are read apart)", calls)
	}
	finance, err := c.GroupRoles(ctx, acme.ID, groups.Items[2].ID)
	ok(t, err)
	if len(finance) != 2 || !slices.ContainsFunc(finance, func(r client.Role) bool { return r.Name == "acme-billing-admin" }) {
		t.Fatalf("the roles finance gives: %+v", finance)
	}

	// the 50th member is in finance (the seed's 40–59): the billing role
	// comes through the group, and held directly too it says both
	members, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	uid := members.Items[50].UserID
	ok(t, c.AssignRoles(ctx, acme.ID, uid, []string{roles[0].ID}))
	eff, err := c.EffectiveRoles(ctx, acme.ID, uid)
	ok(t, err)
	var billing *client.EffectiveRole
	for i := range eff {
		if eff[i].ID == roles[0].ID {
			billing = &eff[i]
		}
	}
	if billing == nil || !billing.Direct || !billing.ThroughGroups {
		t.Fatalf("effective roles: %+v", eff)
	}
}

// A tenant without the Early Access features says so, and is not asked
// again for a while.
func TestNewerOrganizationReadsWithoutTheFeatures(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 10, NoOrgClients: true, NoGroups: true})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	for round, want := range []int64{2, 0} { // one call each to learn it, then none
		before := tn.Server.Stats().Calls
		_, err := c.OrgApplications(ctx, acme.ID)
		if client.KindOf(err) != client.Unsupported {
			t.Fatalf("applications on a tenant without them: %v", err)
		}
		_, err = c.OrgGroups(ctx, acme.ID, "")
		if client.KindOf(err) != client.Unsupported {
			t.Fatalf("groups on a tenant without them: %v", err)
		}
		if calls := tn.Server.Stats().Calls - before; calls != want {
			t.Fatalf("round %d: %d calls, want %d", round, calls, want)
		}
	}
}
