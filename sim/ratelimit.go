package sim

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// bucket is the tenant's Management API token bucket.
type bucket struct {
	mu    sync.Mutex
	lim   *rate.Limiter
	burst int
}

func newBucket(perSecond float64, burst int) *bucket {
	if perSecond <= 0 {
		return nil
	}
	return &bucket{lim: rate.NewLimiter(rate.Limit(perSecond), burst), burst: burst}
}

// take spends one token if there is one. It reports what the response
// headers say: tokens left, when the next token is added, and (when refused)
// how long to wait.
func (b *bucket) take(now time.Time) (ok bool, remaining int, reset time.Time, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ok = b.lim.AllowN(now, 1)
	tokens := b.lim.TokensAt(now)
	remaining = max(int(math.Floor(tokens)), 0)
	need := math.Floor(tokens) + 1 - tokens // to the next whole token
	wait = time.Duration(need / float64(b.lim.Limit()) * float64(time.Second))
	at := now.Add(wait)
	reset = time.Unix(at.Unix(), 0)
	if at.After(reset) {
		reset = reset.Add(time.Second)
	}
	return ok, remaining, reset, wait
}
