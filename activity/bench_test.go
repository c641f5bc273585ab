package activity_test

import (
	"context"
	"fmt"
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

// countLogs counts following's calls to GET /api/v2/logs: reads on from a
// checkpoint (from=…), which no search sends.
type countLogs struct {
	base http.RoundTripper
	n    atomic.Int64
	end  atomic.Int64 // calls from this UNIX nanosecond on are the next window's
}

func (c *countLogs) RoundTrip(req *http.Request) (*http.Response, error) {
	end := c.end.Load()
	if strings.HasSuffix(req.URL.Path, "/api/v2/logs") && req.URL.Query().Has("from") && (end == 0 || time.Now().UnixNano() < end) {
		c.n.Add(1)
	}
	return c.base.RoundTrip(req)
}

// followRun is one 10-minute run's figures.
type followRun struct {
	logCalls    int64           // GET /logs calls while following
	interactive []time.Duration // each interactive call's wait and answer
}

// followed runs, in a bubble of fake time, someone investigating
// interactively on an Essentials tenant for span (the doctor's and why's
// log searches: a burst of `burst` every 6 s, of the logs bucket's 10
// burst and 100 a minute), with one organization's activity followed
// alongside, on the same bucket, when follow is set.
func followed(t *testing.T, span time.Duration, follow bool, burst int) followRun {
	var out followRun
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, Plan: "essentials"})
		count := &countLogs{base: tn.Transport}
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: count, Plan: "essentials"})
		if err != nil {
			t.Fatal(err)
		}
		acme, err := cl.OrganizationByName(context.Background(), "acme")
		if err != nil {
			t.Fatal(err)
		}
		feed := activity.NewFeed(activity.Source{Client: cl}, activity.Query{Org: acme.ID})
		if _, err := feed.Load(context.Background()); err != nil { // opening the tab: not part of following
			t.Fatal(err)
		}
		time.Sleep(time.Minute) // the buckets full again
		ctx, cancel := context.WithTimeout(context.Background(), span)
		defer cancel()
		count.end.Store(time.Now().Add(span).UnixNano()) // the window: [now, now+span)
		before := count.n.Load()
		var wg sync.WaitGroup
		if follow {
			wg.Go(func() { feed.Follow(ctx, nil, func([]activity.Entry, error) bool { return true }) })
		}
		var mu sync.Mutex
		for ctx.Err() == nil {
			for i := range burst {
				wg.Go(func() {
					start := time.Now()
					q := client.LogQuery{UserID: fmt.Sprintf("auth0|%d", i), Limit: 10}
					if _, err := cl.Logs(ctx, q); err != nil && ctx.Err() == nil {
						t.Error(err)
					}
					mu.Lock()
					out.interactive = append(out.interactive, time.Since(start))
					mu.Unlock()
				})
			}
			time.Sleep(6 * time.Second)
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
	// 9 a burst: 90% of the bucket's rate; 10: all of it, where any
	// other call (following's included) makes a queue that never drains
	for _, burst := range []int{9, 10} {
		b.Run(fmt.Sprintf("interactive-%d%%", burst*10), func(b *testing.B) {
			var base, with followRun
			ok := testing.RunTests(func(string, string) (bool, error) { return true, nil }, []testing.InternalTest{
				{Name: "without", F: func(t *testing.T) { base = followed(t, span, false, burst) }},
				{Name: "following", F: func(t *testing.T) { with = followed(t, span, true, burst) }},
			})
			if !ok {
				b.Fatal("a run failed")
			}
			perMin := float64(with.logCalls) / span.Minutes()
			b.ReportMetric(float64(len(with.interactive))/span.Minutes(), "interactive-calls/min")
			b.ReportMetric(perMin, "logs-calls/min")
			b.ReportMetric(perMin/activity.LogsPerMinute*100, "%-of-logs-bucket")
			b.ReportMetric(float64(p95(base.interactive).Milliseconds()), "p95-ms-without")
			b.ReportMetric(float64(p95(with.interactive).Milliseconds()), "p95-ms-following")
			ratio := float64(p95(with.interactive)+time.Millisecond) / float64(p95(base.interactive)+time.Millisecond)
			b.ReportMetric(ratio, "p95-ratio")
			if perMin > activity.LogsPerMinute*activity.FollowShare {
				b.Errorf("following cost %.1f logs calls a minute, over its share of %.0f", perMin, activity.LogsPerMinute*activity.FollowShare)
			}
		})
	}
}

func TestFollowingStaysWithinItsShare(t *testing.T) {
	run := followed(t, 2*time.Minute, true, 9)
	if share := activity.LogsPerMinute * activity.FollowShare * 2; float64(run.logCalls) > share || run.logCalls < 2 {
		t.Errorf("%d logs calls in 2 minutes of following, want at most %.0f (and some)", run.logCalls, share)
	}
}
