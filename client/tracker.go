package client

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Snapshot is the rate-limit budget as last seen, and what the client is
// doing about it.
type Snapshot struct {
	Known            bool // a response has carried x-ratelimit-* headers
	Limit, Remaining int
	Reset            time.Time // when tokens are next added
	WaitingUntil     time.Time // while paced or backing off after a 429; else zero
	InFlight         int
	Requests         int64 // attempts sent, retries included
	Throttled        int64 // 429 answers
	Retries          int64
	Version          uint64 // grows with every change
}

// Waiting reports whether calls are held back at now.
func (s Snapshot) Waiting(now time.Time) bool { return s.WaitingUntil.After(now) }

// Tracker follows one tenant's Management API budget. It paces calls so
// they wait for the reset instead of firing into a 429, and tells watchers
// every change. One tracker serves every user of a tenant.
type Tracker struct {
	mu      sync.Mutex
	s       Snapshot
	budget  int // tokens estimated free for new calls
	changed chan struct{}
}

// NewTracker returns a tracker that knows nothing yet.
func NewTracker() *Tracker { return &Tracker{changed: make(chan struct{})} }

// Snapshot is the current state.
func (t *Tracker) Snapshot() Snapshot {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.s
}

// Next blocks until the state is newer than version, then returns it.
func (t *Tracker) Next(ctx context.Context, version uint64) (Snapshot, error) {
	for {
		t.mu.Lock()
		s, ch := t.s, t.changed
		t.mu.Unlock()
		if s.Version > version {
			return s, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return s, ctx.Err()
		}
	}
}

// bump publishes a change; t.mu is held.
func (t *Tracker) bump() {
	t.s.Version++
	close(t.changed)
	t.changed = make(chan struct{})
}

// acquire waits until a call may be sent: there is budget left, or the
// reset has passed and no other call is out to learn the new budget.
func (t *Tracker) acquire(ctx context.Context) error {
	for {
		if Stopped(ctx) {
			return errStopped // a stopped session sends nothing new
		}
		t.mu.Lock()
		now := time.Now()
		if !t.s.Known || t.budget > 0 || (!now.Before(t.s.Reset) && t.s.InFlight == 0) {
			t.budget--
			t.s.InFlight++
			t.s.Requests++
			if !t.s.WaitingUntil.IsZero() && !t.s.WaitingUntil.After(now) {
				t.s.WaitingUntil = time.Time{}
			}
			t.bump()
			t.mu.Unlock()
			return nil
		}
		wait := time.Hour // only a change can help: another call is out
		if now.Before(t.s.Reset) {
			wait = t.s.Reset.Sub(now)
			if t.s.WaitingUntil.Before(t.s.Reset) {
				t.s.WaitingUntil = t.s.Reset
				t.bump()
			}
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

// observe records an answer (nil when the call failed to get one).
func (t *Tracker) observe(res *http.Response) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.s.InFlight--
	if res != nil {
		h := res.Header
		limit, e1 := strconv.Atoi(h.Get("X-RateLimit-Limit"))
		remaining, e2 := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
		reset, e3 := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
		if e1 == nil && e2 == nil && e3 == nil {
			t.read(limit, remaining, time.Unix(reset, 0))
		}
		if res.StatusCode == http.StatusTooManyRequests {
			t.s.Throttled++
			t.s.Remaining, t.budget = 0, 0
		}
	}
	t.bump()
}

// read takes in one answer's headers. Answers to concurrent calls arrive in
// any order, so the freshest reading wins: a later reset is news; with the
// same reset the lower remaining is (tokens only go down until the reset);
// an earlier reset is old news.
func (t *Tracker) read(limit, remaining int, reset time.Time) {
	t.s.Limit = limit
	switch {
	case !t.s.Known || reset.After(t.s.Reset):
		t.s.Known, t.s.Remaining, t.s.Reset = true, remaining, reset
		t.budget = remaining - t.s.InFlight // calls still out will spend some
	case reset.Equal(t.s.Reset):
		t.s.Remaining = min(t.s.Remaining, remaining)
		t.budget = min(t.budget, remaining-t.s.InFlight)
	}
}

// backoff holds every call until until, after a 429, unless ctx ends first.
func (t *Tracker) backoff(ctx context.Context, until time.Time) error {
	t.mu.Lock()
	t.s.Retries++
	t.s.Known = true
	t.budget = 0
	if until.After(t.s.Reset) {
		t.s.Reset = until
	}
	if until.After(t.s.WaitingUntil) {
		t.s.WaitingUntil = until
	}
	t.bump()
	t.mu.Unlock()
	tm := time.NewTimer(time.Until(until))
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stopChan(ctx): // the 429'd call was not applied: it ends unsent
		return errStopped
	}
}

// pause shows a short wait before retrying a failed read.
func (t *Tracker) pause(ctx context.Context, d time.Duration) error {
	t.mu.Lock()
	t.s.Retries++
	t.bump()
	t.mu.Unlock()
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stopChan(ctx):
		return errStopped
	}
}
