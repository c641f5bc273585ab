// Package pace paces one tenant's Management API calls by its rate-limit
// buckets: it learns each bucket from the answers' x-ratelimit-* headers
// (or knows it from the tenant's plan), holds a call until its buckets have
// a token, lets interactive calls go before background work, and estimates
// what a batch of calls will take. It knows HTTP headers and the plans in
// limits, nothing of Auth0's entities.
package pace

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// Snapshot is the rate-limit budget as the client knows it, and what it is
// doing about it. Its top-level figures describe one bucket: the one the
// latest interactive call drew on (what the user is doing now); Buckets
// has them all.
type Snapshot struct {
	// BucketState is the bucket that limits the user's work now: the one
	// holding calls (the user's before background work such as a scan),
	// else the bucket of the latest interactive call.
	BucketState
	WaitingFor string    // the bucket calls are held for, while WaitingUntil is ahead
	HeldUntil  time.Time // while only background calls (a scan, an export) are held, until when
	InFlight   int
	Requests   int64 // attempts sent, retries included
	Throttled  int64 // 429 answers
	Retries    int64
	Version    uint64 // grows with every change
	Buckets    []BucketState
}

// BucketState is one bucket's budget: as last read from the headers, and
// refilling at Rate since.
type BucketState struct {
	Name             string
	Known            bool // a response has carried x-ratelimit-* headers for it
	Limit, Remaining int  // Remaining as of Seen
	Seen             time.Time
	Rate             float64   // tokens a second: the plan's, or estimated from successive answers (0 while unknown)
	Documented       bool      // Rate is the plan's, as Auth0 documents it; else a guess being learnt
	Reset            time.Time // when tokens are next added, as the last answer said
	WaitingUntil     time.Time // while calls on it are held; else zero
}

// RemainingAt estimates the tokens at now: what the last answer said, plus
// what the bucket has refilled since, never above its limit.
func (b BucketState) RemainingAt(now time.Time) int {
	if !b.Known {
		return 0
	}
	est := float64(b.Remaining)
	if now.After(b.Seen) {
		est += b.Rate * now.Sub(b.Seen).Seconds()
		if b.Rate == 0 && !now.Before(b.Reset) && b.Remaining < b.Limit {
			est++ // at least the token the reset promised
		}
	}
	return int(math.Min(math.Floor(est), float64(b.Limit)))
}

// Waiting reports whether calls are held back at now.
func (s Snapshot) Waiting(now time.Time) bool { return s.WaitingUntil.After(now) }

// Refilling reports whether some bucket is still filling up at now, so a
// gauge showing it must be redrawn.
func (s Snapshot) Refilling(now time.Time) bool {
	for _, b := range s.Buckets {
		if b.Known && b.RemainingAt(now) < b.Limit {
			return true
		}
	}
	return false
}

// Tracker follows one tenant's Management API budgets, a bucket per
// endpoint group plus the global one. It paces each call by its buckets
// so it waits instead of firing into a 429, lets interactive calls go
// before background work, and tells watchers every change. One tracker
// serves every user of a tenant.
type Tracker struct {
	mu      sync.Mutex
	s       Snapshot
	plan    *limits.Plan // the tenant's, when known: its buckets are known from the first call
	buckets map[string]*bucketBudget
	alias   map[limits.Group]string // groups whose answers describe another bucket
	active  string                  // the bucket of the latest interactive call
	changed chan struct{}           // closed for watchers on every change
	wake    chan struct{}           // closed for waiting calls on news that may let one go
	now     func() time.Time
}

// New returns a tracker that knows nothing yet.
func New() *Tracker {
	return &Tracker{changed: make(chan struct{}), wake: make(chan struct{}), buckets: map[string]*bucketBudget{},
		alias: map[limits.Group]string{}, now: time.Now}
}

// UsePlan tells the tracker the tenant's rate-limit plan (a name in
// limits.Plans): calls are then paced by its documented buckets from the
// first, the global one included, which no header describes.
func (t *Tracker) UsePlan(name string) error {
	p, ok := limits.Plans[name]
	if !ok {
		return fmt.Errorf("unknown rate-limit plan %q: want one of %s", name, strings.Join(limits.PlanNames(), ", "))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.plan = &p
	return nil
}

// Snapshot is the current state.
func (t *Tracker) Snapshot() Snapshot {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	s := t.s
	s.Buckets = make([]BucketState, 0, len(t.buckets))
	var until, bgUntil time.Time
	var bgHeldBy string
	for _, b := range t.buckets {
		s.Buckets = append(s.Buckets, b.state(now))
		// a hold someone waits for: background work at its reserve is its normal pace
		if b.interactiveWaiting > 0 && b.waitingUntil.After(until) {
			until, s.WaitingFor = b.waitingUntil, b.heldBy
		}
		if b.waiters > b.interactiveWaiting && b.waitingUntil.After(bgUntil) && b.waitingUntil.After(now) {
			bgUntil, bgHeldBy = b.waitingUntil, b.heldBy
		}
	}
	sort.Slice(s.Buckets, func(i, j int) bool { return s.Buckets[i].Name < s.Buckets[j].Name })
	limiting := t.active // the user's own calls' bucket, unless calls are held
	switch {
	case until.After(now):
		limiting = s.WaitingFor
	case bgHeldBy != "":
		limiting, s.HeldUntil = bgHeldBy, bgUntil
	}
	if b := t.buckets[limiting]; b != nil {
		s.BucketState = b.state(now)
	} else if b := t.buckets[t.active]; b != nil {
		s.BucketState = b.state(now)
	}
	s.WaitingUntil = until
	return s
}

// Next blocks until the state is newer than version, then returns it.
func (t *Tracker) Next(ctx context.Context, version uint64) (Snapshot, error) {
	for {
		t.mu.Lock()
		v, ch := t.s.Version, t.changed
		t.mu.Unlock()
		if v > version {
			return t.Snapshot(), nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return t.Snapshot(), ctx.Err()
		}
	}
}

// bump publishes a change; t.mu is held.
func (t *Tracker) bump() {
	t.s.Version++
	close(t.changed)
	t.changed = make(chan struct{})
}

// wakeWaiters has every waiting call look again; t.mu is held.
func (t *Tracker) wakeWaiters() {
	close(t.wake)
	t.wake = make(chan struct{})
}
