package ui

import (
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The change that broke globex was made to its connection, not on an
// organization path (PATCH /connections/{id}/clients by the Dashboard
// admin): it shows in globex's Activity, saying how it affects globex;
// acme's block of a member (PATCH /users/{id}) shows in acme's.
func TestFlowChangesToAnOrganizationsConnectionAndMembersShowInIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startActivityFlow(t, tn, false)
		f.want("12 organizations")
		f.press(":").typed("org globex").press("enter")
		f.wait("globex › Overview")
		f.press("6")
		f.wait("globex › Activity", "Activity (")
		f.press("K")
		f.want("changes only")
		f.wantNot("nothing logged")
		row := lineWith(f.screen(), sim.DemoAdmin+" (Dashboard)")
		if !strings.Contains(row, "disabled globex-sso for the application Customer Portal") || !strings.Contains(row, "not orgdash") {
			t.Fatalf("the admin's change to globex's connection, made elsewhere:\n%s", f.screen())
		}
		f.press("g", "enter")
		f.want("PATCH /api/v2/connections/", "Affects    this organization through its connection globex-sso")
		f.press("esc", "esc")
		f.press(":").typed("org acme").press("enter")
		f.wait("acme › Overview")
		f.press("6")
		f.wait("acme › Activity", "security@example.com (Dashboard)")
		if row := lineWith(f.screen(), "security@example.com (Dashboard)"); !strings.Contains(row, "blocked ") {
			t.Fatalf("the security admin's block of an acme member: %q", row)
		}
	})
}

// A fix made from the doctor names its organization in the audit: it
// shows in that organization's Activity, through orgdash, once, and in
// the tenant's activity under the organization's name.
func TestFlowADoctorFixShowsInItsOrganizationsActivity(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startActivityFlow(t, tn, false)
		f.want("12 organizations")
		f.press(":").typed("org globex").press("enter")
		f.wait("globex › Overview")
		f.press("!")
		f.wait("Checkup of globex", "fix (F): Enable globex-sso for Customer Portal")
		f.press("F")
		f.confirm("y")
		f.wait("done: Enable globex-sso")
		f.press("esc")
		f.wait("globex › Overview")
		f.press("6")
		f.wait("globex › Activity", "enabled globex-sso for")
		sc := f.screen()
		if row := lineWith(sc, "enabled globex-sso for"); !strings.Contains(row, "tester (SHA256:testkey)") || !strings.HasSuffix(strings.TrimSpace(row), "orgdash") {
			t.Fatalf("the fix, by the tester through orgdash:\n%s", sc)
		}
		if n := strings.Count(sc, "enabled globex-sso for"); n != 1 {
			t.Fatalf("the fix shows %d times, want once (its logged call merged):\n%s", n, sc)
		}
		f.press("esc", "esc")
		f.press(":").typed("activity").press("enter")
		f.wait("activity (every organization)", "enabled globex-sso for")
		if row := lineWith(f.screen(), "enabled globex-sso for"); !strings.Contains(row, "globex") || strings.Contains(row, "the tenant") {
			t.Fatalf("the fix in the tenant's activity names globex: %q", row)
		}
	})
}

// Without read:logs the Activity tab says so in the list, naming the
// scope, and still shows orgdash's own changes.
func TestFlowActivitySaysTheTokenCannotReadTheLogs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		tn.AddClient("nologs", "nologs-secret", []string{"read:organizations", "read:organization_members",
			"delete:organization_members", "read:organization_connections", "read:users"})
		f := startActivityFlowAs(t, tn, "nologs", "nologs-secret", false)
		f.want("3 organizations")
		f.press("enter", "6")
		f.wait("acme › Activity", "cannot read the tenant logs: the token lacks read:logs")
		f.wantNot("nothing logged")
		f.press("3")
		f.wait("Members (5)")
		f.press("space", "d")
		f.confirm("y")
		f.wait("1 of 4")
		f.press("6", "r")
		f.wait("tester (SHA256:testkey)", "cannot read the tenant logs: the token lacks read:logs (orgdash's own changes only)")
		if row := lineWith(f.screen(), "tester (SHA256:testkey)"); !strings.Contains(row, "removed ") {
			t.Fatalf("orgdash's own removal: %q", row)
		}
	})
}

// A change still running shows as in progress, not interrupted, and its
// outcome as soon as it is written, without r.
func TestFlowAChangeInProgressSettlesWithoutARefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 5 * time.Second})
		f := startActivityFlow(t, tn, false)
		f.want("2 organizations")
		f.press("enter", "3")
		f.wait("Members (5)")
		f.press("space", "d")
		f.confirm("y")
		f.press("6")
		f.waitFor(time.Second, "acme › Activity", "— in progress")
		f.wantNot("interrupted")
		if !f.Until(time.Minute, func() bool { return !strings.Contains(f.screen(), "in progress") }) {
			t.Fatalf("the removal's outcome never showed:\n%s", f.screen())
		}
		row := lineWith(f.screen(), "tester (SHA256:testkey)")
		if !strings.Contains(row, "removed ") || strings.Contains(row, "interrupted") || strings.Contains(row, "— ") {
			t.Fatalf("the removal, settled ok: %q", row)
		}
	})
}

// K on a kind with no entries says so among how many; the title keeps the
// total; P on a login that names no one says there is no one to filter.
func TestFlowActivityFiltersSayWhatTheyHide(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		f := startActivityFlow(t, tn, false)
		f.want("3 organizations")
		org := f.orgID("acme")
		if _, err := tn.AddLogEvent(sim.LogEvent{Type: "f", OrganizationID: org, ClientName: "Customer Portal",
			Description: "the connection is not enabled"}); err != nil {
			t.Fatal(err)
		}
		f.press("enter", "6")
		f.wait("acme › Activity", "Activity (")
		m := regexp.MustCompile(`Activity \((\d+)\)`).FindStringSubmatch(f.screen())
		if m == nil {
			t.Fatalf("no count in the title:\n%s", f.screen())
		}
		total := m[1]
		f.press("g")
		f.want("the connection is not enabled")
		if row := lineWith(f.screen(), "the connection is not enabled"); strings.Contains(row, "— someone") || strings.Contains(row, "orgdash") {
			t.Fatalf("an anonymous failure reads as its reason, and a login is made nowhere else: %q", row)
		}
		f.press("P")
		f.want("names no one")
		f.wantNot("only someone via")
		f.press("K", "K") // memberships: acme has none
		f.want("memberships only", "no memberships among "+total, "Activity (0 of "+total+")")
		f.wantNot("nothing logged")
		f.press("enter")
		f.press("K", "K", "K") // every kind again
		f.want("Activity (" + total + ")")
	})
}
