package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// startActivityFlow runs the dashboard on tn with its audit log in a file
// the Activity tab reads, as the dashboard does; with live, the tenant's
// Events API subscription feeds the session's news, as cmd_dashboard wires it.
func startActivityFlow(t *testing.T, tn *simtest.Tenant, live bool) *flow {
	t.Helper()
	return startActivityFlowAs(t, tn, tn.ClientID(), tn.ClientSecret(), live)
}

// startActivityFlowAs is startActivityFlow as the client clientID.
func startActivityFlowAs(t *testing.T, tn *simtest.Tenant, clientID, secret string, live bool) *flow {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: clientID, ClientSecret: secret, Demo: true,
		Transport: tn.Transport, VerifyInterval: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{tn: tn, log: &lockedBuffer{}, admin: tn.Management(t)}
	cl = audit.Client(cl, log, audit.Who{User: "tester", Key: "SHA256:testkey"})
	f.session = open(t, cl, 140, 36, func(c *common.Common) {
		var l *activity.Live
		if live {
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			c.Changes = common.NewChanges()
			l = activity.NewLive(cl)
			c.Changes.Relay(l)
			l.Start(ctx)
		}
		c.History = func(cl client.Client) activity.Source {
			return activity.Source{Client: cl, AuditPath: path, Live: l}
		}
	})
	return f
}

// asDashboard is a request option that makes a call "from the Auth0
// Dashboard" by admin (a simulator-only header).
func asDashboard(admin string) management.RequestOption {
	return management.Header("X-Sim-Actor", "dashboard:"+admin)
}

func TestFlowActivityShowsADashboardChangeWithinOnePoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		f := startActivityFlow(t, tn, false)
		f.want("3 organizations")
		f.press("enter", "6")
		f.wait("acme › Activity", "Activity (") // the tenant's seeded logins and failures
		f.press("f")
		f.want("following")
		org := f.orgID("acme")
		ms, err := f.admin.Organization.Members(context.Background(), org)
		if err != nil {
			t.Fatal(err)
		}
		gone := ms.Members[0]
		if err := f.admin.Organization.DeleteMembers(context.Background(), org, []string{gone.GetUserID()},
			asDashboard("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		f.waitFor(activity.FollowEvery+time.Second, "removed "+gone.GetUserID())
		if row := lineWith(f.screen(), "removed "+gone.GetUserID()); !strings.Contains(row, "ops@example.com (Dashboard)") ||
			!strings.Contains(row, "not orgdash") || !strings.Contains(row, time.Now().Local().Format("2006-01-02 15:04")) {
			t.Fatalf("the admin's change, marked as made elsewhere, on top: %q", row)
		}
		f.press("g", "enter") // the newest: the whole event
		f.want("DELETE /api/v2/organizations/"+org+"/members", "Request body", gone.GetUserID(),
			"https://manage.auth0.com/", "elsewhere: not through orgdash")
	})
}

func TestFlowAChangeThroughOrgdashShowsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 30, RemovalDelayMin: time.Second, RemovalDelayMax: time.Second})
		f := startActivityFlow(t, tn, false)
		f.want("2 organizations")
		f.press("enter", "3")
		f.want("Members (30)")
		for range 12 { // two batches: Auth0 takes 10 a request
			f.press("space")
		}
		f.press("d")
		f.want("Remove 12 members?")
		f.confirm("y")
		f.wait("1 of 18")
		if n := sapiCount(tn, "DELETE"); n != 2 {
			t.Fatalf("the tenant logged %d removals, want 2 batches", n)
		}
		f.press("6")
		f.wait("removed 12 members")
		sc := f.screen()
		row := lineWith(sc, "removed 12 members")
		removals := 0
		for _, l := range strings.Split(sc, "\n") {
			if strings.Contains(l, "removed") && strings.Contains(l, " change ") {
				removals++
			}
		}
		if removals != 1 || !strings.Contains(row, "tester (SHA256:testkey)") || !strings.HasSuffix(strings.TrimSpace(row), "orgdash") {
			t.Fatalf("orgdash's removal shows once (its two logged batches merged), by the tester, through orgdash:\n%s", sc)
		}
		f.press("enter")
		f.want("through orgdash", "Tenant log", "Audit")
		f.press("esc") // back to the timeline, then to the organizations
		f.want("acme › Activity", "removed 12 members")
		f.press("esc")
		f.want("2 organizations")
		f.wantNot("acme › Activity")
	})
}

// lineWith is the first line of sc that shows s.
func lineWith(sc, s string) string {
	for _, l := range strings.Split(sc, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// sapiCount is how many sapi events of method the tenant logged.
func sapiCount(tn *simtest.Tenant, method string) int {
	n := 0
	for _, e := range tn.Logs() {
		if req, ok := e.Details["request"].(map[string]any); ok && e.Type == "sapi" && req["method"] == strings.ToLower(method) {
			n++
		}
	}
	return n
}

func TestFlowAMembershipAddedElsewhereUpdatesAnOpenMembersTab(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3, Plan: "enterprise"})
		f := startActivityFlow(t, tn, true)
		f.want("2 organizations")
		ctx := context.Background()
		before, err := f.admin.Organization.Members(ctx, f.orgID("acme"))
		if err != nil {
			t.Fatal(err)
		}
		n := len(before.Members)
		f.press("enter", "3")
		f.wait(fmt.Sprintf("Members (%d)", n))
		orgs, err := f.admin.Organization.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other := orgs.Organizations[0]
		if other.GetName() == "acme" {
			other = orgs.Organizations[1]
		}
		theirs, err := f.admin.Organization.Members(ctx, other.GetID())
		if err != nil {
			t.Fatal(err)
		}
		newcomer := theirs.Members[0]
		if err := f.admin.Organization.AddMembers(ctx, f.orgID("acme"), []string{newcomer.GetUserID()},
			asDashboard("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		f.waitFor(time.Second, fmt.Sprintf("Members (%d)", n+1), newcomer.GetEmail()) // no r pressed, no auto-refresh set
	})
}

func TestFlowTheTenantsActivityCleansWhatTheLogsCarry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3})
		f := startActivityFlow(t, tn, false)
		f.want("2 organizations")
		org := f.orgID("acme")
		if _, err := tn.AddLogEvent(sim.LogEvent{Type: "organization_member_added", OrganizationID: org,
			UserName: "eve\x1b]0;pwned\x07\x1b[2J@example.com", Details: map[string]any{"reason": "invitation"}}); err != nil {
			t.Fatal(err)
		}
		f.press(":")
		f.typed("activity")
		f.press("enter")
		f.wait("activity (every organization)", "ORGANIZATION", "(invitation)")
		f.press("g", "enter")
		f.want("Tenant log", "invitation")
		if sc := f.root().Render(); strings.Contains(sc, "pwned\x07") || strings.Contains(sc, "\x1b]0;") || strings.Contains(sc, "\x1b[2J") {
			t.Fatalf("an escape sequence from the logs reached the terminal: %q", sc)
		}
	})
}

func TestFlowFollowingKeepsToItsShareOfTheLogs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3})
		f := startActivityFlow(t, tn, false)
		f.want("2 organizations")
		f.press("enter", "6")
		f.wait("Activity (")
		f.press("f")
		before := tn.Stats().ByGroup["logs_read"]
		f.Advance(2 * time.Minute)
		calls := tn.Stats().ByGroup["logs_read"] - before
		if share := int64(2 * activity.LogsPerMinute * activity.FollowShare); calls > share || calls < share*3/4 {
			t.Errorf("%d logs calls in 2 minutes of following, want at most %d (and close to it)", calls, share)
		}
		f.press("f")
		before = tn.Stats().ByGroup["logs_read"]
		f.Advance(time.Minute)
		if calls := tn.Stats().ByGroup["logs_read"] - before; calls != 0 {
			t.Errorf("%d logs calls after f stopped following", calls)
		}
	})
}

func TestFlowADashboardRenameShowsBeforeAndAfterFromTheEventsAPI(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3, Plan: "enterprise"})
		f := startActivityFlow(t, tn, true)
		f.want("2 organizations")
		f.press("enter", "6")
		f.wait("Activity (")
		display := "Acme Renamed"
		if err := f.admin.Organization.Update(context.Background(), f.orgID("acme"),
			&management.Organization{DisplayName: &display}, asDashboard("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		// no f pressed: the event's news reads on
		f.waitFor(activity.FollowEvery+time.Second, "edited organization (display_name)")
		f.press("g", "enter")
		f.want("Before → after", `display_name: "`, `→ "Acme Renamed"`)
	})
}
