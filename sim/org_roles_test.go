package sim_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// items reads the list under key of a JSON envelope.
func items(t *testing.T, a answer, key string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range a.json(t)[key].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

func TestOrganizationLevelRoles(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	acme := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`), 201), "id")
	other := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"other"}`), 201), "id")
	tenantRole := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"Support"}`), 200)
	if field(t, tenantRole, "type") != "tenant" {
		t.Fatalf("a tenant role: %s", tenantRole.body)
	}
	billing := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"Billing admin","type":"organization","owner_id":"`+acme+`"}`), 200)
	if field(t, billing, "owner_id") != acme {
		t.Fatalf("an organization role: %s", billing.body)
	}
	wantError(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"x","type":"organization"}`), 400, "owner_id")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/roles", `{"name":"x","type":"organization","owner_id":"org_nope"}`), 404, "No organization found")

	list := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/roles?include_totals=true&type=organization&owner_id="+acme, ""), 200), "roles")
	if len(list) != 1 || list[0]["name"] != "Billing admin" {
		t.Fatalf("acme's roles: %v", list)
	}
	if got := items(t, call(t, tn, tok, "GET", "/api/v2/roles?include_totals=true&name_filter=SUPP", ""), "roles"); len(got) != 1 || got[0]["name"] != "Support" {
		t.Fatalf("name_filter=SUPP: %v", got)
	}

	// an organization's role is assignable there only; its members list shows who holds it
	user := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/users",
		`{"connection":"Username-Password-Authentication","email":"ana@example.com","password":"x"}`), 201), "user_id")
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+acme+"/members", `{"members":["`+user+`"]}`), 204)
	rid := field(t, billing, "id")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+other+"/groups/grp_x/roles", `{"roles":["`+rid+`"]}`), 404, "group")
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+acme+"/members/"+url.PathEscape(user)+"/roles", `{"roles":["`+rid+`"]}`), 204)
	members := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/roles/"+rid+"/members?take=50", ""), 200), "members")
	if len(members) != 1 || members[0]["user_id"] != user || members[0]["email"] != "ana@example.com" {
		t.Fatalf("the role's members: %v", members)
	}
	// a role 404 carries no errorCode, as recorded
	a := call(t, tn, tok, "GET", "/api/v2/roles/rol_nope", "")
	wantError(t, a, 404, "The role does not exist.")
	if _, ok := a.json(t)["errorCode"]; ok {
		t.Fatalf("role 404 with an errorCode: %s", a.body)
	}
}

// The demo tenant's acme has SCIM groups mapped to roles: a member's
// effective roles name where each comes from.
func TestEffectiveRolesThroughGroups(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 100})
	tok := all(tn, t)
	acme := field(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", ""), 200), "id")
	groups := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/groups?take=50", ""), 200), "groups")
	if len(groups) != 3 {
		t.Fatalf("acme's groups: %v", groups)
	}
	finance := groups[2]["id"].(string)
	roles := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/groups/"+finance+"/roles?take=50", ""), 200), "roles")
	if len(roles) != 2 {
		t.Fatalf("finance's roles: %v", roles)
	}
	groupRole := roles[0]["id"].(string)

	// among the members in finance only (the seed puts 40–59 there), one
	// who does not also hold the group's role directly
	members := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?take=100", ""), 200), "members")
	var base string
	sources := func() map[string][]any {
		out := map[string][]any{}
		for _, r := range items(t, mustStatus(t, call(t, tn, tok, "GET", base+"?take=50", ""), 200), "roles") {
			out[r["id"].(string)] = r["sources"].([]any)
		}
		return out
	}
	var uid string
	for _, m := range members[40:60] {
		uid = url.PathEscape(m["user_id"].(string))
		base = "/api/v2/organizations/" + acme + "/members/" + uid + "/effective-roles"
		if slices.Equal(sources()[groupRole], []any{"groups"}) {
			break
		}
		uid = ""
	}
	if uid == "" {
		t.Fatal("no member of acme holds finance's role through the group alone")
	}
	// the same role held directly too names both sources
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+acme+"/members/"+uid+"/roles", `{"roles":["`+groupRole+`"]}`), 204)
	if got := sources()[groupRole]; !slices.Equal(got, []any{"direct", "groups"}) {
		t.Fatalf("sources once held directly too: %v", got)
	}
	via := items(t, mustStatus(t, call(t, tn, tok, "GET", base+"/sources/groups?take=50&role_id="+groupRole, ""), 200), "groups")
	if len(via) != 1 || via[0]["id"] != finance {
		t.Fatalf("the groups giving the role: %v", via)
	}
	wantError(t, call(t, tn, tok, "GET", base+"/sources/groups", ""), 400, "role_id")

	// taking the role off the group leaves only the direct one
	mustStatus(t, call(t, tn, tok, "DELETE", "/api/v2/organizations/"+acme+"/groups/"+finance+"/roles", `{"roles":["`+groupRole+`"]}`), 204)
	if got := sources()[groupRole]; !slices.Equal(got, []any{"direct"}) {
		t.Fatalf("sources after the group lost the role: %v", got)
	}
}

// A demo tenant without groups gives nobody a role through one.
func TestNoGroupsNoRolesThroughGroups(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 100, NoGroups: true, NoOrgRoles: true})
	tok := all(tn, t)
	acme := field(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", ""), 200), "id")
	members := items(t, mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?take=100", ""), 200), "members")
	for _, m := range members[:60] {
		base := "/api/v2/organizations/" + acme + "/members/" + url.PathEscape(m["user_id"].(string)) + "/effective-roles?take=50"
		for _, r := range items(t, mustStatus(t, call(t, tn, tok, "GET", base, ""), 200), "roles") {
			if slices.Contains(r["sources"].([]any), any("groups")) {
				t.Fatalf("%s holds %s through a group on a tenant without groups", m["user_id"], r["name"])
			}
		}
	}
	if got := items(t, call(t, tn, tok, "GET", "/api/v2/roles?include_totals=true&type=organization", ""), "roles"); len(got) != 0 {
		t.Fatalf("organization roles on a tenant without them: %v", got)
	}
}
