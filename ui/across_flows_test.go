package ui

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/dialog"
)

// shared makes a connection and enables it in every third organization
// listed, n of them; it returns the connection's id and those organizations' ids.
func (f *flow) shared(n int) (string, []string) {
	f.t.Helper()
	admin := f.tn.Management(f.t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 100, Statuses: []int{http.StatusTooManyRequests}}))
	ctx := context.Background()
	if err := admin.Request(ctx, "POST", admin.URI("connections"), &map[string]any{"name": "shared-okta", "strategy": "okta"}); err != nil {
		f.t.Fatal(err)
	}
	var conns []map[string]any
	if err := admin.Request(ctx, "GET", admin.URI("connections")+"?name=shared-okta", &conns); err != nil {
		f.t.Fatal(err)
	}
	id := conns[0]["id"].(string)
	l, err := admin.Organization.List(ctx, management.PerPage(100))
	if err != nil {
		f.t.Fatal(err)
	}
	var orgs []string
	for i := 0; len(orgs) < n; i += 3 {
		o := l.Organizations[i].GetID()
		if err := admin.Request(ctx, "POST", admin.URI("organizations", o, "connections"), &map[string]any{"connection_id": id}); err != nil {
			f.t.Fatal(err)
		}
		orgs = append(orgs, o)
	}
	return id, orgs
}

// sharedOpened starts the dashboard on a tenant of orgs organizations with
// a connection shared by n of them, and opens that connection's
// organizations through ":connection", the scan done.
func sharedOpened(t *testing.T, orgs, n int) (*flow, *simtest.Tenant, string, []string) {
	t.Helper()
	tn := simtest.StartInMemory(t, sim.Options{Orgs: orgs, Members: 2})
	f := startFlow(t, tn, "", "")
	connID, ids := f.shared(n)
	f.wait(fmt.Sprintf("%d organizations", orgs), fmt.Sprintf("1 of %d", orgs))
	f.press(":")
	f.typed("connection shared-okta").press("enter")
	f.wait(fmt.Sprintf("shared-okta in %d organizations", n), "every organization read")
	return f, tn, connID, ids
}

// :connection finds the organizations that use a connection by a scan;
// disabling it in all of them shows the plan, takes the count typed, can
// be copied as curl, ends with the tenant and one audit line per
// organization agreeing, and z enables it again everywhere.
func TestFlowDisableAConnectionAcrossOrganizations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, _, connID, orgs := sharedOpened(t, 12, 4)
		f.press("A", "t")
		f.want("Disable shared-okta in 4 organizations", "4 calls", "Copy as curl (4 commands)")
		f.press("down", "enter")
		f.want("copied 4 curl commands (the token is $TOKEN)")
		f.press("t", "enter")
		f.want("Type the number of organizations to confirm.")
		f.Advance(dialog.ArmDelay)
		f.typed("3").press("enter")
		f.want("Type 4 to confirm") // a wrong count runs nothing
		f.press("backspace")
		f.typed("4").press("enter")
		f.wait("z undo disabled shared-okta in 4 organizations") // the status after it is cut at this width
		for _, o := range orgs {
			if c, _ := f.orgConn(o, connID); c["is_enabled"] != false {
				t.Fatalf("%s: after disabling %v", o, c)
			}
		}
		if got := strings.Count(f.screen(), " off "); got < 4 {
			t.Fatalf("the rows show %d disabled:\n%s", got, f.screen())
		}
		f.press("z")
		f.wait("enabled shared-okta in 4 of 4 organizations")
		f.wantNot("z undo") // an undo is not undone in turn
		for _, o := range orgs {
			if c, _ := f.orgConn(o, connID); c["is_enabled"] != true {
				t.Fatalf("%s: after undo %v", o, c)
			}
		}
		byOrg := map[string][]string{}
		for _, e := range f.log.entries(t) {
			if e.Phase == audit.Ended {
				byOrg[e.Org] = append(byOrg[e.Org], e.Action+":"+e.Outcome)
			}
		}
		for _, o := range orgs {
			if strings.Join(byOrg[o], ",") != "disable connection:ok,re-enable connection:ok" {
				t.Fatalf("%s: audit %v", o, byOrg[o])
			}
		}
		f.press("esc", "C") // the tenant's connections count from the same index, no scan again
		f.wait("every organization read")
		row := ""
		for _, line := range strings.Split(f.screen(), "\n") {
			if strings.Contains(line, "shared-okta") && strings.Contains(line, "con_") {
				row = line
			}
		}
		if fs := strings.Fields(row); len(fs) < 3 || fs[2] != "4" {
			t.Fatalf("the tenant's connections show %q, want shared-okta in 4 organizations:\n%s", row, f.screen())
		}
	})
}

// u finds a person; their organizations show with their roles; removing
// them from one is confirmed as any removal is, the tenant agrees,
// and z adds them back with the roles they had.
func TestFlowRemoveAPersonFromOrganizations(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 5, Members: 3})
		f := startFlow(t, tn, "", "")
		f.wait("5 organizations", "1 of 5")
		ids := f.memberIDs("acme")
		u, err := f.admin.User.Read(context.Background(), ids[0])
		if err != nil {
			t.Fatal(err)
		}
		f.press("u")
		f.want("Find people")
		f.typed(u.GetEmail()).press("enter")
		f.wait("1 person found")
		orgs, err := f.admin.User.Organizations(context.Background(), u.GetID())
		if err != nil {
			t.Fatal(err)
		}
		before := tn.Stats().Calls
		f.press("enter")
		f.wait("acme", "admin") // the first member holds admin in acme
		// the user, a page of their organizations, their roles in each: not the tenant's size
		if n, want := tn.Stats().Calls-before, int64(2+len(orgs.Organizations)); n != want {
			t.Fatalf("%d calls to show their %d organizations, want %d", n, len(orgs.Organizations), want)
		}
		f.press("d") // one organization: the ordinary confirmation, no plan and no count to type
		f.want("Remove " + u.GetEmail() + " from acme?")
		f.confirm("y")
		f.wait("z undo removed " + u.GetEmail() + " from 1 organization")
		if f.members("acme")[u.GetID()] {
			t.Fatalf("%s is still a member of acme", u.GetEmail())
		}
		f.press("z")
		f.wait("added " + u.GetEmail() + " to 1 of 1 organization")
		if !f.members("acme")[u.GetID()] {
			t.Fatalf("%s is not back in acme", u.GetEmail())
		}
		roles, err := f.admin.Organization.MemberRoles(context.Background(), f.orgID("acme"), u.GetID())
		if err != nil || len(roles.Roles) == 0 {
			t.Fatalf("back without roles: %v %v", roles, err)
		}
	})
}

// Organizations where the change did not apply keep their reason on their
// row; R plans it again for those alone, and then it applies.
func TestFlowRetryWhereAChangeDidNotApply(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		f, tn, connID, orgs := sharedOpened(t, 12, 3)
		f.press("A", "t", "enter")
		f.Advance(dialog.ArmDelay)
		tn.SetFaults(sim.Faults{ErrorRate: 1}) // every call answers 500
		f.typed("3").press("enter")
		f.wait("disabled shared-okta in 0 of 3 organizations", "3 unverified") // a 5xx may have applied
		tn.SetFaults(sim.Faults{})
		if n := strings.Count(f.screen(), "?  "); n != 3 {
			t.Fatalf("%d rows say unverified:\n%s", n, f.screen())
		}
		f.press("R")
		f.want("Disable shared-okta in 3 organizations")
		f.press("enter")
		f.Advance(dialog.ArmDelay)
		f.typed("3").press("enter")
		f.wait("z undo disabled shared-okta in 3 organizations")
		if n := strings.Count(f.screen(), "?  "); n != 0 {
			t.Fatalf("%d rows still say unverified:\n%s", n, f.screen())
		}
		for _, o := range orgs {
			if c, _ := f.orgConn(o, connID); c["is_enabled"] != false {
				t.Fatalf("%s: after the retry %v", o, c)
			}
		}
	})
}

// a on a person's organizations adds them to another, by its name, after
// the ordinary confirmation (one organization needs no plan nor a count
// typed); the tenant has them there.
func TestFlowAddAPersonToAnotherOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 5, Members: 3})
		f := startFlow(t, tn, "", "")
		f.wait("5 organizations", "1 of 5")
		ids := f.memberIDs("acme")
		f.press(":")
		f.typed("user " + ids[0]).press("enter") // a user id goes straight to them
		f.wait("1 person found")
		f.press("enter")
		f.wait("acme")
		l, err := f.admin.Organization.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		other := ""
		for _, o := range l.Organizations {
			if o.GetName() != "acme" && !slices.Contains(f.memberIDs(o.GetName()), ids[0]) {
				other = o.GetName()
				break
			}
		}
		if other == "" {
			t.Fatal("the demo put them in every organization")
		}
		f.press("a")
		f.want("Add", "┃ Organization")
		f.typed(other).press("enter")
		f.wait("Add ", "to "+other+"?") // one organization: the ordinary confirmation
		f.wantNot("Type the number", "Run in 1 organization")
		f.confirm("y")
		f.wait("z undo added")
		f.want(other)
		if !f.members(other)[ids[0]] {
			t.Fatalf("%s is not in %s", ids[0], other)
		}
	})
}

// X stops a change across organizations: the calls already sent finish,
// the rest are not sent and say so on their rows.
func TestFlowStopAChangeAcrossOrganizations(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		f, tn, connID, orgs := sharedOpened(t, 20, 6)
		f.press("A", "t", "enter")
		f.Advance(dialog.ArmDelay)
		tn.SetFaults(sim.Faults{LatencyMin: 2e9, LatencyMax: 2e9}) // each call takes 2 s
		f.typed("6").press("enter")
		f.Advance(1e9) // 4 calls under way
		f.want("p pauses, X stops")
		f.press("X")
		f.wait("not sent: stopped first")
		tn.SetFaults(sim.Faults{})
		disabled := 0
		for _, o := range orgs {
			if c, _ := f.orgConn(o, connID); c["is_enabled"] == false {
				disabled++
			}
		}
		if n := strings.Count(f.screen(), "not sent: stopped first"); disabled != 4 || n != 2 {
			t.Fatalf("after stopping: %d disabled on the tenant, %d rows not sent, want 4 and 2:\n%s", disabled, n, f.screen())
		}
	})
}
