package client

import (
	"context"
	"math"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Snapshot is the rate-limit budget as the client knows it, and what it is
// doing about it. Its top-level figures describe one bucket: the one the
// latest interactive call drew on (what the user is doing now); Buckets
// has them all.
type Snapshot struct {
	BucketState
	WaitingFor string // the bucket calls are held for, while WaitingUntil is ahead
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
	Rate             float64   // tokens a second, estimated from successive answers (0 while unknown)
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
// endpoint group plus the global one. It paces each call by its bucket
// so it waits instead of firing into a 429, lets interactive calls go
// before background work, and tells watchers every change. One tracker
// serves every user of a tenant.
type Tracker struct {
	mu      sync.Mutex
	s       Snapshot
	buckets map[string]*bucketBudget
	active  string    // the bucket of the latest interactive call
	hold    time.Time // every call waits until then: the global bucket said no
	changed chan struct{}
	now     func() time.Time
}

// NewTracker returns a tracker that knows nothing yet.
func NewTracker() *Tracker {
	return &Tracker{changed: make(chan struct{}), buckets: map[string]*bucketBudget{}, now: time.Now}
}

// Snapshot is the current state.
func (t *Tracker) Snapshot() Snapshot {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.s
	s.Buckets = make([]BucketState, 0, len(t.buckets))
	for _, b := range t.buckets {
		s.Buckets = append(s.Buckets, b.state())
	}
	sort.Slice(s.Buckets, func(i, j int) bool { return s.Buckets[i].Name < s.Buckets[j].Name })
	if b := t.buckets[t.active]; b != nil {
		s.BucketState = b.state()
	}
	if t.hold.After(s.WaitingUntil) {
		s.WaitingUntil, s.WaitingFor = t.hold, "global"
	}
	for _, b := range t.buckets {
		if b.waitingUntil.After(s.WaitingUntil) && b.waiters > 0 {
			s.WaitingUntil, s.WaitingFor = b.waitingUntil, b.name
		}
	}
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

func (t *Tracker) bucket(name string) *bucketBudget {
	b := t.buckets[name]
	if b == nil {
		b = &bucketBudget{name: name}
		t.buckets[name] = b
	}
	return b
}

// acquire waits until a call on bucket group may be sent: the global
// bucket is not known to be empty, and the group's has a token (a
// background call: a token above the reserve, with no interactive call
// waiting). A call whose bucket is unknown goes at once, to learn it.
func (t *Tracker) acquire(ctx context.Context, group string) error {
	bg := isBackground(ctx)
	waiting := false
	defer func() {
		if waiting {
			t.mu.Lock()
			t.bucket(group).waiters--
			if !bg {
				t.bucket(group).interactiveWaiting--
			}
			t.bump()
			t.mu.Unlock()
		}
	}()
	for {
		if Stopped(ctx) {
			return errStopped // a stopped session sends nothing new
		}
		t.mu.Lock()
		now := t.now()
		b := t.bucket(group)
		wait := time.Duration(0)
		if t.hold.After(now) {
			wait = t.hold.Sub(now)
		} else if w := b.wait(now, bg); w > 0 {
			wait = w
		}
		if wait == 0 {
			b.send()
			t.s.InFlight++
			t.s.Requests++
			if !bg {
				t.active = group
			}
			t.bump()
			t.mu.Unlock()
			return nil
		}
		news := false // wake the others only for news, or waiters would wake each other for ever
		if !waiting {
			waiting, news = true, true
			b.waiters++
			if !bg {
				b.interactiveWaiting++
			}
		}
		until := now.Add(wait)
		switch { // the wait shown only grows while calls wait: waiters must not undo each other
		case b.waitingUntil.Before(now):
			b.waitingUntil, news = until, true
		case until.After(b.waitingUntil):
			news = news || until.Sub(b.waitingUntil) > time.Second
			b.waitingUntil = until
		}
		if !bg && t.active != group {
			t.active, news = group, true
		}
		if news {
			t.bump()
		}
		ch := t.changed
		t.mu.Unlock()
		tm := time.NewTimer(wait)
		select {
		case <-ch:
		case <-tm.C:
		case <-ctx.Done():
			tm.Stop()
			return ctx.Err()
		case <-stopChan(ctx):
			tm.Stop()
			return errStopped
		}
		tm.Stop()
	}
}

// observe records an answer on bucket group (res nil when the call got none).
func (t *Tracker) observe(group string, res *http.Response) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.s.InFlight--
	b := t.bucket(group)
	b.inFlight--
	if res != nil {
		h := res.Header
		limit, e1 := strconv.Atoi(h.Get("X-RateLimit-Limit"))
		remaining, e2 := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
		reset, e3 := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
		if e1 == nil && e2 == nil && e3 == nil {
			b.read(t.now(), limit, remaining, time.Unix(reset, 0))
		}
		if res.StatusCode == http.StatusTooManyRequests {
			t.s.Throttled++
			b.budget = 0
		}
	}
	t.bump()
}

// backoff holds the calls of bucket group (every call, when global) until
// until, after a 429, unless ctx ends first.
func (t *Tracker) backoff(ctx context.Context, group string, global bool, until time.Time) error {
	t.mu.Lock()
	t.s.Retries++
	b := t.bucket(group)
	b.known, b.budget = true, 0
	if until.After(b.holdUntil) {
		b.holdUntil = until
	}
	if global && until.After(t.hold) {
		t.hold = until
	}
	t.bump()
	t.mu.Unlock()
	return t.sleep(ctx, time.Until(until))
}

// pause shows a short wait before retrying a failed read.
func (t *Tracker) pause(ctx context.Context, d time.Duration) error {
	t.mu.Lock()
	t.s.Retries++
	t.bump()
	t.mu.Unlock()
	return t.sleep(ctx, d)
}

func (t *Tracker) sleep(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stopChan(ctx): // the call was not applied: it ends unsent
		return errStopped
	}
}
