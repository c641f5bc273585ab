package client_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// BenchmarkRemove1000Members removes the 1,000 members of an organization
// under a 2 requests/s, burst-10 budget, with this client and with the SDK
// used naively (one DeleteMembers call per member, its default retries), and
// reports calls, 429s, wall time and the theoretical minimum (calls ÷ rate).
// Run it with -benchtime=1x: the naive side takes minutes by design.
// ORGDASH_BENCH_NAIVE sets how many members the naive side removes.
func BenchmarkRemove1000Members(b *testing.B) {
	const members, rate, burst = 1000, 2.0, 10
	opts := sim.Options{Seed: 11, Orgs: 2, Members: members, Rate: rate, Burst: burst}
	ids := memberIDs(b, opts)
	naive := len(ids)
	if n, err := strconv.Atoi(os.Getenv("ORGDASH_BENCH_NAIVE")); err == nil && n > 0 && n < naive {
		naive = n
	}
	run := func(b *testing.B, remove func(tn *simtest.Tenant, org string) int) {
		for range b.N {
			b.StopTimer()
			tn := simtest.Start(b, opts)
			org := orgIDOf(b, tn.Management(b), "acme")
			time.Sleep(time.Duration(float64(burst)/rate) * time.Second) // the lookup spent budget: let the bucket fill
			before := tn.Stats()
			b.StartTimer()
			start := time.Now()
			removed := remove(tn, org)
			wall := time.Since(start)
			b.StopTimer()
			st := tn.Stats()
			calls := st.Calls - before.Calls
			b.ReportMetric(float64(removed), "members")
			b.ReportMetric(float64(calls), "calls")
			b.ReportMetric(float64(st.Throttled-before.Throttled), "429s")
			b.ReportMetric(wall.Seconds(), "wall-s")
			b.ReportMetric(float64(calls)/rate, "min-s")
			b.StartTimer()
		}
	}
	b.Run("orgdash", func(b *testing.B) {
		run(b, func(tn *simtest.Tenant, org string) int {
			c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret()})
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, r := range c.RemoveMembers(context.Background(), org, ids) {
				if r.Outcome == client.Confirmed {
					n++
				}
			}
			return n
		})
	})
	b.Run("naive-sdk", func(b *testing.B) {
		run(b, func(tn *simtest.Tenant, org string) int {
			m, err := management.New(tn.URL[len("http://"):], management.WithInsecure(),
				management.WithClientCredentials(context.Background(), tn.ClientID(), tn.ClientSecret()))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, id := range ids[:naive] {
				if m.Organization.DeleteMembers(context.Background(), org, []string{id}) == nil {
					n++
				}
			}
			return n
		})
	})
}

// memberIDs lists the organization's members on an unlimited twin of the
// tenant: same seed, same ids, and no budget spent on the measured one.
func memberIDs(b *testing.B, opts sim.Options) []string {
	opts.Rate = 0
	tn := simtest.Start(b, opts)
	c, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret()})
	if err != nil {
		b.Fatal(err)
	}
	org := orgIDOf(b, tn.Management(b), "acme")
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
