package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Every route of the newer surface demands its scope: a token with every
// other scope gets Auth0's 403 naming it.
func TestSurfaceRoutesDemandTheirScopes(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 20})
	base := "/api/v2/organizations/org_x"
	for _, c := range []struct{ method, path, scope string }{
		{"GET", base + "/client-grants", "read:organization_client_grants"},
		{"POST", base + "/client-grants", "create:organization_client_grants"},
		{"DELETE", base + "/client-grants/cgr_x", "delete:organization_client_grants"},
		{"GET", "/api/v2/client-grants", "read:client_grants"},
		{"POST", "/api/v2/client-grants", "create:client_grants"},
		{"PATCH", "/api/v2/client-grants/cgr_x", "update:client_grants"},
		{"DELETE", "/api/v2/client-grants/cgr_x", "delete:client_grants"},
		{"GET", "/api/v2/client-grants/cgr_x/organizations", "read:organization_client_grants"},
		{"GET", "/api/v2/resource-servers", "read:resource_servers"},
		{"POST", "/api/v2/resource-servers", "create:resource_servers"},
		{"DELETE", "/api/v2/resource-servers/rs_x", "delete:resource_servers"},
		{"GET", base + "/members/auth0|1/effective-roles", "read:organization_member_roles"},
		{"GET", base + "/members/auth0|1/effective-roles/sources/groups", "read:organization_member_roles"},
		{"GET", base + "/clients", "read:organization_clients"},
		{"POST", base + "/clients", "create:organization_clients"},
		{"DELETE", base + "/clients", "delete:organization_clients"},
		{"GET", base + "/clients/c_x", "read:organization_clients"},
		{"PATCH", base + "/clients/c_x", "update:organization_clients"},
		{"GET", base + "/roles/rol_x/members", "read:organization_members"},
		{"GET", base + "/roles/rol_x/groups", "read:organization_groups"},
		{"GET", base + "/groups", "read:organization_groups"},
		{"GET", base + "/groups/grp_x/roles", "read:organization_group_roles"},
		{"POST", base + "/groups/grp_x/roles", "create:organization_group_roles"},
		{"DELETE", base + "/groups/grp_x/roles", "delete:organization_group_roles"},
		{"GET", "/api/v2/organization-templates", "read:organization_templates"},
		{"POST", "/api/v2/organization-templates", "create:organization_templates"},
		{"PUT", base + "/organization-templates/t_x", "update:organization_templates"},
	} {
		var others []string
		for _, s := range sim.AllScopes {
			if s != c.scope {
				others = append(others, s)
			}
		}
		tok := tn.Token(t, time.Hour, others...)
		a := call(t, tn, tok, c.method, c.path, "")
		if a.status != 403 || !strings.Contains(string(a.body), c.scope) {
			t.Errorf("%s %s without %s: %d %s", c.method, c.path, c.scope, a.status, a.body)
		}
	}
}

// Under the Essentials plan an organization's client grants spend their
// own bucket (10 burst, API.md), named in the headers.
func TestOrgClientGrantsBucket(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 20, Plan: "essentials"})
	tok := all(tn, t)
	org := field(t, call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", ""), "id")
	a := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants", ""), 200)
	if got := a.header.Get("x-ratelimit-limit"); got != "10" {
		t.Fatalf("x-ratelimit-limit %q, want the read organization client grants bucket's 10", got)
	}
	if got := tn.Server.Stats().ByGroup["organization_client_grants_read"]; got != 1 {
		t.Fatalf("the bucket counted %d calls", got)
	}
}
