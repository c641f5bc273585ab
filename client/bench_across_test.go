package client_test

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// BenchmarkDisableAcross disables one connection in the organizations that
// have it (ORGDASH_BENCH_ORGS of them, 50 by default; 300 takes minutes), in
// real time on loopback under a plan's real buckets, three ways:
//
//   - orgdash: crossorg.Job over this client, which knows the plan, as
//     the dashboard runs it (4 workers, paced by the budget);
//   - sdk-paced: the SDK used well: a PATCH per organization under a token
//     bucket per plan bucket, retries off (the peer the README compares with);
//   - sdk-unpaced: a PATCH per organization unpaced, retrying 429s as long
//     as it takes, honouring the reset header.
//
// Each reports calls, 429s, wall seconds and the floor (the largest over
// the buckets of max(0, calls − burst) ÷ refill). Run with -benchtime=1x.
func BenchmarkDisableAcross(b *testing.B) {
	n := 50
	if v, err := strconv.Atoi(os.Getenv("ORGDASH_BENCH_ORGS")); err == nil && v > 0 && v <= 300 {
		n = v
	}
	for _, plan := range []string{"enterprise", "free"} {
		for _, way := range []string{"orgdash", "sdk-paced", "sdk-unpaced"} {
			b.Run(plan+"/"+way, func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					tn := simtest.Start(b, sim.Options{Seed: 5, Orgs: 3 * n, Members: 2, Plan: plan})
					connID, orgIDs := tn.SharedConnection(b, n)
					disable := disabler(b, tn, plan, way, connID, orgIDs)
					waitFull(tn, plan)
					before := tn.Stats()
					b.StartTimer()
					start := time.Now()
					disable()
					wall := time.Since(start)
					b.StopTimer()
					after := tn.Stats()
					b.ReportMetric(float64(after.Calls-before.Calls), "calls")
					b.ReportMetric(float64(after.Throttled-before.Throttled), "429s")
					b.ReportMetric(wall.Seconds(), "wall-s")
					b.ReportMetric(floor(plan, after.ByGroup, before.ByGroup).Seconds(), "floor-s")
					b.StartTimer()
				}
			})
		}
	}
}

// disabler sets up (untimed) one way to disable the connection in orgIDs.
func disabler(b *testing.B, tn *simtest.Tenant, plan, way, connID string, orgIDs []string) func() {
	if way != "orgdash" {
		m := tn.Management(b, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 100, Statuses: []int{http.StatusTooManyRequests}}))
		if way == "sdk-paced" {
			m = pacedSDK(b, tn, plan)
		}
		return func() {
			for _, id := range orgIDs {
				if err := m.Request(context.Background(), "PATCH", m.URI("organizations", id, "connections", connID),
					&map[string]any{"is_enabled": false}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Plan: plan})
	if err != nil {
		b.Fatal(err)
	}
	orgs := make([]client.Organization, len(orgIDs))
	for i, id := range orgIDs {
		orgs[i] = client.Organization{ID: id}
	}
	return func() {
		a := crossorg.NewJob("disable", limits.OrgConnectionsWrite, orgs, func(ctx context.Context, o client.Organization) error {
			_, err := c.SetConnectionEnabled(ctx, o.ID, connID, false)
			return err
		})
		a.Run(context.Background(), func() {})
		if got := a.Tally()[crossorg.Applied]; got != len(orgs) {
			b.Fatalf("applied in %d of %d", got, len(orgs))
		}
	}
}
