package client_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// While a scan (background work) is held by its bucket, the snapshot the
// footer draws names that bucket and for how long, not the bucket of the
// user's last own call, which has plenty left.
func TestSnapshotNamesTheBucketHoldingAScan(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, Plan: "enterprise"})
		c := connect(t, tn)
		o := orgByName(t, c, "acme")
		if _, err := c.Organizations(ctx, ""); err != nil { // the user's own call, on another bucket
			t.Fatal(err)
		}
		active := c.Tracker().Snapshot().Name
		bg, stop := context.WithCancel(pace.Background(ctx))
		var wg sync.WaitGroup
		defer wg.Wait()
		defer stop()
		for range 4 {
			wg.Go(func() {
				for bg.Err() == nil {
					_, _ = c.Members(bg, o.ID, "") // only the pacing is measured
				}
			})
		}
		time.Sleep(10 * time.Second) // the scan has spent the burst and waits for the refill
		seen := 0
		for range 40 {
			s := c.Tracker().Snapshot()
			if s.HeldUntil.After(time.Now()) {
				seen++
				if s.Name != "organization_members_read" {
					t.Fatalf("while the scan is held by read members, the footer names %q (the user's last call was on %q)", s.Name, active)
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		stop()
		wg.Wait()
		if seen == 0 {
			t.Fatal("the scan was never seen held by its bucket")
		}
		if s := c.Tracker().Snapshot(); s.Name != active || !s.HeldUntil.IsZero() {
			t.Fatalf("after the scan the footer names %q held until %v, want %q again", s.Name, s.HeldUntil, active)
		}
	})
}

// Without a plan a bucket's refill rate is learnt from answers: the
// snapshot says it is not documented, so the footer says "learning".
func TestRateWithoutAPlanIsNotDocumented(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 5, Plan: "enterprise"})
		c := connect(t, tn) // no plan
		o := orgByName(t, c, "acme")
		for range 20 {
			if _, err := c.Members(ctx, o.ID, ""); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
		}
		if b := bucket(c, "organization_members_read"); !b.Known || b.Documented {
			t.Fatalf("without a plan the members bucket is %+v: want known, its rate not documented", b)
		}
		withPlan := connect(t, tn, func(cfg *client.Config) { cfg.Plan = "enterprise" })
		orgByName(t, withPlan, "acme")
		if b := withPlan.Tracker().Snapshot(); !b.Documented {
			t.Fatalf("with the plan the bucket %+v is not documented", b.BucketState)
		}
	})
}
