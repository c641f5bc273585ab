package client_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The done-when of the cross-organization views: in a 1,000-organization
// tenant, disabling one connection in the 300 organizations that have it
// makes 300 calls, gets no 429, finishes within 1.1 × the floor of the
// bucket that limits it, ends within 10% of the plan shown before it ran,
// and the tenant and the audit agree for every organization. On the fake
// clock, so the minutes of pacing take none.
func TestDisableAConnectionIn300Organizations(t *testing.T) {
	for _, plan := range []string{"enterprise", "free"} {
		t.Run(plan, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Seed: 5, Orgs: 1000, Members: 3, Plan: plan})
				connID, _ := tn.SharedConnection(t, 300)
				var log bytes.Buffer
				c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
					Transport: tn.Transport, Plan: plan})
				ok(t, err)
				ac := audit.Client(c, audit.To(&log), audit.Who{User: "tester"})

				x := crossorg.IndexOf(ac)
				scanStart, scanCalls := time.Now(), tn.Stats().Calls
				ok(t, x.Scan(ctx, ac, true, func(crossorg.ScanProgress) {}))
				uses := x.Using(connID)
				if len(uses) != 300 {
					t.Fatalf("the scan found the connection in %d organizations, want 300", len(uses))
				}
				t.Logf("%s: the scan read 1,000 organizations in %d calls, %s", plan, tn.Stats().Calls-scanCalls, time.Since(scanStart).Round(time.Second))

				orgs := make([]client.Organization, len(uses))
				for i, u := range uses {
					orgs[i] = u.Org
				}
				waitFull(tn, plan)
				a := crossorg.NewJob("disable shared-okta", limits.OrgConnectionsWrite, orgs, func(ctx context.Context, o client.Organization) error {
					_, err := ac.SetConnectionEnabled(audit.WithDetail(ctx, audit.Detail{OrgName: o.Name}), o.ID, connID, false)
					return err
				})
				plan0 := a.Plan(c.Tracker())
				before := tn.Stats()
				start := time.Now()
				a.Run(ctx, func() {})
				took := time.Since(start)
				after := tn.Stats()
				calls, throttled := after.Calls-before.Calls, after.Throttled-before.Throttled
				fl := floor(plan, after.ByGroup, before.ByGroup)
				t.Logf("%s: plan %q; %d calls, %d × 429, %s against a floor of %s (%.3f×), %.3f× the plan",
					plan, plan0, calls, throttled, took.Round(time.Millisecond), fl.Round(time.Millisecond),
					took.Seconds()/fl.Seconds(), took.Seconds()/plan0.Takes.Seconds())
				if tally := a.Tally(); tally[crossorg.Applied] != 300 {
					t.Fatalf("steps: %v", tally)
				}
				if calls != 300 || throttled != 0 {
					t.Fatalf("%d calls and %d × 429, want 300 and none", calls, throttled)
				}
				if took > fl*11/10 {
					t.Fatalf("took %s, more than 1.1 × the floor %s", took, fl)
				}
				if d := took - plan0.Takes; d < -plan0.Takes/10 || d > plan0.Takes/10 {
					t.Fatalf("took %s against a plan of %s: more than 10%% off", took, plan0.Takes)
				}

				// the tenant and the audit agree, organization by organization
				changes, err := audit.Read(bytes.NewReader(log.Bytes()))
				ok(t, err)
				byOrg := map[string]string{}
				for _, ch := range changes {
					if ch.Intent.Action == "disable connection" {
						byOrg[ch.Intent.Org] += ch.State()
					}
				}
				truth := connect(t, tn, func(cfg *client.Config) { cfg.Transport, cfg.MaxAttempts = tn.Transport, 50 })
				for _, o := range orgs {
					conns, err := truth.Connections(ctx, o.ID)
					ok(t, err)
					enabled := false
					for _, cn := range conns {
						if cn.ID == connID {
							enabled = cn.Enabled
						}
					}
					if enabled || byOrg[o.ID] != audit.OK {
						t.Fatalf("%s: enabled %v on the tenant, audit %q", o.Name, enabled, byOrg[o.ID])
					}
				}
				if len(byOrg) != 300 {
					t.Fatalf("audit changes for %d organizations, want 300", len(byOrg))
				}

				// the peer: the SDK used as well as it can be (a PATCH per
				// organization, retrying 429s as long as it takes, honouring
				// the reset header), on the same 300 enabled again
				sdk := tn.Management(t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 50, Statuses: []int{http.StatusTooManyRequests}}))
				for _, o := range orgs {
					ok(t, sdk.Request(ctx, "PATCH", sdk.URI("organizations", o.ID, "connections", connID), &map[string]any{"is_enabled": true}))
				}
				waitFull(tn, plan)
				before, start = tn.Stats(), time.Now()
				for _, o := range orgs {
					ok(t, sdk.Request(ctx, "PATCH", sdk.URI("organizations", o.ID, "connections", connID), &map[string]any{"is_enabled": false}))
				}
				took, after = time.Since(start), tn.Stats()
				t.Logf("%s: the SDK: %d calls, %d × 429, %s (%.3f× the floor of 300 calls)", plan, after.Calls-before.Calls,
					after.Throttled-before.Throttled, took.Round(time.Millisecond), took.Seconds()/fl.Seconds())
			})
		})
	}
}
