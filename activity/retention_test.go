package activity_test

import (
	"context"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A free tenant keeps its logs a day; with the archive, last week's
// Dashboard change still shows after the tenant has dropped it.
func TestTheArchiveOutlivesAOneDayRetention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3, Plan: "free"})
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Transport: tn.Transport})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		acme, err := cl.OrganizationByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		admin := tn.Management(t)
		if err := admin.Organization.Update(ctx, acme.ID, nameless("Acme Renamed"), asAdmin("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "activity.json")
		read := func() []activity.Entry {
			a, err := activity.OpenArchive(path, cl.Tenant().Domain, 0)
			if err != nil {
				t.Fatal(err)
			}
			es, err := activity.NewFeed(activity.Source{Client: cl, Archive: a}, activity.Query{Org: acme.ID}).Load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return es
		}
		renamed := func(es []activity.Entry) bool {
			for _, e := range es {
				if e.What == "edited organization (display_name)" && e.Who.Name == "ops@example.com" && e.Elsewhere {
					return true
				}
			}
			return false
		}
		if !renamed(read()) {
			t.Fatal("the rename, read while the tenant keeps it")
		}
		time.Sleep(7 * 24 * time.Hour)
		if l, err := cl.Logs(ctx, client.LogQuery{Types: []string{"sapi"}}); err != nil || len(l) != 0 {
			t.Fatalf("a week later the free tenant has dropped it: %d events, %v", len(l), err)
		}
		if !renamed(read()) {
			t.Error("a week later the archive still shows the rename")
		}
	})
}
