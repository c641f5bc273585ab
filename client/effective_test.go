package client_test

import (
	"slices"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A member's effective roles name the groups that give each; a tenant
// without groups answers Unsupported, learnt in one call and remembered.
func TestEffectiveRolesNameTheirGroups(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 100})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	members, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	uid := members.Items[50].UserID // in finance only (the seed's 40–64), which gives the billing role
	eff, err := c.EffectiveRoles(ctx, acme.ID, uid)
	ok(t, err)
	i := slices.IndexFunc(eff, func(e client.EffectiveRole) bool { return e.Name == "acme-billing-admin" })
	if i < 0 || eff[i].Direct || !slices.Equal(eff[i].Groups, []string{"finance"}) {
		t.Fatalf("effective roles of a finance member: %+v", eff)
	}

	bare := simtest.Start(t, sim.Options{Orgs: 3, Members: 10, NoGroups: true})
	c = connect(t, bare)
	acme = orgByName(t, c, "acme")
	members, err = c.Members(ctx, acme.ID, "")
	ok(t, err)
	for round, want := range []int64{1, 0} {
		before := bare.Server.Stats().Calls
		if _, err := c.EffectiveRoles(ctx, acme.ID, members.Items[0].UserID); client.KindOf(err) != client.Unsupported {
			t.Fatalf("effective roles on a tenant without groups: %v", err)
		}
		if n := bare.Server.Stats().Calls - before; n != want {
			t.Fatalf("round %d: %d calls, want %d", round, n, want)
		}
	}
}
