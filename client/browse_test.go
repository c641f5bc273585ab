package client_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Five people browse members on one server (one client, one tracker, as
// `orgdash serve` has) while three exports stream a 20,000-member
// organization as background work from another process (its own client),
// asking for more pages than the members bucket refills (3 × ~5/s against
// 8.3/s): the browsing calls' p95 latency stays within 2× of an idle
// tenant's. Latency 150–250 ms a call, the enterprise plan's buckets.
func TestBrowsingStaysQuickDuringAnExport(t *testing.T) {
	idle := browseP95(t, false)
	busy := browseP95(t, true)
	t.Logf("browse p95: idle %s, during an export %s (%.2f×)", idle, busy, float64(busy)/float64(idle))
	if busy > 2*idle {
		t.Fatalf("browse p95 %s during an export, %s idle: more than 2×", busy, idle)
	}
}

func browseP95(t *testing.T, export bool) time.Duration {
	var p95 time.Duration
	synctest.Test(t, func(t *testing.T) {
		opts := sim.Options{Seed: 5, Orgs: 2, Members: 20000, Plan: "enterprise",
			Faults: sim.Faults{LatencyMin: 150 * time.Millisecond, LatencyMax: 250 * time.Millisecond}}
		tn := simtest.StartInMemory(t, opts)
		server := connect(t, tn, func(c *client.Config) { c.Plan = "enterprise" })
		o := orgByName(t, server, "acme")
		time.Sleep(10 * time.Second) // the buckets refill after the set-up
		ctx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		if export {
			exporter := connect(t, tn, func(c *client.Config) { c.Plan = "enterprise" })
			for range 3 {
				wg.Go(func() {
					// background load until stop: what it reads and where it stops do not matter here
					_, _ = client.All(pace.Background(ctx), func(ctx context.Context, from string) (client.Page[client.Member], error) {
						return exporter.Members(ctx, o.ID, from)
					})
				})
			}
			time.Sleep(10 * time.Second) // the export is in full flow
		}
		var mu sync.Mutex
		var took []time.Duration
		var people sync.WaitGroup
		for range 5 {
			people.Go(func() {
				for range 20 {
					start := time.Now()
					if _, err := server.Members(ctx, o.ID, ""); err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					took = append(took, time.Since(start))
					mu.Unlock()
					time.Sleep(time.Second) // reading the page
				}
			})
		}
		people.Wait()
		stop()
		wg.Wait()
		slices.Sort(took)
		p95 = took[len(took)*95/100]
		if n := tn.Stats().Throttled; n != 0 {
			t.Errorf("%d × 429", n)
		}
	})
	return p95
}
