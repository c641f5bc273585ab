package sim

import (
	"math"
	"sync"
	"time"

	"github.com/orgdash/orgdash/limits"
	"golang.org/x/time/rate"
)

// bucket is one of the tenant's Management API token buckets.
type bucket struct {
	mu        sync.Mutex
	name      string
	lim       *rate.Limiter
	burst     int
	perMinute bool // published per minute
	warned    bool // api_limit_warning sent since the bucket was last above 20%
}

func newBucket(name string, l limits.Limit) *bucket {
	if l.PerSecond <= 0 {
		return nil
	}
	return &bucket{name: name, lim: rate.NewLimiter(rate.Limit(l.PerSecond), l.Burst), burst: l.Burst, perMinute: l.PerMinute}
}

// take is one request's draw on a bucket and what the headers say of it.
type take struct {
	ok               bool
	bucket           string
	limit, remaining int
	reset            time.Time     // when the next token is added
	wait             time.Duration // until then
	warn             bool          // this draw took the bucket past 80% use
}

// take spends one token if there is one.
func (b *bucket) take(now time.Time) take {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := take{bucket: b.name, limit: b.burst, ok: b.lim.AllowN(now, 1)}
	tokens := b.lim.TokensAt(now)
	t.remaining = max(int(math.Floor(tokens)), 0)
	need := math.Floor(tokens) + 1 - tokens // to the next whole token
	t.wait = time.Duration(need / float64(b.lim.Limit()) * float64(time.Second))
	at := now.Add(t.wait)
	t.reset = time.Unix(at.Unix(), 0)
	if at.After(t.reset) {
		t.reset = t.reset.Add(time.Second)
	}
	low := float64(t.remaining) <= 0.2*float64(b.burst)
	t.warn = low && !b.warned
	b.warned = low
	return t
}
