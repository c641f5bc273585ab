package ui

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// ! on globex (whose only connection the demo took away from the portal
// that requires organizations) shows the findings; f on the error enables
// the connection for the portal, audited; the next login of a globex
// member succeeds, and the Overview's Health section shows the checkup
// (what is left: members on connections globex lacks).
func TestFlowDoctorFindsAndFixesGlobex(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		p := &probe{admin: tn.Management(t), tn: tn}
		cs, err := p.admin.Client.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs.Clients {
			if c.GetName() == "Customer Portal" {
				p.portalID = c.GetClientID()
			}
		}
		login := func() sim.LoginOutcome {
			out, err := tn.AttemptLogin(sim.LoginAttempt{Email: "hank.scorpio@globex.example", ClientID: p.portalID, Organization: "globex"})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		if out := login(); out.OK || out.Cause != sim.CauseConnectionNotForApp {
			t.Fatalf("globex's login before the fix: %+v", out)
		}
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("org globex").press("enter")
		f.wait("globex › Overview", "Not checked yet: ! runs the doctor")
		f.press("!")
		// globex's members on other connections cannot log in either (the
		// demo gives globex members of every kind): their findings stay
		f.wait("Checkup of globex", "ERROR   Customer Portal requires", "WARNING globex-sso is enabled in globex but for none",
			"3 members log in with globex-sso, which Customer Portal", "fix (F): Enable globex-sso for Customer Portal")
		f.press("F") // the error comes first
		f.want("Enable globex-sso for Customer Portal?", "in every organization that has it")
		f.confirm("y")
		f.wait("done: Enable globex-sso", "members log in with google-oauth2") // the footer cuts the status short beside the undo offer
		f.wantNot("Customer Portal requires", "globex-sso, which Customer Portal", "globex-sso is enabled in globex but for none")
		if out := login(); !out.OK {
			t.Fatalf("globex's login after the fix: %+v", out)
		}
		es := f.audited("enable connection for application")
		if es[0].OrgName != "globex" || es[0].After["fix"] != "enable-connection-for-application" {
			t.Fatalf("audit %+v", es[0])
		}
		f.press("esc")
		f.wait("globex › Overview", "Health", "problems", "members log in with google-oauth2")
		f.wantNot("Not checked yet")
	})
}

// w on a member, and w on one of a person's organizations, open the
// explainer for them there.
func TestFlowWhyFromAMemberAndFromAPerson(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		newProbe(t, tn)
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("org probe").press("enter")
		f.wait("probe › Overview")
		f.press("3")
		f.wait(probeEmail)
		f.press("w")
		f.wait("Why can't "+probeEmail+" log in to probe?", "Every link holds")
		f.press("esc", "esc")
		f.press(":").typed("user " + probeEmail).press("enter")
		f.wait("1 person found")
		f.press("enter")
		f.wait("probe")
		f.press("w")
		f.wait("Why can't "+probeEmail+" log in to probe?", "Every link holds")
	})
}

// On a read-only profile the fix is offered but refused, saying why;
// nothing is sent and nothing audited.
func TestFlowWhyFixRefusedReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		p := newProbe(t, tn)
		whyCases()[3].brk(t, p) // not a member
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, "profile prod is read-only") })
		f.wait("organizations")
		f.press(":").typed("why " + probeEmail + " " + probeOrg).press("enter")
		f.wait("Cause: not a member of probe")
		f.press("F")
		f.want("cannot add members: profile prod is read-only")
		f.audited()
		if out := p.attempt(t, false); out.OK {
			t.Fatal("a read-only profile changed the tenant")
		}
	})
}

// With only some read scopes, the links those scopes serve are unknown,
// naming the scope, and none of them is shown passed.
func TestFlowWhyWithFewScopesNamesThem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		scopes := []string{"read:organizations", "read:users", "read:organization_connections", "read:organization_members",
			"read:organization_member_roles", "read:organization_invitations"}
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2, Clients: []sim.ClientSpec{{ID: "reader", Secret: "reader-secret", Scopes: scopes}}})
		newProbe(t, tn)
		f := startFlow(t, tn, "reader", "reader-secret")
		f.wait("organizations")
		f.press(":").typed("why " + probeEmail + " " + probeOrg).press("enter")
		f.wait("could not be checked", "? the application: needs read:clients", "? discovery domain: needs read:organization_discovery_domains",
			"? Auth0's record: needs read:logs", "? the application accepts organizations: not checked")
		f.wantNot("✓ the application", "✓ connection enabled for the application", "Every link holds")
	})
}

// z undoes a fix like any other change: the member added is removed again,
// and the audit has both.
func TestFlowWhyFixIsUndoable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		p := newProbe(t, tn)
		whyCases()[3].brk(t, p) // not a member
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("why " + probeEmail + " " + probeOrg).press("enter")
		f.wait("Cause: not a member of probe")
		f.press("F")
		f.confirm("y")
		f.wait("z undo add member", "✓ membership")
		if !f.members(probeOrg)[p.userID] {
			t.Fatal("the fix did not add them")
		}
		f.press("z")
		f.wait("Cause: not a member of probe")
		if f.members(probeOrg)[p.userID] {
			t.Fatal("the undo left them a member")
		}
		f.audited("add members", "remove members")
	})
}

// ! from the organizations list checks the organization there; its
// Overview, opened afterwards, shows that checkup and when it ran.
func TestFlowCheckupFromTheListReachesTheOverview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press("/").typed("globex").press("enter")
		f.press("!")
		f.wait("Checkup of globex (Globex)", "ERROR   Customer Portal requires")
		f.press("esc")
		f.press("enter")
		f.wait("globex › Overview", "Health", "problems", "(checked ", "error: Customer Portal requires")
		f.wantNot("Not checked yet")
	})
}

// At 80×24 the checkup wraps what is too long instead of cutting it:
// acme's pending domain's TXT record shows whole, and y copies its value.
func TestFlowCheckupWrapsAndCopiesTheTXTRecord(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startFlow(t, tn, "", "")
		f.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		f.wait("organizations")
		acme, err := f.c.Client.OrganizationByName(context.Background(), "acme")
		if err != nil {
			t.Fatal(err)
		}
		ds, err := f.c.Client.DiscoveryDomains(context.Background(), acme.ID)
		if err != nil {
			t.Fatal(err)
		}
		var txt client.DiscoveryDomain
		for _, d := range ds {
			if !d.Verified {
				txt = d
			}
		}
		f.press(":").typed("org acme").press("enter")
		f.wait("acme › Overview")
		f.press("!")
		f.wait("Checkup of acme", "acme-corp.example is pending")
		for range 12 { // down to the pending domain's finding
			if strings.Contains(f.screen(), "fix (F): Mark acme-corp.example verified") && strings.Contains(f.screen(), txt.TXTValue) {
				break
			}
			f.press("j")
		}
		f.want(txt.TXTHost, txt.TXTValue)
		for _, l := range strings.Split(f.screen(), "\n") {
			if strings.Contains(l, "TXT record") && strings.HasSuffix(strings.TrimSpace(l), "…") {
				t.Fatalf("the TXT record is cut: %q", l)
			}
		}
		for range 12 {
			f.press("y")
			if strings.Contains(f.screen(), "TXT record value") {
				break
			}
			f.press("esc", "j")
		}
		f.want("TXT record value")
		f.press("down", "enter")
		f.want("copied txt record value")
		if got := f.Clipboard(); got != txt.TXTValue {
			t.Fatalf("copied %q, want %q", got, txt.TXTValue)
		}
	})
}

// :doctor plans the checkup of every organization first and starts it
// only on enter; it lists the organizations worst first (the demo's three
// broken ones on top), and enter opens one's checkup.
func TestFlowDoctorAllListsTheBrokenOrganizationsFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("doctor").press("enter")
		f.wait("plan: 12 organizations: at most", "enter starts the checkup of every organization")
		f.wantNot("checked 1 ")
		f.press("enter")
		f.wait("checked 12 organizations: 3 organizations not healthy")
		lines := strings.Split(f.screen(), "\n")
		top := ""
		for i, l := range lines {
			if strings.Contains(l, "not healthy") {
				top = strings.Join(lines[i+1:i+6], "\n")
			}
		}
		for _, name := range sim.BrokenDemoOrganizations {
			if !strings.Contains(top, name+"  ") || !strings.Contains(top, "problem") {
				t.Fatalf("%s is not among the first rows:\n%s", name, top)
			}
		}
		first := strings.Fields(strings.TrimSpace(strings.Split(strings.TrimSpace(top), "\n")[0]))[0]
		f.press("enter")
		f.wait("Checkup of " + first + " (")
		f.press("esc")
		f.wait("Doctor: every organization")
	})
}

// On a tenant whose budget paces the run, X stops it part way: what was
// checked stays listed, and nothing more is checked.
func TestFlowDoctorAllStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 40, Members: 20, Plan: "free"})
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("doctor").press("enter")
		f.wait("plan: 40 organizations", "enter starts")
		f.press("enter")
		f.wait("checked 1")
		f.want("X stop the checkup") // it changes nothing: its key line says what X stops
		f.wantNot("stop the change")
		f.press("X")
		f.wait("stopped: ")
		calls := tn.Stats().Calls
		f.press("j") // let the fake clock run on a little
		f.wait("stopped: ")
		if !strings.Contains(f.screen(), "of 40 organizations checked") || strings.Contains(f.screen(), "checked 40 organizations") {
			t.Fatalf("after X:\n%s", f.screen())
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if after := tn.Stats().Calls; after > calls+4 { // the few calls in flight when X was pressed
			t.Fatalf("%d calls made after the stop", after-calls)
		}
	})
}
