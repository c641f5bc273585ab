package activity

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

const tenant, org, ours = "demo.auth0.local", "org_acme", "orgdash_client"

// sapi is a sapi event as Auth0 logs one: method in lower case, the path,
// the body, and for the Dashboard its channel and administrator.
func sapi(id string, at time.Time, clientID, method, path string, body any, admin string) client.LogEvent {
	req := map[string]any{"method": strings.ToLower(method), "path": path, "body": body, "channel": "api"}
	if admin != "" {
		req["channel"] = DashboardChannel
		req["auth"] = map[string]any{"user": map[string]any{"user_id": "auth0|admin", "email": admin}}
	}
	return client.LogEvent{ID: id, Date: at, Type: "sapi", ClientID: clientID, ClientName: clientID,
		Details: map[string]any{"request": req, "response": map[string]any{"statusCode": 200.0}}}
}

func change(id string, at time.Time, action string, targets []string, names map[string]string) audit.Change {
	in := audit.Entry{Time: at, ID: id, Phase: audit.Intent, User: "ines", Key: "SHA256:abcdefghijklmnopqrstuvwxyz",
		Tenant: tenant, Action: action, Org: org, OrgName: "acme", Targets: targets, Names: names}
	out := in
	out.Time, out.Phase, out.Outcome = at.Add(2*time.Second), audit.Ended, audit.OK
	return audit.Change{Intent: in, Outcome: &out}
}

func TestDashboardChangeIsMarkedElsewhereWithTheAdmin(t *testing.T) {
	logs := []client.LogEvent{
		sapi("1", t0, "dash", "PATCH", "/api/v2/organizations/org_acme/connections/con_okta",
			map[string]any{"is_enabled": false}, "ops@example.com"),
		sapi("2", t0, "dash", "PATCH", "/api/v2/organizations/org_other/connections/con_okta",
			map[string]any{"is_enabled": false}, "ops@example.com"),
	}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Logs: logs, Names: map[string]string{"con_okta": "okta-workforce"}})
	if len(es) != 1 {
		t.Fatalf("want acme's one change, got %+v", es)
	}
	e := es[0]
	if !e.Elsewhere || e.Who.Actor != Dashboard || e.Who.Name != "ops@example.com" || e.What != "disabled okta-workforce" {
		t.Errorf("got %+v (who %s)", e, e.Who)
	}
}

func TestAChangeThroughOrgdashShowsOnceWithEveryBatch(t *testing.T) {
	var targets []string
	var batch1, batch2 []any
	for i := range 12 {
		id := fmt.Sprintf("auth0|%d", i)
		targets = append(targets, id)
		if i < 10 {
			batch1 = append(batch1, id)
		} else {
			batch2 = append(batch2, id)
		}
	}
	c := change("c1", t0, "remove members", targets, nil)
	logs := []client.LogEvent{
		sapi("1", t0.Add(time.Second), ours, "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": batch1}, ""),
		sapi("2", t0.Add(time.Second), ours, "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": batch2}, ""),
		// the same call by another application: made elsewhere
		sapi("3", t0.Add(time.Second), "terraform", "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": batch2}, ""),
		// by orgdash's client an hour later, not in this audit: elsewhere too
		sapi("4", t0.Add(time.Hour), ours, "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": batch2}, ""),
	}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{c}, Logs: logs})
	if len(es) != 3 {
		t.Fatalf("want 3 entries (orgdash's once, two elsewhere), got %d: %+v", len(es), es)
	}
	var mine []Entry
	for _, e := range es {
		if !e.Elsewhere {
			mine = append(mine, e)
		}
	}
	if len(mine) != 1 || len(mine[0].Logs) != 2 || mine[0].What != "removed 12 members" || mine[0].Who.Name != "ines" ||
		mine[0].Method != "DELETE" {
		t.Errorf("orgdash's change: %+v", mine)
	}
	if es[0].ID != "log:4" || es[0].Who.Actor != APIClient {
		t.Errorf("newest first, by an API client: %+v", es[0])
	}
}

func TestSingleChangesMatchTheirTargetOnly(t *testing.T) {
	c := change("c1", t0, "disable connection", []string{"con_okta"}, map[string]string{"con_okta": "okta-workforce"})
	logs := []client.LogEvent{
		sapi("1", t0.Add(time.Second), ours, "PATCH", "/api/v2/organizations/org_acme/connections/con_db", map[string]any{"is_enabled": false}, ""),
		sapi("2", t0.Add(time.Second), ours, "PATCH", "/api/v2/organizations/org_acme/connections/con_okta", map[string]any{"is_enabled": false}, ""),
	}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{c}, Logs: logs})
	if len(es) != 2 {
		t.Fatalf("got %+v", es)
	}
	for _, e := range es {
		switch e.ID {
		case "audit:c1":
			if len(e.Logs) != 1 || e.Logs[0].ID != "2" || e.What != "disabled okta-workforce" || e.Elsewhere {
				t.Errorf("orgdash's: %+v", e)
			}
		case "log:1":
			if !e.Elsewhere || e.What != "disabled con_db" {
				t.Errorf("elsewhere: %+v", e)
			}
		default:
			t.Errorf("unexpected %+v", e)
		}
	}
}

func TestMembershipsAndLogins(t *testing.T) {
	logs := []client.LogEvent{
		{ID: "1", Date: t0, Type: "organization_member_added", OrgID: org, UserName: "ines@example.com",
			Details: map[string]any{"reason": "auto_membership"}},
		{ID: "2", Date: t0.Add(time.Minute), Type: "s", OrgID: org, UserName: "ines@example.com", Connection: "okta-workforce"},
		{ID: "3", Date: t0.Add(2 * time.Minute), Type: "fp", OrgID: org, UserName: "bob@example.com", Description: "Wrong password."},
		{ID: "4", Date: t0, Type: "s", OrgID: "org_other"},
		{ID: "5", Date: t0, Type: "seacft"}, // a token exchange: not shown
	}
	es := Build(Input{Tenant: tenant, Org: org, Logs: logs})
	if len(es) != 3 {
		t.Fatalf("got %+v", es)
	}
	want := []struct {
		kind Kind
		what string
	}{{LoginFailure, "Wrong password."}, {Login, "logged in with okta-workforce"},
		{Membership, "added ines@example.com (auto-membership)"}}
	for i, w := range want {
		if es[i].Kind != w.kind || es[i].What != w.what || !strings.Contains(es[i].Who.String(), "@example.com") {
			t.Errorf("%d: got %v %q by %s, want %v %q by the person", i, es[i].Kind, es[i].What, es[i].Who, w.kind, w.what)
		}
	}
	if got := (Filter{Kinds: []Kind{Login, LoginFailure}, Person: "BOB"}).Apply(es); len(got) != 1 || got[0].ID != "log:3" {
		t.Errorf("filter by kind and person: %+v", got)
	}
}

func TestTheTenantWideTimelineSkipsOtherTenantsAudit(t *testing.T) {
	a := change("a", t0, "remove connection", []string{"con_db"}, nil)
	b := change("b", t0, "remove connection", []string{"con_db"}, nil)
	b.Intent.Tenant = "other.auth0.com"
	es := Build(Input{Tenant: tenant, Changes: []audit.Change{a, b}})
	if len(es) != 1 || es[0].ID != "audit:a" || es[0].What != "removed connection con_db" {
		t.Errorf("got %+v", es)
	}
}

func TestACreationThroughOrgdashShowsOnceInTheNewOrganization(t *testing.T) {
	c := change("c1", t0, "create organization", []string{"acme"}, nil)
	c.Intent.Org, c.Outcome.Org = "", ""
	other := change("c2", t0, "create organization", []string{"globex"}, nil)
	other.Intent.Org, other.Outcome.Org = "", ""
	created := sapi("1", t0.Add(time.Second), ours, "POST", "/api/v2/organizations", map[string]any{"name": "acme"}, "")
	created.Details["response"] = map[string]any{"statusCode": 201.0, "body": map[string]any{"id": org, "name": "acme"}}
	es := Build(Input{Tenant: tenant, Org: org, OurClient: ours, Changes: []audit.Change{c, other}, Logs: []client.LogEvent{created}})
	if len(es) != 1 || es[0].ID != "audit:c1" || es[0].Elsewhere || es[0].Org != org || es[0].What != "created organization acme" {
		t.Fatalf("got %+v", es)
	}
}

func TestADashboardEditGetsItsBeforeFromTheEventsAPI(t *testing.T) {
	edit := sapi("1", t0, "", "PATCH", "/api/v2/organizations/org_acme", map[string]any{"display_name": "Acme Two"}, "ops@example.com")
	updated := client.Event{Type: "organization.updated", Time: t0.Add(time.Second), Data: map[string]any{
		"object":          map[string]any{"id": org, "display_name": "Acme Two"},
		"previous_object": map[string]any{"id": org, "display_name": "Acme"}}}
	elsewhere := updated
	elsewhere.Data = map[string]any{"object": map[string]any{"id": "org_other"}, "previous_object": map[string]any{"id": "org_other"}}
	es := Build(Input{Tenant: tenant, Org: org, Logs: []client.LogEvent{edit}, Events: []client.Event{elsewhere, updated}})
	if len(es) != 1 || es[0].Before["display_name"] != "Acme" || es[0].After["display_name"] != "Acme Two" {
		t.Fatalf("before → after from the event: %+v", es)
	}
}

func TestTheTenantWideTimelineNamesOrganizations(t *testing.T) {
	logs := []client.LogEvent{
		sapi("1", t0, "tf", "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": []any{"auth0|1"}}, ""),
		{ID: "2", Date: t0, Type: "s", OrgID: org, OrgName: "acme", UserName: "ines@example.com"},
	}
	for _, e := range Build(Input{Tenant: tenant, Logs: logs}) {
		if e.OrgName != "acme" {
			t.Errorf("%s: named %q", e.ID, e.OrgName)
		}
	}
}

// An older orgdash's fix named its organization by name alone and its
// user by id: it is the organization's, merged with its logged call, its
// user named from Auth0's answer.
func TestAFixNamedByItsOrganizationsNameIsItsAndMergesItsCall(t *testing.T) {
	in := audit.Entry{Time: t0, ID: "fix1", Phase: audit.Intent, User: "ines", Tenant: tenant, Action: "unblock user",
		OrgName: "acme", Targets: []string{"auth0|7"}}
	out := in
	out.Time, out.Phase, out.Outcome = t0.Add(time.Second), audit.Ended, audit.OK
	call := sapi("9", t0.Add(500*time.Millisecond), ours, "PATCH", "/api/v2/users/auth0|7", map[string]any{"blocked": false}, "")
	call.Details["response"] = map[string]any{"statusCode": 200.0, "body": map[string]any{"user_id": "auth0|7", "email": "omar@example.com"}}
	es := Build(Input{Tenant: tenant, Org: org, OrgName: "acme", OurClient: ours, Changes: []audit.Change{{Intent: in, Outcome: &out}},
		Logs: []client.LogEvent{call}, Through: map[string]string{"9": "its member omar@example.com"}})
	if len(es) != 1 {
		t.Fatalf("want the fix once, its call merged: %+v", es)
	}
	if e := es[0]; e.Org != org || e.OrgName != "acme" || e.What != "unblocked omar@example.com" || e.Elsewhere || len(e.Logs) != 1 {
		t.Errorf("got %+v", e)
	}
	tenantWide := Build(Input{Tenant: tenant, OurClient: ours, Changes: []audit.Change{{Intent: in, Outcome: &out}},
		Logs: []client.LogEvent{call}, Names: map[string]string{org: "acme"}})
	if len(tenantWide) != 1 || tenantWide[0].Org != org || tenantWide[0].OrgName != "acme" {
		t.Errorf("the tenant's activity names its organization: %+v", tenantWide)
	}
}

// A change in progress (its writer runs) is not interrupted.
func TestAChangeWithoutOutcomeIsInProgressWhileItsWriterRuns(t *testing.T) {
	c := change("c1", t0, "remove members", []string{"auth0|1"}, nil)
	c.Outcome = nil
	if e := Build(Input{Tenant: tenant, Org: org, Changes: []audit.Change{c}, InProgress: map[string]bool{"c1": true}}); e[0].Outcome != InProgress {
		t.Errorf("running: %q", e[0].Outcome)
	}
	if e := Build(Input{Tenant: tenant, Org: org, Changes: []audit.Change{c}}); e[0].Outcome != audit.Interrupted {
		t.Errorf("its writer gone: %q", e[0].Outcome)
	}
}

// A login names no one else: it is made nowhere but in Auth0's login; a
// failure that names no one reads as its reason.
func TestLoginsAreNotMadeElsewhere(t *testing.T) {
	fail := client.LogEvent{ID: "f1", Date: t0, Type: "f", OrgID: org, ClientName: "Customer Portal", Description: "the connection is not enabled"}
	es := Build(Input{Tenant: tenant, Org: org, Logs: []client.LogEvent{fail}})
	if e := es[0]; e.Where() != "" || e.What != "the connection is not enabled" || !e.Who.Anonymous || e.Who.Name != "someone via Customer Portal" {
		t.Errorf("got %+v (where %q)", e, e.Where())
	}
}

// A fix made for another organization of a connection this one has too
// shows here as orgdash's, saying how it affects this organization, not
// as a change made elsewhere.
func TestAnotherOrganizationsFixOfASharedConnectionIsOrgdashsHere(t *testing.T) {
	in := audit.Entry{Time: t0, ID: "fix2", Phase: audit.Intent, User: "ines", Tenant: tenant, Action: "enable connection for application",
		Org: "org_globex", OrgName: "globex", Targets: []string{"con_okta app_portal"}}
	out := in
	out.Time, out.Phase, out.Outcome = t0.Add(time.Second), audit.Ended, audit.OK
	call := sapi("7", t0.Add(500*time.Millisecond), ours, "PATCH", "/api/v2/connections/con_okta/clients",
		[]any{map[string]any{"client_id": "app_portal", "status": true}}, "")
	es := Build(Input{Tenant: tenant, Org: org, OrgName: "acme", OurClient: ours, Changes: []audit.Change{{Intent: in, Outcome: &out}},
		Logs: []client.LogEvent{call}, Names: map[string]string{"con_okta": "okta", "app_portal": "Portal"},
		Through: map[string]string{"7": "its connection okta"}})
	if len(es) != 1 || es[0].Elsewhere || es[0].Through != "its connection okta" || es[0].What != "enabled okta for Portal" {
		t.Fatalf("want orgdash's fix once, through acme's connection: %+v", es)
	}
	if es := Build(Input{Tenant: tenant, Org: org, OrgName: "acme", OurClient: ours, Changes: []audit.Change{{Intent: in, Outcome: &out}},
		Logs: []client.LogEvent{call}}); len(es) != 0 {
		t.Fatalf("a fix of a connection acme does not have is not acme's: %+v", es)
	}
}
