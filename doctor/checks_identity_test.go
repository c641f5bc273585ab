package doctor

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

// Members whose own connection the organization lacks, has disabled, or
// that the application requiring organizations may not use cannot log
// in, whatever the other connections allow: the doctor counts them per
// connection, names a few, grades by their share, and its fix lets them
// in.
func TestCheckFindsMembersWhoseConnectionIsNotEnabled(t *testing.T) {
	cases := []struct {
		name    string
		breakIt func(f *clienttest.Fake)
		title   string
		sev     Severity
		fix     FixKind
	}{
		{"not in the organization", func(f *clienttest.Fake) {
			f.TenantConns = append(f.TenantConns, client.TenantConnection{ID: "con_google", Name: "google-oauth2", Strategy: "google-oauth2"})
			f.MemberLists[acmeID] = append(f.MemberLists[acmeID], client.Member{UserID: "google-oauth2|1", Email: "g1@acme.example"},
				client.Member{UserID: "google-oauth2|2", Email: "g2@acme.example"}, client.Member{UserID: "google-oauth2|3"})
		}, "3 members log in with google-oauth2, which is not enabled in acme", Error, EnableInOrg},
		{"disabled in the organization", func(f *clienttest.Fake) {
			f.Conns[acmeID][1].Enabled = false
			f.MemberLists[acmeID] = append(f.MemberLists[acmeID], client.Member{UserID: "samlp|acme-saml|bo@acme.example", Email: "bo@acme.example"},
				client.Member{UserID: "auth0|x1"}, client.Member{UserID: "auth0|x2"})
		}, "1 member logs in with acme-saml, which is in acme but disabled", Warning, ReenableInOrg},
		{"not for the application that requires organizations", func(f *clienttest.Fake) {
			f.Login.Apps = []client.Application{{ID: "app_1", Name: "Portal", OrgUsage: "require", FirstParty: true}}
			f.Login.ConnApps = map[string][]string{"con_db": {"app_1"}, "con_saml": {"app_1", "app_9"}}
			f.MemberLists[acmeID] = append(f.MemberLists[acmeID], client.Member{UserID: "samlp|acme-saml|bo@acme.example", Email: "bo@acme.example"})
			f.Login.ConnApps["con_saml"] = []string{"app_9"}
		}, "1 member logs in with acme-saml, which Portal (requiring organizations) may not use", Error, EnableForApp},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tenant()
			c.breakIt(f)
			r := checkAcme(t, f)
			i := slices.IndexFunc(r.Findings, func(f Finding) bool { return f.Check == CheckMemberConn })
			if i < 0 || !strings.HasPrefix(r.Findings[i].Title, c.title) || r.Findings[i].Severity != c.sev || r.Healthy() {
				t.Fatalf("findings %+v, want a %s %q", r.Findings, c.sev, c.title)
			}
			if ev := strings.Join(r.Findings[i].Evidence, "\n"); !strings.Contains(ev, " of ") || !strings.Contains(ev, "for example") {
				t.Fatalf("evidence %q names no share nor example", ev)
			}
			fx := r.Findings[i].Fix
			if fx == nil || fx.Kind != c.fix {
				t.Fatalf("fix %+v, want %s", fx, c.fix)
			}
			if err := fx.Apply(context.Background(), f); err != nil {
				t.Fatal(err)
			}
			if after := checkAcme(t, f); slices.Contains(checks(after.Findings), CheckMemberConn) {
				t.Fatalf("after %q: %+v", fx.Label, after.Findings)
			}
		})
	}
}

// A user id names its connection by its provider where one connection has
// that strategy, or by the name an enterprise provider puts first.
func TestConnOfReadsTheUserID(t *testing.T) {
	tenant := []client.TenantConnection{{Name: "Username-Password-Authentication", Strategy: "auth0"},
		{Name: "acme-saml", Strategy: "samlp"}, {Name: "globex-sso", Strategy: "samlp"}, {Name: "partner-oidc", Strategy: "oidc"}}
	for id, want := range map[string]string{"auth0|abc": "Username-Password-Authentication", "samlp|globex-sso|h@g.example": "globex-sso",
		"samlp|other|x": "", "oidc|partner-oidc/0a1b": "partner-oidc", "github|12": "", "nobar": ""} {
		if got := connOf(id, tenant); got != want {
			t.Errorf("connOf(%q) = %q, want %q", id, got, want)
		}
	}
}
