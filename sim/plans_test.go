package sim_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// memCall calls an in-memory tenant.
func memCall(t *testing.T, tn *simtest.Tenant, token, method, path, body string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, tn.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := (&http.Client{Transport: tn.Transport}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: b}
}

// endpoint is a call the project makes, and the group it belongs to.
type endpoint struct {
	method, path, body string
	group              limits.Group
}

// TestEveryEndpointUnderEveryPlan calls each endpoint orgdash uses on a
// fresh bucket under each plan and checks the headers against the plan's
// table: the group's bucket where the plan lists one, else the global one
// (or Essentials' bucket for all other endpoints). The clock is a
// synctest bubble's, so no token comes back unbidden.
func TestEveryEndpointUnderEveryPlan(t *testing.T) {
	for _, name := range limits.PlanNames() {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Plan: name, Orgs: 2, Members: 3})
				tok := tn.Token(t, 48*time.Hour, sim.AllScopes...)
				rest := func() { time.Sleep(10 * time.Minute) } // every bucket refills
				get := func(path string, into any) {
					rest()
					a := memCall(t, tn, tok, "GET", path, "")
					if a.status != 200 || json.Unmarshal(a.body, into) != nil {
						t.Fatalf("GET %s: %d %s", path, a.status, a.body)
					}
				}
				var orgs []struct{ ID, Name string }
				get("/api/v2/organizations", &orgs)
				org := orgs[0].ID
				var members []struct {
					UserID string `json:"user_id"`
				}
				get("/api/v2/organizations/"+org+"/members", &members)
				var conns []struct {
					ConnectionID string `json:"connection_id"`
				}
				get("/api/v2/organizations/"+org+"/enabled_connections", &conns)
				uid, cid := members[0].UserID, conns[0].ConnectionID
				plan := limits.Plans[name]
				for _, e := range []endpoint{
					{"GET", "/api/v2/organizations", "", limits.OrgsRead},
					{"GET", "/api/v2/organizations/" + org, "", limits.OrgByIDRead},
					{"GET", "/api/v2/organizations/name/" + orgs[0].Name, "", limits.OrgByNameRead},
					{"PATCH", "/api/v2/organizations/" + org, `{"display_name":"Renamed"}`, limits.OrgsWrite},
					{"GET", "/api/v2/organizations/" + org + "/connections", "", limits.OrgConnectionsRead},
					{"GET", "/api/v2/organizations/" + org + "/enabled_connections/" + cid, "", limits.OrgConnectionsRead},
					{"PATCH", "/api/v2/organizations/" + org + "/connections/" + cid, `{"show_as_button":true}`, limits.OrgConnectionsWrite},
					{"GET", "/api/v2/organizations/" + org + "/members?take=10", "", limits.OrgMembersRead},
					{"POST", "/api/v2/organizations/" + org + "/members", `{"members":["` + uid + `"]}`, limits.OrgMembersWrite},
					{"GET", "/api/v2/organizations/" + org + "/members/" + uid + "/roles", "", limits.OrgMemberRolesRead},
					{"GET", "/api/v2/organizations/" + org + "/invitations", "", limits.OrgInvitationsRead},
					{"GET", "/api/v2/users/" + uid + "/organizations", "", limits.UserOrganizationsRead},
					{"GET", "/api/v2/users", "", limits.UsersRead},
					{"GET", "/api/v2/connections", "", limits.ConnectionsRead},
				} {
					rest()
					a := memCall(t, tn, tok, e.method, e.path, e.body)
					if a.status >= 300 {
						t.Fatalf("%s %s: %d %s", e.method, e.path, a.status, a.body)
					}
					want, bucket := plan.Global, "global"
					if l, ok := plan.Groups[e.group]; ok {
						want, bucket = &l, string(e.group)
					} else if plan.Others != nil {
						want, bucket = plan.Others, "all other endpoints"
					}
					limit, _ := strconv.Atoi(a.header.Get("X-RateLimit-Limit"))
					remaining, _ := strconv.Atoi(a.header.Get("X-RateLimit-Remaining"))
					reset, _ := strconv.ParseInt(a.header.Get("X-RateLimit-Reset"), 10, 64)
					wait := time.Until(time.Unix(reset, 0))
					refill := time.Duration(float64(time.Second) / want.PerSecond)
					if limit != want.Burst || remaining != want.Burst-1 || wait <= 0 || wait > refill+time.Second {
						t.Errorf("%s %s: limit %d remaining %d reset in %s; want the %s bucket: %d, %d, within %s",
							e.method, e.path, limit, remaining, wait, bucket, want.Burst, want.Burst-1, refill)
					}
				}
			})
		})
	}
}

// TestAGroupRunsOutAndSaysWhich drains the members-read bucket: the
// answers stop at the bucket that is empty, the 429 names it, and the
// tenant log counts it.
func TestAGroupRunsOutAndSaysWhich(t *testing.T) {
	for _, tc := range []struct {
		plan, message string
		ok            int
	}{
		{"enterprise", "Global per minute organization_members_read group limit has been reached", 40},
		{"enterprise-nonprod", "Global limit has been reached", 10}, // its global burst of 10 runs out first
		{"free", "Global limit has been reached", 2},
	} {
		t.Run(tc.plan, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Plan: tc.plan, Orgs: 1, Members: 3})
				tok := tn.Token(t, 48*time.Hour, sim.AllScopes...)
				var orgs []struct{ ID string }
				_ = json.Unmarshal(memCall(t, tn, tok, "GET", "/api/v2/organizations", "").body, &orgs)
				time.Sleep(10 * time.Minute)
				ok := 0
				var last answer
				for range 100 {
					if last = memCall(t, tn, tok, "GET", "/api/v2/organizations/"+orgs[0].ID+"/members", ""); last.status != 200 {
						break
					}
					ok++
				}
				wantError(t, last, 429, tc.message)
				if ok != tc.ok || last.header.Get("Retry-After") != "" {
					t.Fatalf("%d answers before the 429 (want %d); Retry-After %q", ok, tc.ok, last.header.Get("Retry-After"))
				}
				var logs []struct {
					Type    string
					Details map[string]any
				}
				time.Sleep(10 * time.Minute)
				if err := json.Unmarshal(memCall(t, tn, tok, "GET", "/api/v2/logs?q=type:api_limit", "").body, &logs); err != nil || len(logs) != 1 {
					t.Fatalf("api_limit events: %v (%v)", logs, err)
				}
			})
		})
	}
}

// TestCapsAndScopes: Auth0's per-request caps and a least-privilege client.
func TestCapsAndScopes(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 1, Members: 12, Clients: []sim.ClientSpec{
		{ID: "reader", Secret: "reader-secret", Scopes: []string{"read:organizations", "read:organization_members"}}}})
	tok := all(tn, t)
	var orgs []struct{ ID string }
	_ = json.Unmarshal(call(t, tn, tok, "GET", "/api/v2/organizations", "").body, &orgs)
	org := orgs[0].ID
	var members []struct {
		UserID string `json:"user_id"`
	}
	_ = json.Unmarshal(call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/members", "").body, &members)
	ids := make([]string, 11)
	for i := range ids {
		ids[i] = `"` + members[i].UserID + `"`
	}
	eleven := `{"members":[` + strings.Join(ids, ",") + `]}`
	for _, m := range []string{"POST", "DELETE"} {
		wantError(t, call(t, tn, tok, m, "/api/v2/organizations/"+org+"/members", eleven), 400, "'Array is too long (11), maximum 10' on property members")
	}
	ten := `{"members":[` + strings.Join(ids[:10], ",") + `]}`
	if a := call(t, tn, tok, "DELETE", "/api/v2/organizations/"+org+"/members", ten); a.status != 204 {
		t.Fatalf("10 ids: %d %s", a.status, a.body)
	}
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations?per_page=101", ""), 400, "'Value 101 is greater than maximum 100' on property per_page")
	wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations/"+org+"/members?take=101", ""), 400, "'Value 101 is greater than maximum 100' on property take")
	wantError(t, call(t, tn, tok, "POST", "/api/v2/organizations", "{"), 400, "Invalid request payload JSON format")

	reader := readerToken(t, tn)
	if a := call(t, tn, reader, "GET", "/api/v2/organizations/"+org+"/members", ""); a.status != 200 {
		t.Fatalf("a read scope does not read: %d %s", a.status, a.body)
	}
	a := call(t, tn, reader, "DELETE", "/api/v2/organizations/"+org+"/members", `{"members":[`+ids[10]+`]}`)
	wantError(t, a, 403, "Insufficient scope, expected any of: delete:organization_members")
	if a.json(t)["errorCode"] != "insufficient_scope" {
		t.Fatalf("403 body %s", a.body)
	}
}

// readerToken gets a token by the client credentials grant, as the reader client.
func readerToken(t *testing.T, tn *simtest.Tenant) string {
	t.Helper()
	body := fmt.Sprintf(`{"grant_type":"client_credentials","client_id":"reader","client_secret":"reader-secret","audience":%q}`, tn.Audience())
	res, err := http.Post(tn.URL+"/oauth/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		Scope       string `json:"scope"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %v", err)
	}
	return tok.AccessToken
}

// GET /connections pages by checkpoint as the spec has it (go-auth0 v3
// expects the envelope), and by offset with totals, filtered.
func TestTenantConnectionsPaging(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 1, Members: 1})
	tok := all(tn, t)
	var seen []string
	for from := ""; ; {
		path := "/api/v2/connections?take=4"
		if from != "" {
			path += "&from=" + from
		}
		var page struct {
			Connections []struct{ Name string } `json:"connections"`
			Next        string                  `json:"next"`
		}
		a := call(t, tn, tok, "GET", path, "")
		if a.status != 200 || json.Unmarshal(a.body, &page) != nil || len(page.Connections) > 4 {
			t.Fatalf("%s: %d %s", path, a.status, a.body)
		}
		for _, c := range page.Connections {
			seen = append(seen, c.Name)
		}
		if page.Next == "" {
			break
		}
		from = page.Next
	}
	var totals struct {
		Connections []struct{ Name string } `json:"connections"`
		Total       int                     `json:"total"`
	}
	a := call(t, tn, tok, "GET", "/api/v2/connections?include_totals=true&per_page=100", "")
	if json.Unmarshal(a.body, &totals) != nil || totals.Total != len(seen) || len(seen) < 5 {
		t.Fatalf("checkpoint pages saw %d connections, offset paging says %d: %s", len(seen), totals.Total, a.body)
	}
	var saml []struct{ Strategy string }
	_ = json.Unmarshal(call(t, tn, tok, "GET", "/api/v2/connections?strategy=samlp", "").body, &saml)
	if len(saml) != 1 || saml[0].Strategy != "samlp" {
		t.Fatalf("strategy filter: %+v", saml)
	}
}
