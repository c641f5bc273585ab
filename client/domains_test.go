package client_test

import (
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestDiscoveryDomainsRoundTrip(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 10})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	got, err := c.DiscoveryDomains(ctx, acme.ID)
	ok(t, err)
	if len(got) != 2 || got[0].Domain != "acme.example" || !got[0].Verified || got[1].UseForDiscovery {
		t.Fatalf("the demo's domains: %+v", got)
	}
	before := tn.Stats().Calls
	if _, err := c.AddDiscoveryDomain(ctx, acme.ID, client.DiscoveryDomain{Domain: "no-dot"}); client.KindOf(err) != client.Invalid {
		t.Fatalf("a name without a dot: %v", err)
	}
	if n := tn.Stats().Calls - before; n != 0 {
		t.Fatalf("%d calls for a domain Auth0 would refuse", n)
	}
	d, err := c.AddDiscoveryDomain(ctx, acme.ID, client.DiscoveryDomain{Domain: "Acme.IO"})
	ok(t, err)
	if d.Domain != "acme.io" || d.Verified || d.UseForDiscovery || d.TXTHost != "_ss-verification."+acme.ID+".acme.io" || len(d.TXTValue) != 32 {
		t.Fatalf("added: %+v", d)
	}
	_, err = c.AddDiscoveryDomain(ctx, acme.ID, client.DiscoveryDomain{Domain: "acme.io", UseForDiscovery: true})
	if client.KindOf(err) != client.Conflict {
		t.Fatalf("the same domain again: %v", err)
	}
	d, err = c.UpdateDiscoveryDomain(ctx, acme.ID, d.ID, true, true)
	ok(t, err)
	if !d.Verified || !d.UseForDiscovery {
		t.Fatalf("updated: %+v", d)
	}
	ok(t, c.RemoveDiscoveryDomain(ctx, acme.ID, d.ID))
	ok(t, c.RemoveDiscoveryDomain(ctx, acme.ID, d.ID)) // gone already: what was asked holds
	if got, _ := c.DiscoveryDomains(ctx, acme.ID); len(got) != 2 {
		t.Fatalf("after removal: %+v", got)
	}
}

// A tenant without the feature is known by its route-level 404, once:
// later organizations cost no call.
func TestDiscoveryDomainsUnsupportedIsRemembered(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 10, NoDiscoveryDomains: true})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	if _, err := c.DiscoveryDomains(ctx, acme.ID); client.KindOf(err) != client.Unsupported {
		t.Fatalf("a tenant without discovery domains: %v", err)
	}
	before := tn.Stats().Calls
	if _, err := c.DiscoveryDomains(ctx, acme.ID); client.KindOf(err) != client.Unsupported {
		t.Fatalf("asked again: %v", err)
	}
	if n := tn.Stats().Calls - before; n != 0 {
		t.Fatalf("%d calls to learn again what the tenant lacks", n)
	}
	// a missing organization is not a missing feature
	other := simtest.Start(t, sim.Options{Orgs: 3, Members: 10})
	c = connect(t, other)
	if _, err := c.DiscoveryDomains(ctx, "org_gone"); client.KindOf(err) != client.NotFound {
		t.Fatalf("a missing organization: %v", err)
	}
}
