package client_test

import (
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Auth0 takes a colour scheme only whole: one colour given, the other is
// Auth0's default; none given, no scheme is sent (an empty one is a 400).
func TestColourSchemesAreSentWhole(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	c := connect(t, tn)
	o, err := c.CreateOrganization(ctx, client.OrgSpec{Name: "acme", Colors: map[string]string{"primary": "#12ab34"}})
	ok(t, err)
	if o.Colors["primary"] != "#12ab34" || o.Colors["page_background"] != client.DefaultPageBackground {
		t.Fatalf("created with colours %v", o.Colors)
	}
	o, err = c.UpdateOrganization(ctx, o.ID, client.OrgSpec{Name: "acme", DisplayName: "Acme"})
	ok(t, err)
	if len(o.Colors) != 0 {
		t.Fatalf("after removing the colours: %v", o.Colors)
	}
	o, err = c.UpdateOrganization(ctx, o.ID, client.OrgSpec{Name: "acme", DisplayName: "Acme", Colors: map[string]string{"page_background": "#ffffff"}})
	ok(t, err)
	if o.Colors["primary"] != client.DefaultPrimaryColor || o.Colors["page_background"] != "#ffffff" {
		t.Fatalf("after setting the background: %v", o.Colors)
	}
}
