package sim_test

import (
	"context"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestApplicationsThroughTheSDK(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	m := tn.Management(t)
	ctx := context.Background()

	// POST /clients answers Auth0's defaults, not an echo of the request
	c := &management.Client{Name: auth0.String("Portal"), Description: auth0.String("for members")}
	must(t, m.Client.Create(ctx, c))
	if c.GetClientID() == "" || c.GetClientSecret() == "" || !c.GetIsFirstParty() || c.GetOIDCConformant() ||
		len(c.GetGrantTypes()) != 4 || !c.GetCustomLoginPageOn() {
		t.Fatalf("created client lacks Auth0's defaults: %+v", c)
	}
	if c.OrganizationUsage != nil {
		t.Fatalf("organization_usage %q on a new client: Auth0 leaves it out until set", c.GetOrganizationUsage())
	}

	// PATCH the organization settings, and they read back
	must(t, m.Client.Update(ctx, c.GetClientID(), &management.Client{OrganizationUsage: auth0.String("require"),
		OrganizationRequireBehavior: auth0.String("post_login_prompt"), IsFirstParty: auth0.Bool(false),
		AppType: auth0.String("spa"), Callbacks: &[]string{"https://app.example/cb"}}))
	got, err := m.Client.Read(ctx, c.GetClientID())
	must(t, err)
	if got.GetOrganizationUsage() != "require" || got.GetOrganizationRequireBehavior() != "post_login_prompt" ||
		got.GetIsFirstParty() || got.GetAppType() != "spa" || len(got.GetCallbacks()) != 1 || got.GetName() != "Portal" {
		t.Fatalf("after PATCH: %+v", got)
	}
	if got.GetClientSecret() != "" {
		t.Fatal("GET /clients/{id} shows the secret")
	}

	// enumerations are checked
	for _, body := range []*management.Client{{OrganizationUsage: auth0.String("sometimes")},
		{OrganizationRequireBehavior: auth0.String("ask")}, {AppType: auth0.String("robot")}} {
		if err := m.Client.Update(ctx, c.GetClientID(), body); err == nil {
			t.Fatalf("PATCH %+v accepted", body)
		} else if e, ok := err.(management.Error); !ok || e.Status() != 400 {
			t.Fatalf("PATCH %+v: %v", body, err)
		}
	}

	// list: paging, include_totals, fields; checkpoint paging
	for _, n := range []string{"B", "C"} {
		must(t, m.Client.Create(ctx, &management.Client{Name: auth0.String(n)}))
	}
	l, err := m.Client.List(ctx, management.PerPage(2), management.IncludeFields("client_id", "name"))
	must(t, err)
	if l.Total != 4 || len(l.Clients) != 2 || !l.HasNext() || l.Clients[0].GetName() != "B" || l.Clients[0].GetOIDCConformant() {
		t.Fatalf("first page: total %d, %d clients, first %q", l.Total, len(l.Clients), l.Clients[0].GetName())
	}
	seen := 0
	for from := ""; ; {
		p, err := m.Client.ListWithCheckpointPagination(ctx, management.Take(3), management.From(from))
		must(t, err)
		seen += len(p.Clients)
		if !p.HasNext() {
			break
		}
		from = p.Next
	}
	if seen != 4 {
		t.Fatalf("checkpoint paging saw %d clients, want 4", seen)
	}
	spa, err := m.Client.List(ctx, management.Parameter("app_type", "spa"))
	must(t, err)
	if len(spa.Clients) != 1 || spa.Clients[0].GetClientID() != c.GetClientID() {
		t.Fatalf("app_type=spa: %d clients", len(spa.Clients))
	}
}

func TestDemoApplicationsUseOrganizationsDifferently(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 20, Members: 200})
	l, err := tn.Management(t).Client.List(context.Background(), management.PerPage(100))
	must(t, err)
	usage := map[string]int{}
	thirdParty := 0
	for _, c := range l.Clients {
		usage[c.GetOrganizationUsage()]++
		if !c.GetIsFirstParty() {
			thirdParty++
		}
	}
	if usage["require"] != 1 || usage["allow"] != 2 || usage["deny"] != 1 || thirdParty != 1 {
		t.Fatalf("organization usage %v, third party %d", usage, thirdParty)
	}
}
