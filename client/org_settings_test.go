package client_test

import (
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// An edit carrying the newer settings sets them (a token quota, third-party
// access, entitlement) and can remove the quota; an edit without them
// leaves them as they were.
func TestEditOrganizationSettings(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 2})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	set := client.OrgSettings{ThirdPartyAccess: "allow", AppEntitlement: true, TokenQuota: &client.TokenQuota{PerDay: 500, Enforce: true}}
	spec := client.SpecOf(acme)
	spec.Settings = &set
	now, err := c.UpdateOrganization(ctx, acme.ID, spec)
	ok(t, err)
	if got := client.SettingsOf(now); got.ThirdPartyAccess != "allow" || !got.AppEntitlement || got.TokenQuota == nil || *got.TokenQuota != *set.TokenQuota {
		t.Fatalf("after setting: %+v (quota %+v)", got, got.TokenQuota)
	}
	plain := client.SpecOf(now)
	plain.DisplayName = "Acme, edited"
	now, err = c.UpdateOrganization(ctx, acme.ID, plain)
	ok(t, err)
	if got := client.SettingsOf(now); got.TokenQuota == nil || got.ThirdPartyAccess != "allow" {
		t.Fatalf("an edit without settings changed them: %+v", got)
	}
	set.TokenQuota = nil
	spec = client.SpecOf(now)
	spec.Settings = &set
	now, err = c.UpdateOrganization(ctx, acme.ID, spec)
	ok(t, err)
	if now.TokenQuota != nil {
		t.Fatalf("the quota was not removed: %+v", now.TokenQuota)
	}
	spec.Settings = &client.OrgSettings{ThirdPartyAccess: "allow", TokenQuota: &client.TokenQuota{}}
	if _, err := c.UpdateOrganization(ctx, acme.ID, spec); client.KindOf(err) != client.Invalid {
		t.Fatalf("an empty quota: %v", err)
	}
}
