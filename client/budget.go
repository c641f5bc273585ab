package client

import (
	"math"
	"time"
)

// rateWindow is the shortest span a refill rate is measured over.
const rateWindow = 3 * time.Second

// bucketBudget is what the tracker knows of one bucket.
type bucketBudget struct {
	name      string
	known     bool
	limit     int
	remaining int       // as last read
	seen      time.Time // when
	reset     time.Time
	rate      float64 // tokens a second, estimated
	budget    float64 // tokens free for new calls as of seen: remaining less calls out since
	inFlight  int
	sent      int  // calls sent since the last reading
	quiet     bool // no call was out at the last reading
	// the rate is measured from an anchor reading over a few seconds: the
	// headers count whole tokens, so a short span would overstate it
	anchorAt        time.Time
	anchorRemaining int
	sentSinceAnchor int
	holdUntil       time.Time // after this bucket's 429

	waiters, interactiveWaiting int
	waitingUntil                time.Time
}

func (b *bucketBudget) state() BucketState {
	return BucketState{Name: b.name, Known: b.known, Limit: b.limit, Remaining: b.remaining, Seen: b.seen,
		Rate: b.rate, Reset: b.reset, WaitingUntil: b.waitingUntil}
}

// free is the tokens estimated free for new calls at now.
func (b *bucketBudget) free(now time.Time) float64 {
	f := b.budget
	if now.After(b.seen) {
		f += b.rate * now.Sub(b.seen).Seconds()
	}
	return math.Min(f, float64(b.limit-b.inFlight))
}

// wait is how long a call must wait at now; 0 when it may go.
func (b *bucketBudget) wait(now time.Time, background bool) time.Duration {
	switch {
	case b.holdUntil.After(now):
		return b.holdUntil.Sub(now)
	case !b.known:
		if b.inFlight > 0 && background {
			return 50 * time.Millisecond // one call learns the bucket; background waits for it
		}
		return 0
	}
	need := 1.0
	if background {
		need += math.Ceil(reserve * float64(b.limit))
		if b.interactiveWaiting > 0 {
			return 100 * time.Millisecond // interactive calls first
		}
	}
	have := b.free(now)
	if have >= need {
		return 0
	}
	if b.rate > 0 {
		return time.Duration((need - have) / b.rate * float64(time.Second))
	}
	if b.reset.After(now) {
		return b.reset.Sub(now)
	}
	if b.inFlight > 0 {
		return time.Second // an answer out there will say more
	}
	return 0 // past the reset, nothing out: one call learns the new budget
}

// send counts a call going out.
func (b *bucketBudget) send() {
	b.budget--
	b.inFlight++
	b.sent++
}

// read takes in one answer's headers. Answers to concurrent calls arrive
// in any order: a reading older than the one held is ignored, as told by a
// lower remaining under the same reset. The refill rate is learnt from
// successive readings: what came back beyond the calls spent between them.
func (b *bucketBudget) read(now time.Time, limit, remaining int, reset time.Time) {
	if b.known && reset.Equal(b.reset) && remaining > b.remaining && now.Sub(b.seen) < time.Second {
		return // an older answer overtaken by a newer one
	}
	// only between quiet readings is every call sent between them in the
	// later one: with calls overlapping, their answers cross
	quiet := b.quiet && b.inFlight == 0
	b.sentSinceAnchor += b.sent
	switch {
	case !quiet || b.anchorAt.IsZero():
		b.anchorAt, b.anchorRemaining, b.sentSinceAnchor = now, remaining, 0
	case now.Sub(b.anchorAt) >= rateWindow:
		dt := now.Sub(b.anchorAt).Seconds()
		// a whole token of rounding taken off: better to wait a little than meet a 429
		if back := float64(remaining-b.anchorRemaining+b.sentSinceAnchor) - 1; back > 0 && remaining < limit {
			if sample := back / dt; b.rate == 0 || sample > b.rate {
				b.rate = sample
			} else {
				b.rate = 0.5*b.rate + 0.5*sample
			}
		}
		b.anchorAt, b.anchorRemaining, b.sentSinceAnchor = now, remaining, 0
	}
	if b.rate == 0 && reset.After(now) && remaining < limit {
		b.rate = 1 / math.Max(reset.Sub(now).Seconds(), 1) // at least a token by the reset
	}
	b.known, b.limit, b.remaining, b.seen, b.reset = true, limit, remaining, now, reset
	b.budget = float64(remaining - b.inFlight)
	b.sent, b.quiet = 0, b.inFlight == 0
}
