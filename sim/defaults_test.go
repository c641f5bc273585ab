package sim_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The newer organization settings, and nulls that clear rather than store "".
func TestOrganizationSettingsAndNulls(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	a := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations",
		`{"name":"acme","metadata":{"tier":"gold","region":"eu"},"token_quota":{"client_credentials":{"enforce":true,"per_day":1000}},"is_app_entitlement_active":true}`), 201)
	m := a.json(t)
	id := m["id"].(string)
	if m["third_party_client_access"] != "block" || m["is_app_entitlement_active"] != true ||
		m["token_quota"].(map[string]any)["client_credentials"].(map[string]any)["per_day"] != float64(1000) {
		t.Fatalf("created: %s", a.body)
	}
	m = mustStatus(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id,
		`{"metadata":{"tier":"gold","region":null},"third_party_client_access":"allow","token_quota":null}`), 200).json(t)
	md := m["metadata"].(map[string]any)
	if _, kept := md["region"]; kept || md["tier"] != "gold" || m["third_party_client_access"] != "allow" || m["token_quota"] != nil {
		t.Fatalf("after the patch: %v", m)
	}
	wantError(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id, `{"third_party_client_access":"sometimes"}`), 400, "No enum match for: sometimes")
	wantError(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id, `{"branding":{"colors":{"primary":"#112233"}}}`), 400, "Missing required property: page_background")
	mustStatus(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id, `{"branding":{"colors":{"primary":"#112233","page_background":"#000000"}}}`), 200)

	// null clears an organization connection's name and access level
	cid := items(t, call(t, tn, tok, "GET", "/api/v2/connections?include_totals=true", ""), "connections")[0]["id"].(string)
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+id+"/connections",
		`{"connection_id":"`+cid+`","organization_connection_name":"staff","organization_access_level":"full"}`), 201)
	m = mustStatus(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id+"/connections/"+cid,
		`{"organization_connection_name":null,"organization_access_level":null}`), 200).json(t)
	if _, ok := m["organization_connection_name"]; ok || m["organization_access_level"] != nil {
		t.Fatalf("after nulls: %v", m)
	}
}

func TestListDefaultsAndFilters(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	for _, n := range []string{"delta", "alpha", "charlie", "bravo", "echo"} {
		mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"`+n+`"}`), 201)
	}
	// sort goes with take: pages in name order, the cursor carrying on
	var names []string
	next := ""
	for range 5 {
		a := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations?sort=name:1&take=2&from="+url.QueryEscape(next), ""), 200)
		for _, o := range items(t, a, "organizations") {
			names = append(names, o["name"].(string))
		}
		if next, _ = a.json(t)["next"].(string); next == "" {
			break
		}
	}
	if strings.Join(names, ",") != "alpha,bravo,charlie,delta,echo" {
		t.Fatalf("sorted checkpoint pages: %v", names)
	}

	org := items(t, call(t, tn, tok, "GET", "/api/v2/organizations?include_totals=true", ""), "organizations")[0]["id"].(string)
	app := field(t, mustStatus(t, call(t, tn, tok, "POST", "/api/v2/clients", `{"name":"Portal"}`), 201), "client_id")
	for _, who := range []string{"first@example.com", "second@example.com"} {
		mustStatus(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+org+"/invitations",
			`{"inviter":{"name":"Ops"},"invitee":{"email":"`+who+`"},"client_id":"`+app+`"}`), 201)
	}
	inv := items(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/invitations?include_totals=true&fields=id,invitee&include_fields=true", ""), "invitations")
	if inv[0]["invitee"].(map[string]any)["email"] != "second@example.com" || len(inv[0]) != 2 {
		t.Fatalf("invitations, newest first, id and invitee only: %v", inv)
	}
	conns := items(t, call(t, tn, tok, "GET", "/api/v2/connections?include_totals=true&fields=options&include_fields=false", ""), "connections")
	if _, ok := conns[0]["options"]; ok || conns[0]["name"] == nil {
		t.Fatalf("connections without options: %v", conns)
	}

	// POST /users keeps username and metadata; q=user_id finds one; totals say the page's length
	u := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/users",
		`{"connection":"Username-Password-Authentication","email":"ana@example.com","password":"x","username":"ana","user_metadata":{"lang":"pt"},"app_metadata":{"plan":"pro"}}`), 201).json(t)
	if u["username"] != "ana" || u["user_metadata"].(map[string]any)["lang"] != "pt" || u["app_metadata"].(map[string]any)["plan"] != "pro" {
		t.Fatalf("created user: %v", u)
	}
	mustStatus(t, call(t, tn, tok, "POST", "/api/v2/users", `{"connection":"Username-Password-Authentication","email":"bo@example.com","password":"x"}`), 201)
	found := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/users?include_totals=true&q="+url.QueryEscape(`user_id:"`+u["user_id"].(string)+`"`), ""), 200).json(t)
	if found["length"] != float64(1) || found["total"] != float64(1) || found["users"].([]any)[0].(map[string]any)["email"] != "ana@example.com" {
		t.Fatalf("q=user_id: %v", found)
	}

	// POST /connections answers Auth0's database defaults beneath the request's options
	c := mustStatus(t, call(t, tn, tok, "POST", "/api/v2/connections", `{"name":"staff-db","strategy":"auth0","options":{"passwordPolicy":"excellent"}}`), 201).json(t)
	opts := c["options"].(map[string]any)
	if opts["passwordPolicy"] != "excellent" || opts["brute_force_protection"] != true || opts["mfa"] == nil {
		t.Fatalf("created connection: %v", c)
	}
}

// A 401 carries Auth0's attributes; a user id with an escaped "/" spends
// the member roles bucket, not the members one.
func TestErrorAttributesAndEscapedBuckets(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 100, Plan: "enterprise"})
	a := call(t, tn, "not-a-token", "GET", "/api/v2/organizations", "")
	wantError(t, a, 401, "Invalid token.")
	if attrs, _ := a.json(t)["attributes"].(map[string]any); attrs["error"] != "Invalid token." {
		t.Fatalf("401 body: %s", a.body)
	}
	tok := all(tn, t)
	users := mustStatus(t, call(t, tn, tok, "GET", "/api/v2/users?q="+url.QueryEscape(`user_id:oidc*`), ""), 200)
	var uid string
	for _, u := range items(t, answer{body: []byte(`{"u":` + string(users.body) + `}`)}, "u") {
		if strings.Contains(u["user_id"].(string), "/") {
			uid = u["user_id"].(string)
			break
		}
	}
	if uid == "" {
		t.Fatal("the demo tenant has no user id with a /")
	}
	org := field(t, call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", ""), "id")
	before := tn.Server.Stats().ByGroup[string(limits.OrgMemberRolesRead)]
	mustStatus(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/members/"+url.PathEscape(uid)+"/roles", ""), 200)
	if after := tn.Server.Stats().ByGroup[string(limits.OrgMemberRolesRead)]; after != before+1 {
		t.Fatalf("the member roles bucket counted %d calls for %s, want 1", after-before, url.PathEscape(uid))
	}
}
