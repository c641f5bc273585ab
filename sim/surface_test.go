package sim_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"gopkg.in/yaml.v3"
)

// The 2025–26 organization surface over raw HTTP: each endpoint's effect
// on the tenant, read back through another endpoint.

func mustStatus(t *testing.T, a answer, status int) answer {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	return a
}

func field(t *testing.T, a answer, key string) string {
	t.Helper()
	s, _ := a.json(t)[key].(string)
	return s
}

func TestOrganizationClientGrants(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	org := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`), 201), "id")
	app := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/clients", `{"name":"Billing worker","app_type":"non_interactive"}`), 201), "client_id")
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/resource-servers", `{"name":"Billing","identifier":"https://billing.example/","scopes":[{"value":"read:invoices"}]}`), 201)
	wantError(t, call(t, tn, tok, "POST", "/api/v2/resource-servers", `{"identifier":"https://billing.example/"}`), 409, "same identifier")
	grant := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/client-grants",
		`{"client_id":"`+app+`","audience":"https://billing.example/","scope":["read:invoices"],"organization_usage":"allow"}`), 201), "id")
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/client-grants",
		`{"client_id":"`+app+`","audience":"https://billing.example/","scope":[]}`), 409) // one grant per client and API

	a := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/client-grants", `{"grant_id":"`+grant+`"}`), 201)
	if field(t, a, "grant_id") != grant || field(t, a, "audience") != "https://billing.example/" {
		t.Fatalf("association answered %s", a.body)
	}
	list := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants?include_totals=true&per_page=50", ""), 200).json(t)
	if list["total"] != float64(1) || len(list["client_grants"].([]any)) != 1 {
		t.Fatalf("the organization's grants: %v", list)
	}
	if got := call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants?audience=https://other.example/", ""); string(got.body) != "[]" {
		t.Fatalf("filtered by another audience: %s", got.body)
	}
	orgs := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/client-grants/"+grant+"/organizations?take=50", ""), 200).json(t)
	if l := orgs["organizations"].([]any); len(l) != 1 || l[0].(map[string]any)["id"] != org {
		t.Fatalf("the grant's organizations: %v", orgs)
	}

	// a grant that does not allow organizations cannot be associated
	other := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/clients", `{"name":"Other"}`), 201), "client_id")
	deny := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/client-grants",
		`{"client_id":"`+other+`","audience":"https://billing.example/","scope":[]}`), 201), "id")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/client-grants", `{"grant_id":"`+deny+`"}`), 400, "organization_usage")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/client-grants", `{"grant_id":"cgr_nope"}`), 404, "The grant does not exist.")

	mustStatus(t, call(t, tn, tok, "DELETE", "/api/v2/organizations/"+org+"/client-grants/"+grant, ""), 204)
	if got := call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants", ""); string(got.body) != "[]" {
		t.Fatalf("after removing the association: %s", got.body)
	}
	// deleting a grant ends its associations
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/client-grants", `{"grant_id":"`+grant+`"}`), 201)
	mustStatus(t, call(t, tn, tok, "DELETE", "/api/v2/client-grants/"+grant, ""), 204)
	if got := call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants", ""); string(got.body) != "[]" {
		t.Fatalf("after deleting the grant: %s", got.body)
	}
	// the scope is the organization client grants'
	ro := tn.Token(t, 3600e9, "read:organizations")
	wantError(t, call(t, tn, ro, "GET", "/api/v2/organizations/"+org+"/client-grants", ""), 403, "read:organization_client_grants")
}

// A tenant without an Early Access feature answers its routes with
// Auth0's route-level 404; POST /roles refuses organization roles' keys.
func TestEarlyAccessFeaturesSwitchOff(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true, NoOrgClients: true, NoOrgRoles: true, NoGroups: true})
	tok := all(tn, t)
	org := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`), 201), "id")
	role := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"admin"}`), 200), "id")
	for _, p := range []string{"/clients", "/groups", "/roles/" + role + "/members", "/members/auth0|1/effective-roles/sources/groups?role_id=" + role} {
		wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+p, ""), 404, "Not Found")
	}
	wantError(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"x","type":"organization","owner_id":"`+org+`"}`), 400, "Additional properties not allowed: owner_id,type")
	// and the GA ones still answer
	mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/client-grants", ""), 200)
	mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/members/auth0|1/effective-roles", ""), 404) // no such user
}

func TestOrganizationApplications(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	org := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`), 201), "id")
	var ids []string
	for i := range 11 {
		ids = append(ids, field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/clients", `{"name":"app`+string(rune('a'+i))+`","organization_usage":"require"}`), 201), "client_id"))
	}
	items := func(ids []string) string {
		var b []string
		for _, id := range ids {
			b = append(b, `{"client_id":"`+id+`","use_for_member_access":true}`)
		}
		return `{"clients":[` + strings.Join(b, ",") + `]}`
	}
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/clients", items(ids)), 400, "maximum 10")
	added := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/clients", items(ids[:10])), 201)
	var got []map[string]any
	if err := json.Unmarshal(added.body, &got); err != nil || len(got) != 10 || got[0]["client"].(map[string]any)["organization_usage"] != "require" {
		t.Fatalf("added: %s", added.body)
	}
	page := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/clients?take=6", ""), 200).json(t)
	next, _ := page["next"].(string)
	if len(page["clients"].([]any)) != 6 || next == "" {
		t.Fatalf("first page: %v", page)
	}
	rest := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/clients?take=6&from="+url.QueryEscape(next), ""), 200).json(t)
	if len(rest["clients"].([]any)) != 4 || rest["next"] != nil {
		t.Fatalf("last page: %v", rest)
	}
	patched := mustStatus(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+org+"/clients/"+ids[0], `{"use_for_member_access":false}`), 200).json(t)
	if patched["use_for_member_access"] != false {
		t.Fatalf("patched: %v", patched)
	}
	mustStatus(t, call(t, tn, tok, "DELETE", "/api/v2/organizations/"+org+"/clients", `{"clients":["`+ids[0]+`"]}`), 204)
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/clients/"+ids[0], ""), 404, "not associated")
}

// The cassettes go-auth0 recorded for the newer organization features
// replay with the recorded statuses and, on organization paths, shapes.
func TestRecordedSurfaceConversations(t *testing.T) {
	dir := recordingsDir(t)
	// the tenants of the cassettes: with organization applications (their
	// organizations show third_party_client_access) or without
	withApps := map[string]bool{"TestOrganizationManager_IsAppEntitlementActive": true, "TestRoleManager_OrganizationLevelRole": true}
	for _, name := range []string{"TestOrganizationManager_ClientGrants", "TestOrganizationManager_ClientGrantsWithOrg",
		"TestOrganizationManager_IsAppEntitlementActive", "TestRoleManager_OrganizationLevelRole", "TestClientGrantManager_Organizations"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var c cassette
			if err := yaml.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			replayOn(t, c, sim.Options{Empty: true, NoOrgClients: !withApps[name]})
		})
	}
}
