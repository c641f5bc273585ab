package sim_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Discovery domains hold Auth0's rules: the domain's length and pattern,
// the status enum, one organization per domain, 100 per organization, and
// no PATCH of the domain itself.
func TestDiscoveryDomainsRules(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	id := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)["id"].(string)
	other := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"globex"}`).json(t)["id"].(string)
	base := "/api/v2/organizations/" + id + "/discovery-domains"

	wantError(t, call(t, tn, tok, "POST", base, `{}`), 400, "Missing required property: domain")
	wantError(t, call(t, tn, tok, "POST", base, `{"domain":"a."}`), 400, "String is too short")
	wantError(t, call(t, tn, tok, "POST", base, `{"domain":"-acme.com"}`), 400, "does not match pattern")
	wantError(t, call(t, tn, tok, "POST", base, `{"domain":"acme.com","status":"done"}`), 400, "No enum match for: done")
	a := call(t, tn, tok, "POST", base, `{"domain":"Acme.com"}`)
	d := a.json(t)
	if a.status != 201 || d["status"] != "pending" || d["use_for_organization_discovery"] != true || d["domain"] != "acme.com" ||
		d["verification_host"] != "_ss-verification."+id+".acme.com" || len(d["verification_txt"].(string)) != 32 {
		t.Fatalf("create: %d %s", a.status, a.body)
	}
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations/"+other+"/discovery-domains", `{"domain":"ACME.com"}`), 409, "already")
	wantError(t, call(t, tn, tok, "PATCH", base+"/"+d["id"].(string), `{"domain":"x.com"}`), 400, "Additional properties not allowed: domain")
	got := call(t, tn, tok, "PATCH", base+"/"+d["id"].(string), `{"status":"verified","use_for_organization_discovery":false}`).json(t)
	if got["status"] != "verified" || got["use_for_organization_discovery"] != false {
		t.Fatalf("patch: %v", got)
	}
	if got := call(t, tn, tok, "GET", base+"/name/acme.com", "").json(t); got["id"] != d["id"] {
		t.Fatalf("by name: %v", got)
	}
	for i := 1; i < 100; i++ {
		if a := call(t, tn, tok, "POST", base, fmt.Sprintf(`{"domain":"d%d.com"}`, i)); a.status != 201 {
			t.Fatalf("domain %d: %d %s", i, a.status, a.body)
		}
	}
	wantError(t, call(t, tn, tok, "POST", base, `{"domain":"one-too-many.com"}`), 409, "at most 100")
	page := call(t, tn, tok, "GET", base+"?take=100", "").json(t)
	if n := len(page["domains"].([]any)); n != 100 || page["next"] != nil {
		t.Fatalf("take=100 listed %d, next %v", n, page["next"])
	}

	// a token without the scope is refused by name; a tenant without the feature answers the route-level 404
	reader := tn.Token(t, time.Hour, "read:organizations")
	wantError(t, call(t, tn, reader, "GET", base, ""), 403, "Insufficient scope, expected any of: read:organization_discovery_domains")
	bare := simtest.Start(t, sim.Options{Empty: true, NoDiscoveryDomains: true})
	btok := all(bare, t)
	bid := call(t, bare, btok, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)["id"].(string)
	wantError(t, call(t, bare, btok, "GET", "/api/v2/organizations/"+bid+"/discovery-domains", ""), 404, "Not Found")
}

// The newer connections family's name holds Auth0's 1..50 and the access
// level its enum.
func TestNewerConnectionFields(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	id := call(t, tn, tok, "POST", "/api/v2/organizations", `{"name":"acme"}`).json(t)["id"].(string)
	cid := call(t, tn, tok, "POST", "/api/v2/connections", `{"name":"acme-saml","strategy":"samlp"}`).json(t)["id"].(string)
	base := "/api/v2/organizations/" + id + "/connections"
	wantError(t, call(t, tn, tok, "POST", base, `{"connection_id":"`+cid+`","organization_connection_name":"`+strings.Repeat("n", 51)+`"}`), 400, "String is too long (51 chars), maximum 50")
	wantError(t, call(t, tn, tok, "POST", base, `{"connection_id":"`+cid+`","organization_access_level":"admin"}`), 400, "No enum match for: admin")
	got := call(t, tn, tok, "POST", base, `{"connection_id":"`+cid+`","organization_connection_name":"SSO","organization_access_level":"readonly"}`).json(t)
	if got["organization_connection_name"] != "SSO" || got["organization_access_level"] != "readonly" {
		t.Fatalf("create: %v", got)
	}
	wantError(t, call(t, tn, tok, "PATCH", base+"/"+cid, `{"organization_connection_name":""}`), 400, "String is too short (0 chars), minimum 1")
}
