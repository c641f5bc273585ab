package doctor

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

const (
	ines   = "auth0|ines"
	email  = "ines@acme.example"
	acmeID = "org_0000000000000000"
)

// tenant is a fake where Ines can log in to acme through the database
// connection with the application Portal: every link passes.
func tenant() *clienttest.Fake {
	f := clienttest.New(2, 0)
	f.Conns[acmeID][0].AssignMembershipOnLogin = false
	f.MemberLists[acmeID] = []client.Member{{UserID: ines, Email: email}}
	f.Login.Users = map[string]client.User{ines: {UserID: ines, Email: email,
		Identities: []client.Identity{{Connection: "Username-Password-Authentication", Provider: "auth0"}}}}
	f.Invites[acmeID] = nil
	return f
}

func why(t *testing.T, f *clienttest.Fake) Explanation {
	t.Helper()
	ex, err := Why(context.Background(), f, Question{Email: email, Org: "acme", ClientID: "app_1"})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func TestWhyPassesEveryLinkOfAWorkingLogin(t *testing.T) {
	ex := why(t, tenant())
	for _, l := range ex.Links {
		if l.Verdict != Passed {
			t.Errorf("%s: %s (%s)", l.Name, l.Verdict, l.Reason)
		}
	}
	if len(ex.Links) < 12 || ex.Cause() != nil {
		t.Fatalf("%d links, cause %+v", len(ex.Links), ex.Cause())
	}
}

// Each case breaks one link: the explainer names it, offers the fix where
// orgdash has one, and after the fix every link passes.
func TestWhyNamesEachBrokenLinkAndItsFixMendsIt(t *testing.T) {
	cases := []struct {
		name    string
		breakIt func(f *clienttest.Fake)
		link    string
		fix     FixKind // "" where orgdash has none
	}{
		{"blocked", func(f *clienttest.Fake) { u := f.Login.Users[ines]; u.Blocked = true; f.Login.Users[ines] = u }, LinkBlocked, UnblockUser},
		{"brute force", func(f *clienttest.Fake) {
			f.Login.Blocks = map[string][]client.Block{ines: {{Identifier: email, IP: "203.0.113.9"}}}
		}, LinkBruteForce, RemoveBlocks},
		{"usage deny", func(f *clienttest.Fake) {
			f.Login.Apps = []client.Application{{ID: "app_1", Name: "Portal", OrgUsage: "deny", FirstParty: true}}
		}, LinkUsage, ""},
		{"third party", func(f *clienttest.Fake) {
			f.Login.Apps = []client.Application{{ID: "app_1", Name: "Portal", OrgUsage: "allow"}}
		}, LinkThirdParty, ""},
		{"not for the app", func(f *clienttest.Fake) { f.Login.ConnApps = map[string][]string{"con_db": {}} }, LinkConnApp, EnableForApp},
		{"not in the org", func(f *clienttest.Fake) { f.Conns[acmeID] = f.Conns[acmeID][1:] }, LinkConnOrg, EnableInOrg},
		{"disabled in the org", func(f *clienttest.Fake) { f.Conns[acmeID][0].Enabled = false }, LinkConnOrg, ReenableInOrg},
		{"hidden", func(f *clienttest.Fake) {
			f.Login.Users[ines] = client.User{UserID: ines, Email: email, Identities: []client.Identity{{Connection: "acme-saml", Provider: "samlp"}}}
			f.Conns[acmeID][1].ShowAsButton = false
		}, LinkButton, EditConnection},
		{"not a member", func(f *clienttest.Fake) { f.MemberLists[acmeID] = nil }, LinkMember, AddMember},
		{"invitation expired", func(f *clienttest.Fake) {
			f.MemberLists[acmeID] = nil
			f.Invites[acmeID] = []client.Invitation{{ID: "uinv_x", Invitee: email, ExpiresAt: time.Now().Add(-time.Hour)}}
		}, LinkMember, AddMember},
		{"pending domain", func(f *clienttest.Fake) {
			f.Login.Users[ines] = client.User{UserID: ines, Email: email, Identities: []client.Identity{{Connection: "acme-saml", Provider: "samlp"}}}
			f.Conns[acmeID][1].ShowAsButton = false
			f.Login.Domains = map[string][]client.DiscoveryDomain{acmeID: {{ID: "dd_1", Domain: "acme.example", UseForDiscovery: true}}}
		}, LinkDomain, VerifyDomain},
		{"unknown person", func(f *clienttest.Fake) { f.Login.Users = nil }, LinkPerson, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tenant()
			c.breakIt(f)
			ex := why(t, f)
			cause := ex.Cause()
			if cause == nil || cause.Name != c.link {
				t.Fatalf("cause %+v, want %q; links %+v", cause, c.link, ex.Links)
			}
			failed := slices.DeleteFunc(slices.Clone(ex.Links), func(l Link) bool { return l.Verdict != Failed || l.Record })
			if len(failed) != 1 {
				t.Fatalf("%d links failed, want 1 alone: %+v", len(failed), failed)
			}
			if c.fix == "" {
				if cause.Fix != nil {
					t.Fatalf("a fix %+v where orgdash has none", cause.Fix)
				}
				return
			}
			if cause.Fix == nil || cause.Fix.Kind != c.fix {
				t.Fatalf("fix %+v, want %s", cause.Fix, c.fix)
			}
			if err := cause.Fix.Apply(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			if after := why(t, f).Cause(); after != nil {
				t.Fatalf("after %q the chain still fails at %+v", cause.Fix.Label, after)
			}
			u := cause.Fix.Undo()
			if u == nil {
				return // lifting brute-force blocks cannot be undone
			}
			if err := u.Apply(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			if again := why(t, f).Cause(); again == nil || again.Name != c.link {
				t.Fatalf("after undoing %q the cause is %+v, want %q again", cause.Fix.Label, again, c.link)
			}
		})
	}
}

// Auth0's record names the last failure, and failures come first.
func TestWhyShowsAuth0sRecordFailuresFirst(t *testing.T) {
	f := tenant()
	now := time.Now()
	f.Login.Events = []client.LogEvent{
		{Type: "fp", Description: "Wrong email or password.", UserID: ines, OrgID: acmeID, ClientID: "app_1", Date: now},
		{Type: "s", Description: "Successful login", UserID: ines, OrgID: acmeID, ClientID: "app_1", Date: now.Add(-time.Hour)},
		{Type: "f", Description: "user is blocked", UserID: ines, OrgID: acmeID, ClientID: "app_1", Date: now.Add(-2 * time.Hour)},
	}
	ex := why(t, f)
	rec := ex.Links[len(ex.Links)-1]
	if !rec.Record || rec.Verdict != Failed || !strings.Contains(rec.Reason, "Wrong email or password.") {
		t.Fatalf("record %+v", rec)
	}
	if !strings.Contains(rec.Evidence[0], "fp") || !strings.Contains(rec.Evidence[1], "user is blocked") || !strings.Contains(rec.Evidence[2], "Successful") {
		t.Fatalf("evidence not failures first: %q", rec.Evidence)
	}
	if c := ex.Cause(); c == nil || c.Name != LinkRecord {
		t.Fatalf("with every condition met, the cause is Auth0's record: %+v", c)
	}
}

// Without the application named, it is the one the person's last log
// event names.
func TestWhyTakesTheApplicationFromTheLogs(t *testing.T) {
	f := tenant()
	f.Login.Apps = []client.Application{{ID: "app_1", Name: "Portal", OrgUsage: "allow", FirstParty: true},
		{ID: "app_2", Name: "Admin", OrgUsage: "require", FirstParty: true}}
	f.Login.Events = []client.LogEvent{{Type: "s", UserID: ines, OrgID: acmeID, ClientID: "app_2", Date: time.Now()}}
	ex, err := Why(context.Background(), f, Question{Email: email, Org: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.App == nil || ex.App.ID != "app_2" {
		t.Fatalf("application %+v", ex.App)
	}
	f.Login.Events = nil
	ex, _ = Why(context.Background(), f, Question{Email: email, Org: "acme"})
	if ex.App != nil || ex.Links[3].Verdict != Unknown || !strings.Contains(ex.Links[3].Reason, "--client") {
		t.Fatalf("two applications and no logs: %+v", ex.Links[3])
	}
}

// With read scopes missing, the links they serve are unknown and name the
// scope; none of them passes.
func TestWhyNamesTheScopeItLacks(t *testing.T) {
	f := tenant()
	f.Caps = client.Capabilities{Known: true, Scopes: map[string]bool{"read:organizations": true, "read:users": true,
		"read:organization_connections": true}}
	ex := why(t, f)
	want := map[string]string{LinkApp: "read:clients", LinkRecord: "read:logs", LinkDomain: "read:organization_discovery_domains"}
	for _, l := range ex.Links {
		if s, ok := want[l.Name]; ok && (l.Verdict != Unknown || l.Scope != s) {
			t.Errorf("%s: %s, scope %q, want unknown for %s", l.Name, l.Verdict, l.Scope, s)
		}
		if l.Name == LinkUsage && l.Verdict != Unknown {
			t.Errorf("usage %s without the application read", l.Verdict)
		}
	}
}

// A read the budget refused leaves its link unknown, saying so.
func TestWhySaysWhenTheBudgetStoppedALink(t *testing.T) {
	f := tenant()
	f.Fail = func(op string) error {
		if op == "read logs" {
			return &client.Error{Kind: client.RateLimited, Op: op, Status: 429, Message: "Global limit has been reached"}
		}
		return nil
	}
	ex := why(t, f)
	rec := ex.Links[len(ex.Links)-1]
	if rec.Verdict != Unknown || !strings.Contains(rec.Reason, "budget") {
		t.Fatalf("record %+v", rec)
	}
	if ex.Cause() != nil || len(ex.Unchecked()) != 1 {
		t.Fatalf("cause %+v, unchecked %+v", ex.Cause(), ex.Unchecked())
	}
}
