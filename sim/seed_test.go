package sim_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestDemoTenant(t *testing.T) {
	opts := sim.DefaultOptions()
	opts.Plan = "" // this test reads a lot; the limits have tests of their own
	tn := simtest.Start(t, opts)
	m := tn.Management(t)
	ctx := context.Background()

	var orgs []*management.Organization
	for from := ""; ; {
		l, err := m.Organization.List(ctx, management.Take(100), management.From(from))
		must(t, err)
		orgs = append(orgs, l.Organizations...)
		if !l.HasNext() {
			break
		}
		from = l.Next
	}
	if len(orgs) != 150 {
		t.Fatalf("%d organizations, want 150", len(orgs))
	}
	var unicode, escape, branded, withMetadata int
	for _, o := range orgs {
		d := o.GetDisplayName()
		if strings.ContainsRune(d, '\x1b') {
			escape++
		}
		for _, r := range d {
			if r > 127 && r != '\x1b' {
				unicode++
				break
			}
		}
		if o.GetBranding().GetColors()["primary"] != "" {
			branded++
		}
		if len(o.GetMetadata()) > 0 {
			withMetadata++
		}
	}
	if escape != 1 || unicode < 5 || branded < 50 || withMetadata != 150 {
		t.Fatalf("escape %d (want 1), unicode %d, branded %d, metadata %d", escape, unicode, branded, withMetadata)
	}

	acme, err := m.Organization.ReadByName(ctx, "acme")
	must(t, err)
	ml, err := m.Organization.Members(ctx, acme.GetID(), management.IncludeFields("user_id", "roles"), management.PerPage(100))
	must(t, err)
	if ml.Total != 5000 {
		t.Fatalf("acme has %d members, want 5000", ml.Total)
	}
	withRoles := 0
	for _, mem := range ml.Members {
		if len(mem.Roles) > 0 {
			withRoles++
		}
	}
	if withRoles == 0 {
		t.Fatal("no member of acme's first page holds a role")
	}

	conns, err := m.Connection.List(ctx, management.PerPage(100))
	must(t, err)
	strategies := map[string]bool{}
	for _, c := range conns.Connections {
		strategies[c.GetStrategy()] = true
	}
	for _, s := range []string{"auth0", "google-oauth2", "samlp", "waad", "okta", "oidc", "email"} {
		if !strategies[s] {
			t.Errorf("no %s connection", s)
		}
	}
	if n := len(conns.Connections); n < 9 || n > 12 {
		t.Errorf("%d tenant connections, want about 10", n)
	}

	// across organizations: some disabled connections and some invitations
	disabled, invited := 0, 0
	for _, o := range orgs[:60] {
		var page struct {
			Connections []struct {
				IsEnabled bool `json:"is_enabled"`
			} `json:"connections"`
		}
		must(t, m.Request(ctx, "GET", m.URI("organizations", o.GetID(), "connections")+"?include_totals=true", &page))
		for _, c := range page.Connections {
			if !c.IsEnabled {
				disabled++
			}
		}
		inv, err := m.Organization.Invitations(ctx, o.GetID())
		must(t, err)
		invited += len(inv.OrganizationInvitations)
	}
	if disabled == 0 || invited == 0 {
		t.Fatalf("in 60 organizations: %d disabled connections, %d invitations", disabled, invited)
	}
}

func TestDemoTenantIsDeterministic(t *testing.T) {
	first := func(seed int64) string {
		tn := simtest.Start(t, sim.Options{Seed: seed, Orgs: 20, Members: 50})
		a := call(t, tn, all(tn, t), "GET", "/api/v2/organizations?per_page=20", "")
		return string(a.body)
	}
	if a, b := first(3), first(3); a != b {
		t.Fatal("the same seed built different tenants")
	}
	if first(3) == first(4) {
		t.Fatal("different seeds built the same tenant")
	}
}

func TestScaledTenant(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-member organization")
	}
	start := time.Now()
	tn := simtest.Start(t, sim.Options{Orgs: 10000, Members: 100000})
	built := time.Since(start)
	tok := all(tn, t)
	if env := call(t, tn, tok, "GET", "/api/v2/organizations?include_totals=true&per_page=1", "").json(t); env["total"] != 10000.0 {
		t.Fatalf("total %v", env["total"])
	}
	acme := call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", "").json(t)["id"].(string)
	if env := call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?include_totals=true&per_page=1", "").json(t); env["total"] != 100000.0 {
		t.Fatalf("members %v", env["total"])
	}
	t.Logf("10,000 organizations and 100,000 members built in %s", built)
}

// TestConcurrentUse runs readers and writers at once; with -race it proves
// the tenant's locking.
func TestConcurrentUse(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 20, Members: 200})
	tok := all(tn, t)
	acme := call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", "").json(t)["id"].(string)
	var members []string
	var page []map[string]any
	must(t, jsonInto(call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?per_page=40", "").body, &page))
	for _, m := range page {
		members = append(members, m["user_id"].(string))
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				switch (w + i) % 3 {
				case 0:
					call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?take=50", "")
				case 1:
					call(t, tn, tok, "DELETE", "/api/v2/organizations/"+acme+"/members", `{"members":["`+members[(w*5+i)%len(members)]+`"]}`)
				default:
					call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"org-`+string(rune('a'+w))+`-`+string(rune('a'+i))+`"}`)
				}
			}
		}()
	}
	wg.Wait()
}
