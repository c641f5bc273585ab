package activity_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// countLogs counts the calls to GET /api/v2/logs.
type countLogs struct {
	base http.RoundTripper
	n    atomic.Int64
}

func (c *countLogs) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/api/v2/logs") {
		c.n.Add(1)
	}
	return c.base.RoundTrip(req)
}

// followRun is one 10-minute run's figures.
type followRun struct {
	logCalls    int64           // GET /logs calls while following
	interactive []time.Duration // each interactive call's wait and answer
}

// followed runs, in a bubble of fake time, someone working interactively
// on an Essentials tenant for span (a burst of 12 reads of the roles every
// 5 s: 144 calls a minute of the 150 the bucket GET /logs shares with them
// there, and more at once than its burst of 10, so some wait),
// with one organization's activity followed alongside when follow is set.
func followed(t *testing.T, span time.Duration, follow bool) followRun {
	var out followRun
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, Plan: "essentials"})
		count := &countLogs{base: tn.Transport}
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: count, Plan: "essentials"})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), span)
		defer cancel()
		acme, err := cl.OrganizationByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		feed := activity.NewFeed(activity.Source{Client: cl}, activity.Query{Org: acme.ID})
		if _, err := feed.Load(context.Background()); err != nil { // opening the tab: not part of following
			t.Fatal(err)
		}
		time.Sleep(time.Minute) // the buckets full again
		before := count.n.Load()
		var wg sync.WaitGroup
		if follow {
			wg.Go(func() { feed.Follow(ctx, nil, func([]activity.Entry, error) bool { return true }) })
		}
		var mu sync.Mutex
		for ctx.Err() == nil {
			for range 12 {
				wg.Go(func() {
					start := time.Now()
					if _, err := cl.Roles(ctx); err != nil && ctx.Err() == nil {
						t.Error(err)
					}
					mu.Lock()
					out.interactive = append(out.interactive, time.Since(start))
					mu.Unlock()
				})
			}
			time.Sleep(5 * time.Second)
		}
		wg.Wait()
		out.logCalls = count.n.Load() - before
	})
	return out
}

func p95(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)*95/100]
}

// BenchmarkFollowActivity follows one organization's activity for 10
// minutes of fake time beside interactive work on the same bucket, and
// reports the logs calls it cost a minute (at most LogsPerMinute ×
// FollowShare = 10) and the interactive calls' p95 with and without it.
// Run with -benchtime=1x.
func BenchmarkFollowActivity(b *testing.B) {
	const span = 10 * time.Minute
	var base, with followRun
	ok := testing.RunTests(func(string, string) (bool, error) { return true, nil }, []testing.InternalTest{
		{Name: "without", F: func(t *testing.T) { base = followed(t, span, false) }},
		{Name: "following", F: func(t *testing.T) { with = followed(t, span, true) }},
	})
	if !ok {
		b.Fatal("a run failed")
	}
	perMin := float64(with.logCalls) / span.Minutes()
	b.ReportMetric(perMin, "logs-calls/min")
	b.ReportMetric(perMin/activity.LogsPerMinute*100, "%-of-logs-bucket")
	b.ReportMetric(float64(p95(base.interactive).Milliseconds()), "p95-ms-without")
	b.ReportMetric(float64(p95(with.interactive).Milliseconds()), "p95-ms-following")
	ratio := float64(p95(with.interactive)+time.Millisecond) / float64(p95(base.interactive)+time.Millisecond)
	b.ReportMetric(ratio, "p95-ratio")
	if perMin > activity.LogsPerMinute*activity.FollowShare {
		b.Errorf("following cost %.1f logs calls a minute, over its share of %.0f", perMin, activity.LogsPerMinute*activity.FollowShare)
	}
}

func TestFollowingStaysWithinItsShare(t *testing.T) {
	run := followed(t, 2*time.Minute, true)
	if share := activity.LogsPerMinute * activity.FollowShare * 2; float64(run.logCalls) > share || run.logCalls < 2 {
		t.Errorf("%d logs calls in 2 minutes of following, want at most %.0f (and some)", run.logCalls, share)
	}
}
