package cli

import (
	"context"
	"io"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// Sessions on one tenant share one Events API subscription: a free plan
// allows one connection, and every session still hears of a change made
// in the Dashboard.
func TestSessionsShareOneSubscriptionPerTenant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3, Plan: "free"})
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: tn.Transport})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		changes := common.NewChanges() // the server's, shared by its sessions
		h := newHistories(ctx, "", nil, io.Discard)
		sessions := make([]*common.Common, 3)
		for i := range sessions {
			sessions[i] = &common.Common{Ctx: ctx, Client: cl, Changes: changes, Session: i + 1}
			h.setup(sessions[i])
		}
		synctest.Wait()
		live := sessions[0].ActivitySource().Live
		if st, err := live.State(); st == activity.Off || err != nil || len(h.lives) != 1 {
			t.Fatalf("one subscription, up: %v %v, %d", st, err, len(h.lives))
		}
		acme, err := cl.OrganizationByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := cl.Organizations(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		other := orgs.Items[0]
		if other.ID == acme.ID {
			other = orgs.Items[1]
		}
		theirs, err := cl.Members(ctx, other.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second) // the free plan's bucket (2 a second) full again for the admin
		if err := tn.Management(t).Organization.AddMembers(ctx, acme.ID, []string{theirs.Items[0].UserID},
			management.Header("X-Sim-Actor", "dashboard:ops@example.com")); err != nil {
			t.Fatal(err)
		}
		for _, s := range sessions {
			wait, stop := context.WithTimeout(ctx, time.Second)
			news, _, err := changes.Next(wait, s.Session, 0)
			stop()
			if err != nil || !touches(news, common.Touched{Org: acme.ID, Tab: common.Members}) {
				t.Errorf("session %d: %v %v", s.Session, news, err)
			}
		}
		if st, err := live.State(); st != activity.Streaming || live.Drops() != 0 {
			t.Errorf("still one connection, streaming: %v %v, %d drops", st, err, live.Drops())
		}
	})
}

func touches(news []common.Touched, want common.Touched) bool {
	for _, n := range news {
		if n == want {
			return true
		}
	}
	return false
}
