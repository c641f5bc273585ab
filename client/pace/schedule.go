package pace

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// Permit is a call's claim on its buckets, from Acquire to Observe.
type Permit struct {
	group       limits.Group
	own, global *bucketBudget // global: the global bucket, where it is not own
}

// bucket is the bucket called name, made from the plan's figures when it
// has them; t.mu is held.
func (t *Tracker) bucket(name string, documented *limits.Limit) *bucketBudget {
	b := t.buckets[name]
	if b == nil {
		if documented != nil {
			b = documentedBucket(name, *documented, t.now())
		} else {
			b = &bucketBudget{name: name}
		}
		t.buckets[name] = b
	}
	return b
}

// route names the buckets a call on group draws on: the one its answer's
// headers describe, and the global bucket where that is another. With the
// plan known these are its buckets; without, a bucket per group, and the
// global one once a 429 has shown it. t.mu is held.
func (t *Tracker) route(group limits.Group) Permit {
	p := Permit{group: group}
	if pl := t.plan; pl != nil {
		if l, ok := pl.Groups[group]; ok {
			p.own = t.bucket(string(group), &l)
			if pl.Global != nil {
				p.global = t.bucket(globalBucket, pl.Global)
			}
		} else if pl.Others != nil {
			p.own = t.bucket(string(limits.OtherEndpoints), pl.Others)
		} else {
			p.own = t.bucket(globalBucket, pl.Global)
		}
		return p
	}
	name := string(group)
	if a, ok := t.alias[group]; ok {
		name = a
	} else if group == limits.NoGroup {
		name = globalBucket
	}
	p.own = t.bucket(name, nil)
	if g := t.buckets[globalBucket]; g != nil && g != p.own && g.known {
		p.global = g
	}
	return p
}

const globalBucket = "global"

// Acquire waits until a call on group may be sent: each of its buckets
// has a token (for a background call, a token above the reserve, and no
// interactive call waiting on its bucket). A call on a bucket not yet
// known goes at once, to learn it; others on it wait for that answer.
//
// Waiters sleep on t.wake, which only news that may let a call go closes
// (an answer read, an interactive waiter gone); their own waiting only
// tells watchers. So no waiter ever wakes another by waiting.
func (t *Tracker) Acquire(ctx context.Context, group limits.Group) (Permit, error) {
	bg := IsBackground(ctx)
	var waiting *bucketBudget
	defer func() {
		if waiting != nil {
			t.mu.Lock()
			waiting.waiters--
			if !bg {
				waiting.interactiveWaiting--
				t.wakeWaiters() // background calls may go now
			}
			if waiting.waiters == 0 {
				waiting.waitingUntil = time.Time{}
			}
			t.bump()
			t.mu.Unlock()
		}
	}()
	for {
		if Stopped(ctx) {
			return Permit{}, ErrStopped // a stopped session sends nothing new
		}
		t.mu.Lock()
		now := t.now()
		p := t.route(group)
		wait, limiting := p.own.wait(now, bg), p.own
		if p.global != nil {
			if w := p.global.wait(now, bg); w > wait {
				wait, limiting = w, p.global
			}
		}
		if wait == 0 {
			p.own.send(now)
			if p.global != nil {
				p.global.send(now)
			}
			t.s.InFlight++
			t.s.Requests++
			if !bg {
				t.active = p.own.name
			}
			t.bump()
			t.mu.Unlock()
			return p, nil
		}
		news := false
		if waiting == nil {
			waiting, news = p.own, true
			waiting.waiters++
			if !bg {
				waiting.interactiveWaiting++
			}
		}
		if until := now.Add(wait); until.After(waiting.waitingUntil) {
			news = news || until.Sub(waiting.waitingUntil) > time.Second || waiting.heldBy != limiting.name
			waiting.waitingUntil, waiting.heldBy = until, limiting.name
		}
		if !bg && t.active != p.own.name {
			t.active, news = p.own.name, true
		}
		if news {
			t.bump()
		}
		wake := t.wake
		t.mu.Unlock()
		tm := time.NewTimer(wait)
		select {
		case <-wake:
		case <-tm.C:
		case <-ctx.Done():
			tm.Stop()
			return Permit{}, ctx.Err()
		case <-StopChan(ctx):
			tm.Stop()
			return Permit{}, ErrStopped
		}
		tm.Stop()
	}
}

// Answer is what came back for a call, as far as pacing cares.
type Answer struct {
	Status int
	Header http.Header // its x-ratelimit-* headers describe a bucket
	// Global is true for a 429 whose message says the tenant's global
	// bucket is empty (its headers then describe that bucket).
	Global bool
	// Wait is how long a 429 holds its bucket: its Retry-After, else
	// until its reset.
	Wait time.Duration
}

// Observe records the answer to a call of p (nil when it got none). A 429
// empties the bucket it names until its Wait has passed.
func (t *Tracker) Observe(p Permit, a *Answer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.s.InFlight--
	p.own.inFlight--
	if p.global != nil {
		p.global.inFlight--
	}
	if a != nil {
		into := p.own
		throttled := a.Status == http.StatusTooManyRequests
		if throttled { // a refused call spent nothing: the refill is measured without it
			p.own.sent--
		}
		if throttled && a.Global {
			into = t.learnGlobal(p, a.Header)
		}
		if limit, remaining, reset, ok := rateHeaders(a.Header); ok {
			into.read(now, limit, remaining, reset)
		}
		if throttled {
			t.s.Throttled++
			into.empty(now, now.Add(a.Wait))
		}
	}
	t.wakeWaiters()
	t.bump()
}

// learnGlobal is the global bucket a 429 named: the plan's, or one
// learnt from that answer's headers, with the rate Auth0 documents for a
// global bucket of that size (else learnt from answers). When the call's
// own bucket has shown the same limit, its answers were describing the
// global bucket all along: its group is routed there from now on. (With
// no plan known this is a guess: a group bucket the size of the global
// one would be merged too, which only makes pacing stricter.) t.mu is held.
func (t *Tracker) learnGlobal(p Permit, h http.Header) *bucketBudget {
	switch {
	case p.own.name == globalBucket:
		return p.own
	case t.plan != nil && p.global != nil:
		return p.global
	}
	limit, _, _, ok := rateHeaders(h)
	g := t.bucket(globalBucket, nil)
	if ok && !g.known {
		g.limit = limit
		for _, pl := range limits.Plans {
			if pl.Global != nil && pl.Global.Burst == limit {
				g.rate, g.documented = pl.Global.PerSecond, true
			}
		}
	}
	if ok && p.own.known && p.own.limit == limit {
		t.alias[p.group] = globalBucket
		g.rate = max(g.rate, p.own.rate)
	}
	return g
}

func rateHeaders(h http.Header) (limit, remaining int, reset time.Time, ok bool) {
	limit, e1 := strconv.Atoi(h.Get("X-RateLimit-Limit"))
	remaining, e2 := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	at, e3 := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	return limit, remaining, time.Unix(at, 0), e1 == nil && e2 == nil && e3 == nil
}

// Retried counts a call sent again after a 429.
func (t *Tracker) Retried() {
	t.mu.Lock()
	t.s.Retries++
	t.bump()
	t.mu.Unlock()
}

// Pause counts a retry of a failed read and waits d before it.
func (t *Tracker) Pause(ctx context.Context, d time.Duration) error {
	t.Retried()
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
	case <-StopChan(ctx): // the call was not applied: it ends unsent
		return ErrStopped
	}
}
