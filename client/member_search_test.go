package client_test

import (
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Searching a 100,000-member organization for an email finds the member
// in one call, without reading the members list.
func TestSearchMembersOfALargeOrganization(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-member organization")
	}
	tn := simtest.Start(t, sim.Options{Orgs: 1, Members: limits.MaxMembers - 1})
	admin := tn.Management(t)
	needle := &management.User{Connection: auth0.String("Username-Password-Authentication"),
		Email: auth0.String("needle@haystack.example"), Password: auth0.String("Str0ng!pass"), Name: auth0.String("Nadia Needle")}
	ok(t, admin.User.Create(ctx, needle))
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	ok(t, admin.Organization.AddMembers(ctx, acme.ID, []string{needle.GetID()})) // the 100,000th member
	if n, err := c.CountMembers(ctx, acme.ID); err != nil || n != limits.MaxMembers {
		t.Fatalf("acme has %d members (%v), want %d", n, err, limits.MaxMembers)
	}

	before := tn.Stats()
	found, err := c.SearchMembers(ctx, acme.ID, "needle@haystack.example")
	ok(t, err)
	after := tn.Stats()
	if len(found) != 1 || found[0].UserID != needle.GetID() || found[0].Name != "Nadia Needle" {
		t.Fatalf("found %+v", found)
	}
	if calls := after.Calls - before.Calls; calls > 2 {
		t.Fatalf("%d calls to find one member, want at most 2", calls)
	}
	if reads := after.ByGroup[string(limits.OrgMembersRead)] - before.ByGroup[string(limits.OrgMembersRead)]; reads != 0 {
		t.Fatalf("the members list was read %d times", reads)
	}

	// by user id and by part of a name, within the organization only
	byID, err := c.SearchMembers(ctx, acme.ID, needle.GetID())
	ok(t, err)
	if len(byID) != 1 || byID[0].Email != "needle@haystack.example" {
		t.Fatalf("by user id: %+v", byID)
	}
	part, err := c.SearchMembers(ctx, acme.ID, "needle")
	ok(t, err)
	if len(part) != 1 {
		t.Fatalf("by part of the name: %+v", part)
	}
	other, err := c.CreateOrganization(ctx, client.OrgSpec{Name: "elsewhere"})
	ok(t, err)
	none, err := c.SearchMembers(ctx, other.ID, "needle@haystack.example")
	ok(t, err)
	if len(none) != 0 {
		t.Fatalf("found in an organization they are not in: %+v", none)
	}
}

func TestMemberQuery(t *testing.T) {
	for text, want := range map[string]string{
		"ana@example.com":        `organization_id:"org_1" AND email:"ana@example.com"`,
		"oidc|partner-oidc/ab12": `organization_id:"org_1" AND user_id:"oidc|partner-oidc/ab12"`,
		`ana" OR name:"*`:        `organization_id:"org_1" AND (name:"*ana OR name:**" OR email:"*ana OR name:**")`,
		"  ":                     "",
	} {
		if got := client.MemberQuery("org_1", text); got != want {
			t.Errorf("MemberQuery(%q) = %s, want %s", text, got, want)
		}
	}
}

// A search text that tries to widen the query finds nobody extra.
func TestSearchMembersCannotWidenTheQuery(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 50})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	found, err := c.SearchMembers(ctx, acme.ID, `zz" OR name:"*`)
	ok(t, err)
	if len(found) != 0 {
		t.Fatalf("a quoted OR found %d members", len(found))
	}
}
