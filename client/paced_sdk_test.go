package client_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim/simtest"
)

// pacer is what a careful go-auth0 user puts under the SDK: a token bucket
// for each of the plan's endpoint groups (and its global bucket, and the
// bucket of the others where the plan has one), each starting full, every
// call waiting for a token in each bucket it draws on. It is the SDK peer
// the benchmarks compare orgdash with: the same knowledge of the plan,
// none of orgdash's own machinery.
type pacer struct {
	base    http.RoundTripper
	plan    limits.Plan
	mu      sync.Mutex
	buckets map[string]*tokenBucket
}

// tokenBucket is one token bucket: tokens at last, refilling at rate a second up to burst.
type tokenBucket struct {
	tokens, rate, burst float64
	last                time.Time
}

// take spends a token at now, going into debt when there is none, and
// says how long to wait until the token spent existed.
func (b *tokenBucket) take(now time.Time) time.Duration {
	if !b.last.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// draw is a bucket a call draws on: its name and limit.
type draw struct {
	name string
	l    limits.Limit
}

func newPacer(plan string) *pacer {
	return &pacer{base: http.DefaultTransport, plan: limits.Plans[plan], buckets: map[string]*tokenBucket{}}
}

// wait holds the call back until every bucket it draws on has a token for it.
func (p *pacer) wait(r *http.Request) error {
	g := limits.GroupOf(r.Method, r.URL.Path)
	var draws []draw
	if l, ok := p.plan.Groups[g]; ok {
		draws = append(draws, draw{string(g), l})
	} else if p.plan.Others != nil {
		draws = append(draws, draw{"others", *p.plan.Others})
	}
	if p.plan.Global != nil {
		draws = append(draws, draw{"global", *p.plan.Global})
	}
	now := time.Now()
	var d time.Duration
	p.mu.Lock()
	for _, dr := range draws {
		b := p.buckets[dr.name]
		if b == nil {
			b = &tokenBucket{tokens: float64(dr.l.Burst), rate: dr.l.PerSecond, burst: float64(dr.l.Burst)}
			p.buckets[dr.name] = b
		}
		d = max(d, b.take(now))
	}
	p.mu.Unlock()
	if d == 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-r.Context().Done():
		return r.Context().Err()
	}
}

func (p *pacer) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := p.wait(r); err != nil {
		return nil, err
	}
	return p.base.RoundTrip(r)
}

// pacedSDK is the SDK paced by the plan's buckets with its retries off:
// a 429 is an error the caller sees.
func pacedSDK(b *testing.B, tn *simtest.Tenant, plan string) *management.Management {
	return tn.Management(b, management.WithClient(&http.Client{Transport: newPacer(plan)}), management.WithNoRetries())
}

// removeWithSDKPaced is the SDK used well and paced: one DeleteMembers per
// 10 ids under the plan's buckets, no retries, then listing the
// organization every 2 s until none of them is left.
func removeWithSDKPaced(b *testing.B, tn *simtest.Tenant, plan, org string) func([]string) int {
	m := pacedSDK(b, tn, plan)
	return func(ids []string) int { return removeBatched(context.Background(), m, org, ids) }
}
