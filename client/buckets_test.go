package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Under the enterprise plan each endpoint group has a bucket of its own
// (organization by id: 10 burst, 100/min; members read: 40 burst, 500/min)
// and every call meets the global one (50 burst, 16/s), which no header
// describes. Each group is paced by its own bucket: the slow one does not
// hold the fast one back. With the plan known nothing meets a 429; without,
// one 429 shows the global bucket, and it is paced by from then on.
// The same holds whichever reading of the plan the tenant follows (listed
// groups inside or outside the global bucket) and with Retry-After or not.
func TestEachBucketPacedByItsOwnBudget(t *testing.T) {
	for _, plan := range []string{"enterprise", ""} {
		for _, outside := range []bool{false, true} {
			t.Run(fmt.Sprintf("plan=%s,outside-global=%v", plan, outside), func(t *testing.T) {
				pacedApart(t, plan, sim.Options{Orgs: 2, Members: 5, Plan: "enterprise", GroupsOutsideGlobal: outside, RetryAfter: outside})
			})
		}
	}
}

func pacedApart(t *testing.T, plan string, opts sim.Options) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, opts)
		c := connect(t, tn, func(c *client.Config) { c.Plan = plan })
		o := orgByName(t, c, "acme")
		start := time.Now()
		var wg sync.WaitGroup
		var orgsTook, membersTook time.Duration
		wg.Go(func() {
			for range 30 {
				_, err := c.Organization(ctx, o.ID)
				ok(t, err)
			}
			orgsTook = time.Since(start)
		})
		wg.Go(func() {
			for range 120 {
				_, err := c.Members(ctx, o.ID, "")
				ok(t, err)
			}
			membersTook = time.Since(start)
		})
		wg.Wait()
		want := int64(0)
		if plan == "" && !opts.GroupsOutsideGlobal {
			want = 1 // the 429 that shows the global bucket
		}
		if n := tn.Stats().Throttled; n != want {
			t.Fatalf("%d answers were 429, want %d: %+v", n, want, c.Tracker().Snapshot().Buckets)
		}
		// floors: (calls − burst) ÷ refill rate of each bucket
		orgsFloor := time.Duration(float64(30-10) / (100.0 / 60) * float64(time.Second))
		membersFloor := time.Duration(float64(120-40) / (500.0 / 60) * float64(time.Second))
		if orgsTook < orgsFloor || orgsTook > orgsFloor*11/10+time.Second {
			t.Errorf("30 organization reads took %s, floor %s", orgsTook, orgsFloor)
		}
		if membersTook < membersFloor || membersTook > membersFloor*11/10+time.Second {
			t.Errorf("120 member reads took %s, floor %s: held behind another bucket?", membersTook, membersFloor)
		}
		t.Logf("organizations %s (floor %s), members %s (floor %s)", orgsTook, orgsFloor, membersTook, membersFloor)
	})
}

// A user's call goes before background work on the same bucket: while a
// stream of background reads keeps the bucket busy, an interactive read
// waits no longer than one token's refill.
func TestInteractiveCallGoesBeforeBackground(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, Plan: "enterprise"})
		c := connect(t, tn)
		o := orgByName(t, c, "acme")
		bg, stop := context.WithCancel(pace.Background(ctx))
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for bg.Err() == nil {
					_, _ = c.Members(bg, o.ID, "") // a stream of reads: their answers do not matter
				}
			})
		}
		time.Sleep(20 * time.Second) // the stream has spent the burst and runs at the refill rate
		b := bucket(c, "organization_members_read")
		if left := b.RemainingAt(time.Now()); left > 10 {
			t.Fatalf("background left %d of 40: it should run down to its reserve", left)
		}
		for range 5 {
			asked := time.Now()
			_, err := c.Members(ctx, o.ID, "")
			ok(t, err)
			if waited := time.Since(asked); waited > 150*time.Millisecond {
				t.Errorf("an interactive read waited %s behind background reads", waited)
			}
			time.Sleep(time.Second)
		}
		stop()
		wg.Wait()
		if n := tn.Stats().Throttled; n != 0 {
			t.Fatalf("%d answers were 429", n)
		}
	})
}

// After calls stop, the gauge's figure is what the tenant has: estimated
// from the refill rate learnt between answers, checked 5 s later against
// the simulator's own count (a raw call reports it).
func TestBudgetLiveAfterCallsStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, Plan: "enterprise"})
		c := connect(t, tn)
		o := orgByName(t, c, "acme")
		for range 60 {
			_, err := c.Members(ctx, o.ID, "")
			ok(t, err)
		}
		time.Sleep(5 * time.Second)
		est := bucket(c, "organization_members_read").RemainingAt(time.Now())
		req, _ := http.NewRequest("GET", tn.URL+"/api/v2/organizations/"+o.ID+"/members", nil)
		req.Header.Set("Authorization", "Bearer "+tn.Token(t, time.Hour, sim.AllScopes...))
		res, err := (&http.Client{Transport: tn.Transport}).Do(req)
		ok(t, err)
		res.Body.Close()
		var truth int
		if _, err := fmtSscan(res.Header.Get("X-RateLimit-Remaining"), &truth); err != nil {
			t.Fatal(err)
		}
		truth++ // the raw call spent one
		if est > truth || truth-est > 2 {
			t.Fatalf("5 s after the calls stopped the gauge says %d, the tenant has %d", est, truth)
		}
		t.Logf("estimate %d, tenant %d of 40", est, truth)
	})
}

func bucket(c client.Client, name string) pace.BucketState {
	for _, b := range c.Tracker().Snapshot().Buckets {
		if b.Name == name {
			return b
		}
	}
	return pace.BucketState{}
}

// The free plan has only the global bucket (2 burst, 2/s), and every
// answer's headers describe it. Two groups read at once share it: 100 calls
// take (100 − 2) ÷ 2 s. With the plan known nothing meets a 429; without,
// each group meets at most one before the tracker learns they are one bucket.
func TestEveryGroupSharesTheFreeGlobalBucket(t *testing.T) {
	for _, plan := range []string{"free", ""} {
		t.Run("plan="+plan, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, Plan: "free"})
				c := connect(t, tn, func(c *client.Config) { c.Plan = plan })
				o := orgByName(t, c, "acme")
				before := tn.Stats().Calls
				start := time.Now()
				var wg sync.WaitGroup
				wg.Go(func() {
					for range 50 {
						_, err := c.Organization(ctx, o.ID)
						ok(t, err)
					}
				})
				wg.Go(func() {
					for range 50 {
						_, err := c.Members(ctx, o.ID, "")
						ok(t, err)
					}
				})
				wg.Wait()
				took, calls := time.Since(start), tn.Stats().Calls-before
				throttled := tn.Stats().Throttled
				if max429 := map[string]int64{"free": 0, "": 2}[plan]; throttled > max429 {
					t.Fatalf("%d answers were 429, want at most %d", throttled, max429)
				}
				floor := time.Duration(float64(calls-throttled-2) / 2 * float64(time.Second))
				if took > floor*11/10+time.Second {
					t.Errorf("%d calls took %s, floor %s", calls, took, floor)
				}
				t.Logf("%d calls (%d × 429) in %s, floor %s", calls, throttled, took, floor)
			})
		})
	}
}
