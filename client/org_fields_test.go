package client_test

import (
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Changed names the fields that differ, the settings only where the
// after-spec has them; an edit with Send sends only those, leaving the
// other fields (and settings absent before) as the tenant holds them.
func TestEditSendsOnlyTheChangedFields(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 2})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	before := client.SpecOf(acme)
	before.Settings = &client.OrgSettings{ThirdPartyAccess: "block", NoEntitlement: true}
	after := client.SpecOf(acme)
	after.DisplayName = "Acme, edited"
	after.Metadata = map[string]string{"only": "in-the-spec"}
	after.Settings = &client.OrgSettings{ThirdPartyAccess: "block", NoEntitlement: true, TokenQuota: &client.TokenQuota{PerDay: 9, Enforce: true}}
	if got := client.Changed(before, after); got != client.FieldDisplayName|client.FieldMetadata|client.FieldTokenQuota {
		t.Fatalf("changed %v", got)
	}
	if got := client.Changed(before, client.SpecOf(acme)); got != 0 {
		t.Fatalf("no change, yet changed %v", got)
	}
	after.Send = client.FieldDisplayName | client.FieldTokenQuota // the metadata in the spec is not sent
	now, err := c.UpdateOrganization(ctx, acme.ID, after)
	ok(t, err)
	if now.DisplayName != "Acme, edited" || now.TokenQuota == nil || now.Metadata["only"] != "" || now.ThirdPartyAccess != "" {
		t.Fatalf("sent more or less than asked: %+v", now)
	}
	before.Send = after.Send
	now, err = c.UpdateOrganization(ctx, acme.ID, before)
	ok(t, err)
	if now.DisplayName != acme.DisplayName || now.TokenQuota != nil || now.ThirdPartyAccess != "" {
		t.Fatalf("the undo left %+v", now)
	}
}

// Auth0 cannot clear a display name: an edit that says it sends an empty
// one is refused before any call, so it can never report the old name
// gone while it stays; an edit sending everything leaves an empty one out.
func TestEditRefusesToSendAnEmptyDisplayName(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 2})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	if acme.DisplayName == "" {
		t.Fatal("the simulator's acme has no display name to keep")
	}
	spec := client.SpecOf(acme)
	spec.DisplayName = ""
	spec.Metadata = map[string]string{"sent": "with-it"}
	spec.Send = client.FieldDisplayName | client.FieldMetadata
	if _, err := c.UpdateOrganization(ctx, acme.ID, spec); client.KindOf(err) != client.Invalid {
		t.Fatalf("an empty display name sent: %v", err)
	}
	now := orgByName(t, c, "acme")
	if now.DisplayName != acme.DisplayName || now.Metadata["sent"] != "" {
		t.Fatalf("a refused edit reached the tenant: %+v", now)
	}
	spec.Send = 0 // everything: the empty display name is left out
	now, err := c.UpdateOrganization(ctx, acme.ID, spec)
	ok(t, err)
	if now.DisplayName != acme.DisplayName || now.Metadata["sent"] != "with-it" {
		t.Fatalf("the full edit left %+v", now)
	}
}
