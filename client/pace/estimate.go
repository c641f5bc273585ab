package pace

import (
	"fmt"
	"math"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// Estimate is what a number of calls on one endpoint group will cost at
// the budget as the tracker knows it now.
type Estimate struct {
	Calls  int
	Bucket string        // the bucket that limits them
	Known  bool          // the bucket's size and refill are known
	Limit  int           // its size
	Rate   float64       // its refill, tokens a second
	Free   int           // tokens free now
	Takes  time.Duration // max(0, calls − free) ÷ rate: the floor of the limiting bucket
}

// Estimate says how long calls on group will take: for each bucket they
// draw on, the calls beyond what is free now ÷ its refill rate; the
// longest is the limiting bucket.
func (t *Tracker) Estimate(group limits.Group, calls int) Estimate {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	p := t.route(group)
	e := Estimate{Calls: calls, Bucket: p.own.name}
	for _, b := range []*bucketBudget{p.own, p.global} {
		if b == nil || !b.known || b.rate <= 0 {
			continue
		}
		free := int(math.Max(0, math.Floor(b.free(now))))
		takes := time.Duration(float64(max(0, calls-free)) / b.rate * float64(time.Second))
		if !e.Known || takes > e.Takes {
			e = Estimate{Calls: calls, Bucket: b.name, Known: true, Limit: b.limit, Rate: b.rate, Free: free, Takes: takes}
		}
	}
	return e
}

// String reads "100 calls, about 30s at write members (20 + 3.33/s)".
func (e Estimate) String() string {
	calls := fmt.Sprintf("%d calls", e.Calls)
	if e.Calls == 1 {
		calls = "1 call"
	}
	if !e.Known {
		return calls + " (" + BucketLabel(e.Bucket) + ": budget not known yet)"
	}
	if e.Takes < time.Second {
		return fmt.Sprintf("%s, within the budget there is now (%s: %d + %.3g/s)", calls, BucketLabel(e.Bucket), e.Limit, e.Rate)
	}
	return fmt.Sprintf("%s, about %s at %s (%d + %.3g/s)", calls, e.Takes.Round(time.Second), BucketLabel(e.Bucket), e.Limit, e.Rate)
}
