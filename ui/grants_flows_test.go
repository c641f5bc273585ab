package ui

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// orgGrants are the ids of the client grants associated with an
// organization, as an admin reads them.
func (f *flow) orgGrants(orgID string) []string {
	f.t.Helper()
	l, err := f.admin.Organization.ClientGrants(context.Background(), orgID)
	if err != nil {
		f.t.Fatal(err)
	}
	var ids []string
	for _, g := range l.ClientGrants {
		ids = append(ids, g.GetID())
	}
	return ids
}

// spareGrant makes an API and a grant to it that organizations may use
// (usage "allow") and one they may not ("deny"); it returns the first's id.
func (f *flow) spareGrant() string {
	f.t.Helper()
	ctx, a := context.Background(), f.admin
	must := func(err error) {
		if err != nil {
			f.t.Fatal(err)
		}
	}
	must(a.Request(ctx, "POST", a.URI("resource-servers"), &map[string]any{"name": "Reports API", "identifier": "https://reports.example/"}))
	must(a.Request(ctx, "POST", a.URI("resource-servers"), &map[string]any{"name": "Secret API", "identifier": "https://secret.example/"}))
	var g struct {
		ID string `json:"id"`
	}
	must(a.Request(ctx, "POST", a.URI("client-grants"), &map[string]any{"client_id": f.tn.ClientID(),
		"audience": "https://secret.example/", "scope": []string{"read:secrets"}}))
	must(a.Request(ctx, "POST", a.URI("client-grants"), &map[string]any{"client_id": f.tn.ClientID(),
		"audience": "https://reports.example/", "scope": []string{"read:reports"}, "organization_usage": "allow"}))
	l, err := a.ClientGrant.List(ctx)
	must(err)
	for _, x := range l.ClientGrants {
		if x.GetAudience() == "https://reports.example/" {
			g.ID = x.GetID()
		}
	}
	return g.ID
}

// 7 lists acme's machine-to-machine grants with their API and scopes; n
// offers the tenant's grants not yet associated (a denied one says why it
// cannot be picked) and associates one, z takes it away again; d removes
// the one associated and z puts it back. The tenant and the audit agree.
func TestFlowMachineToMachineAccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		seeded := f.orgGrants(acme)
		if len(seeded) != 1 {
			t.Fatalf("the demo's acme has grants %v", seeded)
		}
		spare := f.spareGrant()
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.press(":").typed("m2m").press("enter") // as 7 does
		f.wait("acme › M2M Access", "M2M Access (1)", "Acme Billing API", "https://billing.acme.example/", "read:invoices read:usage")
		f.want("n associate grant", "d remove grant")

		f.press("n")
		f.wait("Associate a client grant with acme", "Reports API · orgdash · read:reports",
			"organization usage is deny")
		f.press("enter") // the menu starts on the first it can pick: Reports API
		f.want("Associate this grant?", "orgdash for Reports API (https://reports.example/) with", "read:reports. z removes it")
		f.confirm("y")
		f.wait("associated Reports API for", "M2M Access (2)")
		if got := f.orgGrants(acme); !slices.Contains(got, spare) || len(got) != 2 {
			t.Fatalf("after associating, acme has %v", got)
		}
		f.press("z")
		f.wait("removed Reports API", "M2M Access (1)")
		if got := f.orgGrants(acme); slices.Contains(got, spare) {
			t.Fatalf("after the undo, acme has %v", got)
		}

		f.press("d")
		f.want("Remove this grant from acme?", "Customer Portal for Acme Billing API", "The grant stays the")
		f.confirm("y")
		f.wait("removed Acme Billing API", "M2M Access (0)", "no machine-to-machine grant is associated")
		if got := f.orgGrants(acme); len(got) != 0 {
			t.Fatalf("after removing, acme has %v", got)
		}
		f.press("z")
		f.wait("put back Acme Billing API", "M2M Access (1)")
		if got := f.orgGrants(acme); !slices.Equal(got, seeded) {
			t.Fatalf("after the undo, acme has %v, had %v", got, seeded)
		}
		es := f.audited("associate client grant", "remove client grant", "remove client grant", "associate client grant")
		if es[0].Targets[0] != spare || es[2].Before["audience"] != "https://billing.acme.example/" {
			t.Fatalf("audit %+v / %+v", es[0], es[2])
		}
	})
}

// On a read-only profile n and d are refused, saying why: nothing is
// sent, nothing is audited, acme keeps its grant.
func TestFlowMachineToMachineAccessReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, "profile prod is read-only") })
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "7")
		f.wait("M2M Access (1)", "Acme Billing API")
		f.press("d")
		f.want("cannot remove client grant: profile prod is read-only")
		f.press("n")
		f.want("cannot associate client grant: profile prod is read-only")
		f.audited()
		if got := f.orgGrants(acme); len(got) != 1 {
			t.Fatalf("a read-only profile changed acme's grants: %v", got)
		}
	})
}
