package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// These tests speak raw HTTP, to pin down the wire: envelopes, headers and
// error bodies exactly as Auth0 sends them.

type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", a.body, err)
	}
	return m
}

func call(t *testing.T, tn *simtest.Tenant, token, method, path, body string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, tn.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header, b}
}

func wantError(t *testing.T, a answer, status int, message string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	m := a.json(t)
	if m["statusCode"] != float64(status) || m["error"] != http.StatusText(status) || !strings.Contains(m["message"].(string), message) {
		t.Fatalf("error body %s, want %d %q", a.body, status, message)
	}
}

func all(tn *simtest.Tenant, t *testing.T) string { return tn.Token(t, time.Hour, sim.AllScopes...) }

func TestAuthErrors(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	other := simtest.Start(t, sim.Options{Empty: true})
	good := all(tn, t)
	wantError(t, call(t, tn, "", "GET", "/api/v2/organizations", ""), 401, "Missing authentication")
	wantError(t, call(t, tn, "not-a-jwt", "GET", "/api/v2/organizations", ""), 401, "Invalid token.")
	wantError(t, call(t, tn, all(other, t), "GET", "/api/v2/organizations", ""), 401, "Invalid signature received for JSON Web Token validation.")
	wantError(t, call(t, tn, tn.Token(t, -time.Minute, sim.AllScopes...), "GET", "/api/v2/organizations", ""), 401, "Expired token received for JSON Web Token validation")
	if a := call(t, tn, good, "GET", "/api/v2/organizations", ""); a.status != 200 || string(a.body) != "[]" {
		t.Fatalf("good token: %d %s", a.status, a.body)
	}

	// a token without the scope: the exact 403 naming what is needed
	a := call(t, tn, tn.Token(t, time.Hour, "read:organizations"), "DELETE", "/api/v2/organizations/org_x/members", `{"members":["a"]}`)
	want := `{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: delete:organization_members","errorCode":"insufficient_scope"}`
	if a.status != 403 || string(a.body) != want {
		t.Fatalf("scope: %d %s", a.status, a.body)
	}
	// roles in the members list need their own scope
	o := call(t, tn, good, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)
	a = call(t, tn, tn.Token(t, time.Hour, "read:organization_members"), "GET",
		"/api/v2/organizations/"+o["id"].(string)+"/members?fields=user_id,roles&include_fields=true", "")
	wantError(t, a, 403, "expected any of: read:organization_member_roles")
}

func TestTokenEndpoint(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true, Scopes: []string{"read:organizations"}})
	post := func(form string) answer {
		res, err := http.Post(tn.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return answer{res.StatusCode, res.Header, b}
	}
	aud := "&audience=" + tn.Audience()
	a := post("grant_type=client_credentials&client_id=" + tn.ClientID() + "&client_secret=" + tn.ClientSecret() + aud)
	if a.status != 200 {
		t.Fatalf("token: %d %s", a.status, a.body)
	}
	tok := a.json(t)
	if tok["token_type"] != "Bearer" || tok["scope"] != "read:organizations" || tok["expires_in"] != float64(86400) {
		t.Fatalf("token answer %s", a.body)
	}
	// the token works, and only for what its scope allows
	bearer := tok["access_token"].(string)
	if a := call(t, tn, bearer, "GET", "/api/v2/organizations", ""); a.status != 200 {
		t.Fatalf("using the token: %d %s", a.status, a.body)
	}
	wantError(t, call(t, tn, bearer, "POST", "/api/v2/organizations", `{"name":"x"}`), 403, "create:organizations")

	if a := post("grant_type=client_credentials&client_id=" + tn.ClientID() + "&client_secret=wrong" + aud); a.status != 401 || a.json(t)["error"] != "access_denied" {
		t.Fatalf("wrong secret: %d %s", a.status, a.body)
	}
	if a := post("grant_type=client_credentials&client_id=" + tn.ClientID() + "&client_secret=" + tn.ClientSecret() + "&audience=https://elsewhere/api/v2/"); a.status != 403 {
		t.Fatalf("wrong audience: %d %s", a.status, a.body)
	}
	if a := post("grant_type=password&client_id=" + tn.ClientID() + "&client_secret=" + tn.ClientSecret() + aud); a.status != 403 || a.json(t)["error"] != "unauthorized_client" {
		t.Fatalf("wrong grant: %d %s", a.status, a.body)
	}
}

func TestListShapes(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 1100, Members: 1203})
	tok := all(tn, t)
	// no include_totals, no from/take: a bare array
	var bare []map[string]any
	if err := json.Unmarshal(call(t, tn, tok, "GET", "/api/v2/organizations?per_page=2", "").body, &bare); err != nil || len(bare) != 2 {
		t.Fatalf("bare array: %v (%d)", err, len(bare))
	}
	env := call(t, tn, tok, "GET", "/api/v2/organizations?per_page=5&page=3&include_totals=true", "").json(t)
	if env["start"] != 15.0 || env["limit"] != 5.0 || env["total"] != 1100.0 || len(env["organizations"].([]any)) != 5 {
		t.Fatalf("totals envelope %v", env)
	}
	// checkpoint wins over include_totals
	cp := call(t, tn, tok, "GET", "/api/v2/organizations?take=3&include_totals=true", "").json(t)
	if _, has := cp["total"]; has || cp["next"] == nil || len(cp["organizations"].([]any)) != 3 {
		t.Fatalf("checkpoint envelope %v", cp)
	}
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations?per_page=50&page=20", ""), 400, "exceeds the allowed maximum of 1000 records")
	if a := call(t, tn, tok, "GET", "/api/v2/organizations?per_page=50&page=20", ""); a.json(t)["errorCode"] != "invalid_paging" {
		t.Fatalf("paging error code: %s", a.body)
	}
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations?per_page=101", ""), 400, "per_page")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations?take=101", ""), 400, "take")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations?sort=id:1", ""), 400, "sort")

	var sorted []map[string]any
	_ = json.Unmarshal(call(t, tn, tok, "GET", "/api/v2/organizations?sort=name:-1&per_page=100", "").body, &sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1]["name"].(string) < sorted[i]["name"].(string) {
			t.Fatalf("sort=name:-1 out of order at %d: %v, %v", i, sorted[i-1]["name"], sorted[i]["name"])
		}
	}

	// members: the short last page still carries next; an empty page ends it
	acme := call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", "").json(t)["id"].(string)
	from, seen, pages := "", 0, 0
	for {
		page := call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?take=100"+from, "").json(t)
		n := len(page["members"].([]any))
		seen += n
		pages++
		next, has := page["next"]
		if n == 0 {
			if has {
				t.Fatalf("the empty page carries next")
			}
			break
		}
		if !has {
			t.Fatalf("page %d of %d members has no next", pages, n)
		}
		from = "&from=" + next.(string)
	}
	if seen != 1203 || pages != 14 {
		t.Fatalf("members: %d in %d pages, want 1203 in 13 + the empty one", seen, pages)
	}
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?fields=user_id,password", ""), 400, "fields")
}

func TestValidation(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	a := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme","colour":"blue"}`)
	wantError(t, a, 400, "Additional properties not allowed: colour")
	if a.json(t)["errorCode"] != "invalid_body" {
		t.Fatalf("errorCode %s", a.body)
	}
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"Acme Inc"}`), 400, "on property name")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"`+strings.Repeat("a", 51)+`"}`), 400, "maximum 50")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"display_name":"x"}`), 400, "Missing required property: name")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"ok","display_name":7}`), 400, "Expected type string")
	o := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme","display_name":"Acme"}`)
	if o.status != 201 {
		t.Fatalf("create: %d %s", o.status, o.body)
	}
	a = call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`)
	wantError(t, a, 409, "An organization with the same name already exists.")
	if a.json(t)["errorCode"] != "organization_conflict" {
		t.Fatalf("errorCode %s", a.body)
	}
	id := o.json(t)["id"].(string)
	wantError(t, call(t, tn, tok, "PATCH", "/api/v2/organizations/"+id, `{"enabled_connections":[]}`), 400, "Additional properties not allowed")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/org_missing", ""), 404, "No organization found by that id or name")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+id+"/enabled_connections/con_missing", ""), 404, "No connection found by that id")
	wantError(t, call(t, tn, tok, "DELETE", "/api/v2/organizations/"+id+"/members", `{"members":[]}`), 400, "minimum 1")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/nothing-here", ""), 404, "Not Found")

	db := call(t, tn, tok, "GET", "/api/v2/connections?name=Username-Password-Authentication", "")
	var conns []map[string]any
	_ = json.Unmarshal(db.body, &conns)
	cid := conns[0]["id"].(string)
	a = call(t, tn, tok, "POST", "/api/v2/organizations/"+id+"/enabled_connections", `{"connection_id":"`+cid+`","is_signup_enabled":true}`)
	wantError(t, a, 400, "Only database connections with assign_membership_on_login = true support is_signup_enabled = true.")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+id+"/enabled_connections", `{"connection_id":"`+cid+`","is_enabled":false}`), 400, "Additional properties not allowed: is_enabled")
}

func TestConnectionToggleKeepsSettings(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	id := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)["id"].(string)
	cid := call(t, tn, tok, "POST", "/api/v2/connections", `{"name":"acme-saml","strategy":"samlp"}`).json(t)["id"].(string)
	base := "/api/v2/organizations/" + id
	a := call(t, tn, tok, "POST", base+"/connections", `{"connection_id":"`+cid+`","assign_membership_on_login":true,"show_as_button":false}`)
	if a.status != 201 || a.json(t)["is_enabled"] != true {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	wantError(t, call(t, tn, tok, "POST", base+"/connections", `{"connection_id":"`+cid+`"}`), 409, "already")

	a = call(t, tn, tok, "PATCH", base+"/connections/"+cid, `{"is_enabled":false}`)
	got := a.json(t)
	if a.status != 200 || got["is_enabled"] != false || got["assign_membership_on_login"] != true || got["show_as_button"] != false {
		t.Fatalf("disable: %d %s", a.status, a.body)
	}
	// a disabled connection is not an enabled connection
	if a := call(t, tn, tok, "GET", base+"/enabled_connections", ""); string(a.body) != "[]" {
		t.Fatalf("enabled_connections lists a disabled connection: %s", a.body)
	}
	wantError(t, call(t, tn, tok, "GET", base+"/enabled_connections/"+cid, ""), 404, "No connection found")
	if a := call(t, tn, tok, "GET", base+"/connections?is_enabled=false&include_totals=true", ""); a.json(t)["total"] != 1.0 {
		t.Fatalf("is_enabled filter: %s", a.body)
	}
	got = call(t, tn, tok, "PATCH", base+"/connections/"+cid, `{"is_enabled":true}`).json(t)
	if got["is_enabled"] != true || got["assign_membership_on_login"] != true || got["show_as_button"] != false {
		t.Fatalf("re-enable lost settings: %v", got)
	}
	env := call(t, tn, tok, "GET", base+"/enabled_connections?include_totals=true", "").json(t)
	if env["total"] != 1.0 || env["limit"] != 1.0 { // recorded quirk: limit is the count
		t.Fatalf("enabled_connections envelope %v", env)
	}

	// a tenant without the newer family answers 404 there, and the older still works
	old := simtest.Start(t, sim.Options{Empty: true, NoConnectionsAPI: true})
	otok := all(old, t)
	oid := call(t, old, otok, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)["id"].(string)
	wantError(t, call(t, old, otok, "GET", "/api/v2/organizations/"+oid+"/connections", ""), 404, "Not Found")
	if a := call(t, old, otok, "GET", "/api/v2/organizations/"+oid+"/enabled_connections", ""); a.status != 200 {
		t.Fatalf("older family on the fallback tenant: %d", a.status)
	}
}

func TestMemberRemovalIsEventuallyConsistent(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 10, RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 10 * time.Second, Now: clock})
	tok := tn.Token(t, 1000*time.Hour, sim.AllScopes...) // the clock stands still; the token is checked against it
	acme := call(t, tn, tok, "GET", "/api/v2/organizations/name/acme", "").json(t)["id"].(string)
	list := func() []any {
		return call(t, tn, tok, "GET", "/api/v2/organizations/"+acme+"/members?include_totals=true", "").json(t)["members"].([]any)
	}
	before := list()
	gone := before[0].(map[string]any)["user_id"].(string)
	if a := call(t, tn, tok, "DELETE", "/api/v2/organizations/"+acme+"/members", `{"members":["`+gone+`"]}`); a.status != 204 {
		t.Fatalf("remove: %d %s", a.status, a.body)
	}
	if n := len(list()); n != len(before) {
		t.Fatalf("removal showed at once: %d listed, want %d", n, len(before))
	}
	now = now.Add(4900 * time.Millisecond)
	if n := len(list()); n != len(before) {
		t.Fatalf("removal showed before 5s")
	}
	now = now.Add(5200 * time.Millisecond)
	after := list()
	if len(after) != len(before)-1 {
		t.Fatalf("removal not shown after 10s: %d listed", len(after))
	}
	for _, m := range after {
		if m.(map[string]any)["user_id"] == gone {
			t.Fatal("the removed member still lists")
		}
	}
}

func TestRateLimitHeadersAnd429(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true, Rate: 2, Burst: 3, RetryAfter: true})
	tok := all(tn, t)
	var last answer
	for i := range 4 {
		last = call(t, tn, tok, "GET", "/api/v2/organizations", "")
		if i < 3 {
			if last.status != 200 || last.header.Get("X-RateLimit-Limit") != "3" || last.header.Get("X-RateLimit-Remaining") != strconv.Itoa(2-i) {
				t.Fatalf("call %d: %d limit %q remaining %q", i, last.status, last.header.Get("X-RateLimit-Limit"), last.header.Get("X-RateLimit-Remaining"))
			}
		}
	}
	wantError(t, last, 429, "Global limit has been reached")
	if last.json(t)["errorCode"] != "too_many_requests" {
		t.Fatalf("429 errorCode: %s", last.body)
	}
	reset, _ := strconv.ParseInt(last.header.Get("X-RateLimit-Reset"), 10, 64)
	if d := time.Until(time.Unix(reset, 0)); d < 0 || d > 2*time.Second {
		t.Fatalf("reset %d is %s away", reset, d)
	}
	if ra := last.header.Get("Retry-After"); ra != "1" {
		t.Fatalf("Retry-After %q", ra)
	}
	quiet := simtest.Start(t, sim.Options{Empty: true, Rate: 1, Burst: 1}) // Auth0 documents no Retry-After: off by default
	qtok := all(quiet, t)
	call(t, quiet, qtok, "GET", "/api/v2/organizations", "")
	if a := call(t, quiet, qtok, "GET", "/api/v2/organizations", ""); a.status != 429 || a.header.Get("Retry-After") != "" {
		t.Fatalf("by default: %d, Retry-After %q", a.status, a.header.Get("Retry-After"))
	}
	time.Sleep(600 * time.Millisecond) // at 2/s one token is back after 500ms
	if a := call(t, tn, tok, "GET", "/api/v2/organizations", ""); a.status != 200 {
		t.Fatalf("after waiting: %d", a.status)
	}
}

func jsonInto(b []byte, v any) error { return json.Unmarshal(b, v) }
