package client_test

import (
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// An organization's own role is made, listed with who holds it, and
// deleted; a tenant role is never deleted from an organization; a tenant
// without organization-level roles says so in one call, then none.
func TestOrgRoles(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 10})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	r, err := c.CreateOrgRole(ctx, acme.ID, "auditor", "Reads the books")
	ok(t, err)
	members, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	ok(t, c.AssignRoles(ctx, acme.ID, members.Items[0].UserID, []string{r.ID}))
	held, err := c.OrgRoleMembers(ctx, acme.ID, r.ID)
	ok(t, err)
	if len(held) != 1 || held[0].UserID != members.Items[0].UserID {
		t.Fatalf("auditor's members: %+v", held)
	}
	tenantRoles, err := c.Roles(ctx)
	ok(t, err)
	if err := c.DeleteOrgRole(ctx, acme.ID, tenantRoles[0].ID); client.KindOf(err) != client.Invalid {
		t.Fatalf("deleting a tenant role from an organization: %v", err)
	}
	ok(t, c.DeleteOrgRole(ctx, acme.ID, r.ID))
	roles, err := c.OrgRoles(ctx, acme.ID)
	ok(t, err)
	for _, x := range roles {
		if x.ID == r.ID {
			t.Fatalf("deleted role still listed: %+v", roles)
		}
	}

	bare := simtest.Start(t, sim.Options{Orgs: 3, Members: 10, NoOrgRoles: true})
	c = connect(t, bare)
	acme = orgByName(t, c, "acme")
	for round, want := range []int64{1, 0} {
		before := bare.Server.Stats().Calls
		if _, err := c.OrgRoles(ctx, acme.ID); client.KindOf(err) != client.Unsupported {
			t.Fatalf("organization roles on a tenant without them: %v", err)
		}
		if n := bare.Server.Stats().Calls - before; n != want {
			t.Fatalf("round %d: %d calls, want %d", round, n, want)
		}
	}
}
