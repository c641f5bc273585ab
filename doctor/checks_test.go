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

func checkAcme(t *testing.T, f *clienttest.Fake) Report {
	t.Helper()
	ctx := context.Background()
	o, err := f.OrganizationByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	return Check(ctx, f, NewSurvey(ctx, f), o)
}

func checks(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check)
	}
	return out
}

func TestCheckFindsNothingInAHealthyOrganization(t *testing.T) {
	r := checkAcme(t, tenant())
	if !r.Healthy() || len(r.Findings) != 0 || len(r.Ran) != len(Checks) {
		t.Fatalf("findings %+v, ran %v, skipped %+v", r.Findings, r.Ran, r.Skipped)
	}
	if ExitCode([]Report{r}) != 0 {
		t.Fatal("exit code of a healthy organization")
	}
}

// Each broken setting is a finding with its severity and fix, and the fix
// clears it.
func TestCheckFindsEachProblemAndItsFixClearsIt(t *testing.T) {
	cases := []struct {
		name    string
		breakIt func(f *clienttest.Fake)
		check   string
		sev     Severity
		fix     FixKind
	}{
		{"all hidden", func(f *clienttest.Fake) {
			f.Conns[acmeID] = f.Conns[acmeID][1:]
			f.Conns[acmeID][0].ShowAsButton = false
		}, CheckHidden, Error, EditConnection},
		{"nothing enabled", func(f *clienttest.Fake) {
			f.Conns[acmeID][0].Enabled, f.Conns[acmeID][1].Enabled = false, false
		}, CheckNoConnection, Error, ReenableInOrg},
		{"connection for no application", func(f *clienttest.Fake) {
			f.Login.ConnApps = map[string][]string{"con_saml": {}}
		}, CheckConnUnused, Warning, EnableForApp},
		{"application without connection", func(f *clienttest.Fake) {
			f.Login.Apps = []client.Application{{ID: "app_1", Name: "Portal", OrgUsage: "allow", FirstParty: true},
				{ID: "app_2", Name: "Admin", OrgUsage: "require", FirstParty: true}}
			f.Login.ConnApps = map[string][]string{"con_db": {"app_1"}, "con_saml": {"app_1"}}
		}, CheckAppNoConn, Error, EnableForApp},
		{"signup without membership", func(f *clienttest.Fake) { f.Conns[acmeID][0].SignupEnabled = true }, CheckSignup, Warning, EditConnection},
		{"pending domain", func(f *clienttest.Fake) {
			f.Login.Domains = map[string][]client.DiscoveryDomain{acmeID: {{ID: "dd_1", Domain: "acme.example", UseForDiscovery: true}}}
		}, CheckPendingDomain, Warning, VerifyDomain},
		{"blocked member", func(f *clienttest.Fake) { u := f.Login.Users[ines]; u.Blocked = true; f.Login.Users[ines] = u }, CheckBlocked, Warning, UnblockUser},
		{"brute-forced member", func(f *clienttest.Fake) {
			f.Login.Events = []client.LogEvent{{Type: "limit_wc", Description: "Blocked account", UserID: ines, Date: time.Now()}}
			f.Login.Blocks = map[string][]client.Block{ines: {{Identifier: email, IP: "198.51.100.23"}}}
		}, CheckBlocked, Warning, RemoveBlocks},
		{"expired invitation", func(f *clienttest.Fake) {
			f.Invites[acmeID] = []client.Invitation{{ID: "uinv_x", Invitee: "old@acme.example", ExpiresAt: time.Now().Add(-time.Hour)}}
		}, CheckExpired, Notice, RevokeInvitation},
		{"failed logins", func(f *clienttest.Fake) {
			f.Login.Events = []client.LogEvent{{Type: "fp", Description: "Wrong email or password.", OrgID: acmeID, Date: time.Now()}}
		}, CheckFailedLogins, Notice, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tenant()
			c.breakIt(f)
			r := checkAcme(t, f)
			// a member on a connection that is off is found by its own check too
			others := slices.DeleteFunc(slices.Clone(r.Findings), func(f Finding) bool { return f.Check == CheckMemberConn })
			i := slices.IndexFunc(r.Findings, func(f Finding) bool { return f.Check == c.check })
			if i < 0 || r.Findings[i].Severity != c.sev || (c.check != CheckAppNoConn && len(others) != 1) {
				t.Fatalf("findings %+v, want a %s %s", r.Findings, c.sev, c.check)
			}
			want := 1
			if c.sev == Notice {
				want = 0
			}
			if ExitCode([]Report{r}) != want {
				t.Fatalf("exit code %d for a %s", ExitCode([]Report{r}), c.sev)
			}
			fx := r.Findings[i].Fix
			if c.fix == "" {
				return
			}
			if fx == nil || fx.Kind != c.fix {
				t.Fatalf("fix %+v, want %s", fx, c.fix)
			}
			if err := fx.Apply(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			if after := checkAcme(t, f); slices.Contains(checks(after.Findings), c.check) {
				t.Fatalf("after %q: %+v", fx.Label, after.Findings)
			}
		})
	}
}

// With only some read scopes, the checks that need the others are
// skipped naming the scope, none is said to have run, and the report is
// not healthy: exit code 2.
func TestCheckSaysWhichScopeItLacks(t *testing.T) {
	f := tenant()
	f.Caps = client.Capabilities{Known: true, Scopes: map[string]bool{"read:organizations": true, "read:organization_connections": true,
		"read:users": true, "read:organization_invitations": true}}
	r := checkAcme(t, f)
	skipped := map[string]string{}
	for _, s := range r.Skipped {
		skipped[s.Check] = s.Scope
	}
	want := map[string]string{CheckConnUnused: "read:clients", CheckAppNoConn: "read:clients", CheckPendingDomain: "read:organization_discovery_domains",
		CheckRoleLimit: "read:organization_members", CheckFailedLogins: "read:logs"}
	for ch, scope := range want {
		if skipped[ch] != scope {
			t.Errorf("%s skipped for %q, want %q", ch, skipped[ch], scope)
		}
		if slices.Contains(r.Ran, ch) {
			t.Errorf("%s both ran and skipped", ch)
		}
	}
	if len(r.Ran)+len(r.Skipped) != len(Checks) || r.Healthy() || ExitCode([]Report{r}) != 2 {
		t.Fatalf("ran %v, skipped %+v", r.Ran, r.Skipped)
	}
}

func TestPlanCountsTheCallsPerOrganization(t *testing.T) {
	f := tenant()
	p := NewPlan(f, NewSurvey(context.Background(), f), 40, 3)
	// 40 × (connections, domains, invitations, 2 of members, logs) + 1 fallback + 3 connections' applications
	if p.Calls != 40*6+1+3 || !strings.HasPrefix(p.String(), "40 organizations: at most 244 calls") {
		t.Fatalf("%d calls: %s", p.Calls, p)
	}
}

// Failed logins are counted by what Auth0 said, the most first (ties by
// code), their counts and codes in columns.
func TestFailedLoginsLineUp(t *testing.T) {
	f := tenant()
	now := time.Now()
	ev := func(typ, desc string) client.LogEvent {
		return client.LogEvent{Type: typ, Description: desc, OrgID: acmeID, Date: now}
	}
	for range 10 {
		f.Login.Events = append(f.Login.Events, ev("fp", "Wrong email or password."))
	}
	f.Login.Events = append(f.Login.Events, ev("limit_wc", "Blocked account"), ev("f", "user is blocked"), ev("f", "user is blocked"))
	r := checkAcme(t, f)
	i := slices.IndexFunc(r.Findings, func(f Finding) bool { return f.Check == CheckFailedLogins })
	if i < 0 {
		t.Fatalf("no failed-logins finding: %+v", r.Findings)
	}
	want := []string{"10×  fp        Wrong email or password.", " 2×  f         user is blocked", " 1×  limit_wc  Blocked account"}
	if got := r.Findings[i].Evidence; !slices.Equal(got, want) {
		t.Fatalf("evidence\n%q\nwant\n%q", got, want)
	}
}
