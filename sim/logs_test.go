package sim_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// clock is a settable time for a tenant's Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// logTenant is a free-plan tenant (1 day of logs; its rate limit replaced
// by a generous bucket) holding six events over two days.
func logTenant(t *testing.T) (*simtest.Tenant, *clock, map[string]string) {
	ck := &clock{t: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)}
	tn := simtest.Start(t, sim.Options{Empty: true, Plan: "free", Rate: 1000, Burst: 1000, Now: ck.now})
	ids := map[string]string{}
	add := func(name string, hoursAgo float64, ev sim.LogEvent) {
		ev.Date = ck.now().Add(-time.Duration(hoursAgo * float64(time.Hour))).Format(time.RFC3339Nano)
		id, err := tn.AddLogEvent(ev)
		must(t, err)
		ids[name] = id
	}
	add("old", 30, sim.LogEvent{Type: "s", UserID: "auth0|ines", OrganizationID: "org_acme"})
	add("f1", 20, sim.LogEvent{Type: "f", UserID: "auth0|ines", OrganizationID: "org_acme", ClientID: "portal", ClientName: "Customer Portal", Description: "user is blocked"})
	add("fp", 10, sim.LogEvent{Type: "fp", UserID: "auth0|omar", OrganizationID: "org_acme", ClientID: "portal", Description: "Wrong email or password."})
	add("s1", 5, sim.LogEvent{Type: "s", UserID: "auth0|ines", OrganizationID: "org_globex", ClientID: "portal", Connection: "google-oauth2"})
	add("sapi", 2, sim.LogEvent{Type: "sapi", Description: "Update a organization", Details: map[string]any{"request": map[string]any{"path": "/api/v2/organizations/org_acme"}}})
	add("fu", 1, sim.LogEvent{Type: "fu", UserName: "nobody@acme.example", OrganizationID: "org_acme", Description: "Wrong email or password."})
	return tn, ck, ids
}

func logTypes(t *testing.T, a answer) string {
	t.Helper()
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var logs []map[string]any
	must(t, json.Unmarshal(a.body, &logs))
	var types []string
	for _, l := range logs {
		types = append(types, l["type"].(string))
	}
	return strings.Join(types, ",")
}

func TestLogSearch(t *testing.T) {
	tn, _, ids := logTenant(t)
	tok := all(tn, t)
	get := func(query string) answer { return call(t, tn, tok, "GET", "/api/v2/logs?"+query, "") }
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	for _, c := range []struct{ query, want string }{
		{"", "fu,sapi,s,fp,f"}, // newest first; the 30-hour-old event is past the free plan's day
		{"sort=date:1", "f,fp,s,sapi,fu"},
		{q(`type:f`), "f"},
		{q(`type:("f" OR "fp" OR "fu")`), "fu,fp,f"},
		{q(`type:f OR type:fu`), "fu,f"},
		{q(`user_id:"auth0|ines" AND organization_id:org_acme`), "f"},
		{q(`user_id:"auth0|ines" organization_id:org_globex`), "s"},
		{q(`organization_id:org_acme AND NOT type:fu`), "fp,f"},
		{q(`client_name:Cust*`), "f"},
		{q(`(type:s OR type:sapi) AND date:[` + ids2date(tn, ids["s1"]) + ` TO *]`), "sapi,s"},
		{q(`date:{* TO ` + ids2date(tn, ids["s1"]) + `}`), "fp,f"},
	} {
		if got := logTypes(t, get(c.query)); got != c.want {
			t.Errorf("%s: %q, want %q", c.query, got, c.want)
		}
	}
	wantError(t, get(q(`details.request.path:x`)), 400, "not searchable")
	wantError(t, get(q(`type:(f OR`)), 400, "q")
	wantError(t, get("sort=date"), 400, "sort")

	// fields, include_fields, include_totals, paging
	var picked []map[string]any
	must(t, json.Unmarshal(get("fields=type,log_id&per_page=2").body, &picked))
	if len(picked) != 2 || len(picked[0]) != 2 || picked[0]["log_id"] != ids["fu"] {
		t.Fatalf("fields=type,log_id: %v", picked)
	}
	must(t, json.Unmarshal(get("fields=details&include_fields=false").body, &picked))
	if _, has := picked[1]["details"]; has || picked[1]["type"] != "sapi" {
		t.Fatalf("include_fields=false kept details: %v", picked[1])
	}
	env := get("per_page=2&page=1&include_totals=true").json(t)
	if env["total"] != 5.0 || env["start"] != 2.0 || env["length"] != 2.0 || len(env["logs"].([]any)) != 2 {
		t.Fatalf("envelope %v", env)
	}
	wantError(t, get("per_page=100&page=10"), 400, "1000")

	// the SDK's own types read them
	m := tn.Management(t)
	logs, err := m.Log.List(context.Background(), management.Query(`type:"f"`))
	must(t, err)
	if len(logs) != 1 || logs[0].GetDescription() != "user is blocked" || logs[0].GetClientName() != "Customer Portal" || logs[0].TypeName() != "Failed Login" {
		t.Fatalf("SDK read %+v", logs)
	}
	one, err := m.Log.Read(context.Background(), ids["sapi"])
	must(t, err)
	if one.GetDetails()["request"].(map[string]any)["path"] != "/api/v2/organizations/org_acme" || one.GetDate().IsZero() {
		t.Fatalf("GET /logs/{id}: %+v", one)
	}
	wantError(t, call(t, tn, tok, "GET", "/api/v2/logs/"+ids["old"], ""), 404, "log")
	wantError(t, call(t, tn, tn.Token(t, time.Hour, "read:users"), "GET", "/api/v2/logs", ""), 403, "read:logs")
}

// ids2date is the date of the event with id.
func ids2date(tn *simtest.Tenant, id string) string {
	for _, ev := range tn.Logs() {
		if ev.LogID == id {
			return ev.Date
		}
	}
	return ""
}

func TestLogCheckpointAndRetention(t *testing.T) {
	tn, ck, ids := logTenant(t)
	tok := all(tn, t)
	first := call(t, tn, tok, "GET", "/api/v2/logs?from="+ids["f1"]+"&take=2&q=type:nothing", "")
	if got := logTypes(t, first); got != "fp,s" { // after f1, oldest first; q ignored
		t.Fatalf("checkpoint page %q", got)
	}
	link := first.header.Get("Link")
	if !strings.Contains(link, "from="+ids["s1"]) || !strings.HasSuffix(link, `rel="next"`) {
		t.Fatalf("Link %q", link)
	}
	next := call(t, tn, tok, "GET", "/api/v2/logs?from="+ids["s1"]+"&take=2", "")
	if got := logTypes(t, next); got != "sapi,fu" {
		t.Fatalf("second page %q", got)
	}
	// a new event lands after the checkpoint
	id, err := tn.AddLogEvent(sim.LogEvent{Type: "s"})
	must(t, err)
	if got := logTypes(t, call(t, tn, tok, "GET", "/api/v2/logs?from="+ids["fu"]+"&take=10", "")); got != "s" {
		t.Fatalf("after the last page %q", got)
	}
	empty := call(t, tn, tok, "GET", "/api/v2/logs?from="+id+"&take=10", "")
	if logTypes(t, empty) != "" || !strings.Contains(empty.header.Get("Link"), "from="+id) {
		t.Fatalf("an empty page's Link %q must repeat the request", empty.header.Get("Link"))
	}
	// a day later the free plan has forgotten all but the newest
	ck.advance(23*time.Hour + 30*time.Minute)
	if got := logTypes(t, call(t, tn, all(tn, t), "GET", "/api/v2/logs", "")); got != "s" {
		t.Fatalf("after 23.5 hours: %q", got)
	}
}
