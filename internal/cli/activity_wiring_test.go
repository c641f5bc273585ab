package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A change made through the dashboard shows in its Activity tab once, as
// orgdash's, with the person at the keyboard; the same call made by
// another program with the same credentials shows as made elsewhere.
// Both through the wiring the dashboard itself uses (prepare, then the
// session's shared parts): on the demo, whose audit is a file of its own,
// and on a tenant named by a profile of the configuration file.
func TestChangesThroughTheDashboardShowAsOrgdashsInItsActivity(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup names the organization to change, and a Dashboard
		// administrator's edit of it (nil: the demo's seeded history has
		// the Dashboard's changes)
		setup func(t *testing.T, dir string) (string, func(client.Organization))
	}{
		{"demo", func(t *testing.T, dir string) (string, func(client.Organization)) { return "evil-corp", nil }},
		{"profile", func(t *testing.T, dir string) (string, func(client.Organization)) {
			tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
			config := fmt.Sprintf("default_profile: staging\nprofiles:\n  staging: {domain: %q, client_id: %q, client_secret: {env: STAGING_SECRET}, protection: open}\n",
				tn.URL, tn.ClientID())
			if err := os.MkdirAll(filepath.Join(dir, "orgdash"), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "orgdash", "config.yaml"), []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Setenv("STAGING_SECRET", tn.ClientSecret())
			admin, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
				Transport: asDashboard{sim.DemoAdmin}})
			if err != nil {
				t.Fatal(err)
			}
			return "acme", func(o client.Organization) {
				if _, err := admin.UpdateOrganization(context.Background(), o.ID, client.OrgSpec{Name: o.Name, DisplayName: "Acme (edited in the Dashboard)"}); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, k := range []string{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN", "ORGDASH_CONFIG", "ORGDASH_AUDIT_LOG", "ORGDASH_PROFILE"} {
				t.Setenv(k, "")
			}
			t.Setenv("XDG_CONFIG_HOME", dir)
			t.Setenv("XDG_STATE_HOME", dir)
			t.Setenv("XDG_CACHE_HOME", dir)
			t.Setenv("HOME", dir)
			orgName, dashboardEdit := tc.setup(t, dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st, err := (&globals{}).prepare(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer st.close()
			if demo := st.tenant.client.Tenant().Demo; demo != (tc.name == "demo") {
				t.Fatalf("demo %v", demo)
			}
			c, _ := dashboardCommon(ctx, st, make(chan struct{}), func() {})
			org, err := c.Client.OrganizationByName(ctx, orgName)
			if err != nil {
				t.Fatal(err)
			}
			edit := func(cl client.Client, access string) {
				t.Helper()
				spec := client.OrgSpec{Name: org.Name, DisplayName: org.DisplayName, LogoURL: org.LogoURL, Colors: org.Colors,
					Metadata: org.Metadata, Settings: &client.OrgSettings{ThirdPartyAccess: access, NoEntitlement: !org.HasAppEntitlement}}
				if _, err := cl.UpdateOrganization(ctx, org.ID, spec); err != nil {
					t.Fatal(err)
				}
			}
			edit(c.Client, "allow") // saved in the settings, then undone
			edit(c.Client, "block")
			q := activity.Query{} // the tenant's, where the demo's seeded Dashboard changes are
			if dashboardEdit != nil {
				dashboardEdit(org)
				q = activity.Query{Org: org.ID, OrgName: org.Name}
			}
			entries, err := activity.NewFeed(c.History(c.Client), q).Load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var ours, dashboard []activity.Entry
			var rows []string
			for _, e := range entries {
				if e.Kind != activity.Change {
					continue
				}
				rows = append(rows, fmt.Sprintf("%s | %s | %s | elsewhere %v", e.Who.String(), e.What, e.OrgName, e.Elsewhere))
				switch {
				case e.Who.Actor == activity.Dashboard:
					dashboard = append(dashboard, e)
				case e.Org == org.ID && strings.HasPrefix(e.What, "edited organization"):
					ours = append(ours, e)
				}
			}
			if len(ours) != 2 || len(dashboard) == 0 {
				t.Fatalf("want the 2 edits through orgdash, once each, and the Dashboard's changes; got:\n%s", strings.Join(rows, "\n"))
			}
			for _, e := range dashboard {
				if !e.Elsewhere {
					t.Fatalf("a Dashboard change shows as made through orgdash:\n%s", strings.Join(rows, "\n"))
				}
			}
			for _, e := range ours {
				if e.Elsewhere || e.Who.Actor != activity.Orgdash || e.Who.Name != localUser() || len(e.Logs) != 1 {
					t.Fatalf("an edit through orgdash, by %s, its call merged:\n%s", localUser(), strings.Join(rows, "\n"))
				}
			}
		})
	}
}

// asDashboard makes the simulator take each call as a Dashboard
// administrator's (its X-Sim-Actor header, which only the simulator reads).
type asDashboard struct{ email string }

func (a asDashboard) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Sim-Actor", "dashboard:"+a.email)
	return http.DefaultTransport.RoundTrip(r)
}
