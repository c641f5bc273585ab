package crossorg_test

import (
	"testing"

	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestFindOrganizations(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 12, Members: 10})
	c := connect(t, tn)
	acme, err := c.OrganizationByName(ctx, "acme")
	ok(t, err)

	// before any scan: exact lookups only, on the tenant, and no listing's age
	before := tn.Server.Stats().Calls
	found, err := crossorg.FindOrganizations(ctx, c, acme.ID)
	ok(t, err)
	if len(found.Matches) != 1 || !found.Matches[0].Live || found.Matches[0].By != "id" || !found.ListedAt.IsZero() {
		t.Fatalf("by id before a scan: %+v", found)
	}
	found, err = crossorg.FindOrganizations(ctx, c, "acme")
	ok(t, err)
	if len(found.Matches) != 1 || found.Matches[0].ID != acme.ID || found.Matches[0].By != "name" {
		t.Fatalf("by name before a scan: %+v", found)
	}
	if calls := tn.Server.Stats().Calls - before; calls != 2 {
		t.Fatalf("%d calls for two exact lookups", calls)
	}

	// after a scan: parts of names, display names and metadata, from the index
	ok(t, crossorg.IndexOf(c).Scan(ctx, c, false, func(crossorg.ScanProgress) {}))
	before = tn.Server.Stats().Calls
	found, err = crossorg.FindOrganizations(ctx, c, "CRM-10000")
	ok(t, err)
	if len(found.Matches) != 1 || found.Matches[0].By != "metadata" || found.Matches[0].Live || found.ListedAt.IsZero() {
		t.Fatalf("by a metadata value: %+v", found)
	}
	if calls := tn.Server.Stats().Calls - before; calls != 0 {
		t.Fatalf("%d calls for a search of the index", calls)
	}
	tier := acme.Metadata["tier"]
	found, err = crossorg.FindOrganizations(ctx, c, "tier="+tier)
	ok(t, err)
	if len(found.Matches) == 0 {
		t.Fatalf("no organization with tier=%s", tier)
	}
	for _, m := range found.Matches {
		if m.Metadata["tier"] != tier {
			t.Fatalf("tier=%s found %s with %v", tier, m.Name, m.Metadata)
		}
	}
	found, err = crossorg.FindOrganizations(ctx, c, acme.DisplayName)
	ok(t, err)
	if len(found.Matches) == 0 || found.Matches[0].ID != acme.ID {
		t.Fatalf("by display name %q: %+v", acme.DisplayName, found)
	}
}
