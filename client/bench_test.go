package client_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// BenchmarkRemove1000Members removes the 1,000 members of an organization
// end to end (the removal, then polls until the tenant stops listing them)
// under a plan's real buckets, in real time on loopback, four ways:
//
//   - orgdash: this client, which knows the plan, as the dashboard does;
//   - sdk-paced: the SDK used well: one DeleteMembers call per 10 ids
//     (Auth0's cap) under a token bucket per plan bucket, retries off,
//     then listing the organization every 2 s until none of them is left
//     (the peer the README compares with);
//   - sdk-unpaced: the same calls unpaced, leaning on the SDK's default
//     429 retries instead;
//   - sdk-naive: one DeleteMembers call per member (ORGDASH_BENCH_NAIVE
//     members, 100 by default, as it takes minutes), no verification.
//
// Each reports calls, 429s, failed members, wall seconds and the floor:
// for each bucket, max(0, calls − burst) ÷ refill rate, the largest of
// them. Removal shows at once here (the simulator's 5–10 s delay off), so
// the floor is the budget's alone. Run with -benchtime=1x.
func BenchmarkRemove1000Members(b *testing.B) {
	naive := 100
	if n, err := strconv.Atoi(os.Getenv("ORGDASH_BENCH_NAIVE")); err == nil && n > 0 && n <= 1000 {
		naive = n
	}
	for _, plan := range []string{"enterprise", "free"} {
		opts := sim.Options{Seed: 11, Orgs: 2, Members: 1000, Plan: plan}
		b.Run(plan+"/orgdash", func(b *testing.B) { removeBench(b, opts, 1000, removeWithOrgdash) })
		b.Run(plan+"/sdk-paced", func(b *testing.B) { removeBench(b, opts, 1000, removeWithSDKPaced) })
		b.Run(plan+"/sdk-unpaced", func(b *testing.B) { removeBench(b, opts, 1000, removeWithSDKBatched) })
		b.Run(plan+"/sdk-naive", func(b *testing.B) { removeBench(b, opts, naive, removeWithSDKNaive) })
	}
}

// remover sets up (untimed) a way to remove members from org, which
// removes ids and says how many it knows are gone.
type remover func(b *testing.B, tn *simtest.Tenant, plan, org string) func(ids []string) int

func removeBench(b *testing.B, opts sim.Options, n int, remove remover) {
	for range b.N {
		b.StopTimer()
		tn := simtest.Start(b, opts)
		lister, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret()})
		if err != nil {
			b.Fatal(err)
		}
		org := orgIDOf(b, tn.Management(b), "acme")
		ids := memberIDs(b, lister, org)[:n]
		run := remove(b, tn, opts.Plan, org)
		waitFull(tn, opts.Plan)
		before := tn.Stats()
		b.StartTimer()
		start := time.Now()
		gone := run(ids)
		wall := time.Since(start)
		b.StopTimer()
		st := tn.Stats()
		calls := st.Calls - before.Calls
		b.ReportMetric(float64(gone), "removed")
		b.ReportMetric(float64(calls), "calls")
		b.ReportMetric(float64(st.Throttled-before.Throttled), "429s")
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(floor(opts.Plan, st.ByGroup, before.ByGroup).Seconds(), "floor-s")
		b.StartTimer()
	}
}

// floor is the physical limit of the calls made between two readings of
// the simulator's per-group counts: the largest over the plan's buckets of
// max(0, calls − burst) ÷ rate. 429s are not calls that spent a token.
func floor(plan string, after, before map[string]int64) time.Duration {
	p := limits.Plans[plan]
	var worst, all float64
	for g, n := range after {
		n -= before[g]
		all += float64(n)
		if l, ok := p.Groups[limits.Group(g)]; ok {
			worst = max(worst, max(0, float64(n)-float64(l.Burst))/l.PerSecond)
		}
	}
	if p.Global != nil {
		worst = max(worst, max(0, all-float64(p.Global.Burst))/p.Global.PerSecond)
	}
	return time.Duration(worst * float64(time.Second))
}

// waitFull lets every bucket refill after the set-up's calls.
func waitFull(tn *simtest.Tenant, plan string) {
	p := limits.Plans[plan]
	longest := 0.0
	for _, l := range p.Groups {
		longest = max(longest, float64(l.Burst)/l.PerSecond)
	}
	if p.Global != nil {
		longest = max(longest, float64(p.Global.Burst)/p.Global.PerSecond)
	}
	time.Sleep(time.Duration(longest*float64(time.Second)) + time.Second)
}

func removeWithOrgdash(b *testing.B, tn *simtest.Tenant, plan, org string) func([]string) int {
	c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Plan: plan})
	if err != nil {
		b.Fatal(err)
	}
	memberIDs(b, c, org) // what the dashboard had listed before the user marked them
	return func(ids []string) int {
		n := 0
		for _, r := range c.RemoveMembers(context.Background(), org, ids) {
			if r.Outcome == client.Confirmed {
				n++
			}
		}
		return n
	}
}

func sdk(b *testing.B, tn *simtest.Tenant) *management.Management {
	m, err := management.New(tn.URL[len("http://"):], management.WithInsecure(),
		management.WithClientCredentials(context.Background(), tn.ClientID(), tn.ClientSecret()))
	if err != nil {
		b.Fatal(err)
	}
	return m
}

func removeWithSDKBatched(b *testing.B, tn *simtest.Tenant, _, org string) func([]string) int {
	m := sdk(b, tn)
	return func(ids []string) int { return removeBatched(context.Background(), m, org, ids) }
}

func removeBatched(ctx context.Context, m *management.Management, org string, ids []string) int {
	sent := map[string]bool{}
	for i := 0; i < len(ids); i += limits.MaxIDsPerRequest {
		batch := ids[i:min(i+limits.MaxIDsPerRequest, len(ids))]
		if m.Organization.DeleteMembers(ctx, org, batch) == nil {
			for _, id := range batch {
				sent[id] = true
			}
		}
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(2 * time.Second) {
		left, err := listed(ctx, m, org, sent)
		if err == nil && left == 0 || time.Now().After(deadline) {
			return len(sent) - left
		}
	}
}

// listed counts how many of ids the organization still lists, page by page.
func listed(ctx context.Context, m *management.Management, org string, ids map[string]bool) (int, error) {
	left := 0
	for from := ""; ; {
		opts := []management.RequestOption{management.Take(100), management.IncludeFields("user_id")}
		if from != "" {
			opts = append(opts, management.From(from))
		}
		l, err := m.Organization.Members(ctx, org, opts...)
		if err != nil {
			return 0, err
		}
		for _, mem := range l.Members {
			if ids[mem.GetUserID()] {
				left++
			}
		}
		if len(l.Members) == 0 || l.Next == "" {
			return left, nil
		}
		from = l.Next
	}
}

func removeWithSDKNaive(b *testing.B, tn *simtest.Tenant, _, org string) func([]string) int {
	m := sdk(b, tn)
	return func(ids []string) int {
		n := 0
		for _, id := range ids {
			if m.Organization.DeleteMembers(context.Background(), org, []string{id}) == nil {
				n++ // else a 429 past the SDK's retries: this member stays
			}
		}
		return n
	}
}

// memberIDs lists the organization's members.
func memberIDs(b *testing.B, c client.Client, org string) []string {
	all, err := client.All(context.Background(), func(ctx context.Context, from string) (client.Page[client.Member], error) {
		return c.Members(ctx, org, from)
	})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(all))
	for i, m := range all {
		ids[i] = m.UserID
	}
	return ids
}

func orgIDOf(b *testing.B, m *management.Management, name string) string {
	o, err := m.Organization.ReadByName(context.Background(), name)
	if err != nil {
		b.Fatal(err)
	}
	return o.GetID()
}
