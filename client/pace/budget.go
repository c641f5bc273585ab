package pace

import (
	"math"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// rateWindow is the shortest span a refill rate is measured over.
const rateWindow = 3 * time.Second

// bucketBudget is what the tracker knows of one bucket: its tokens free
// for new calls as of asOf (the last answer's remaining, less the calls
// sent since), refilling at rate.
type bucketBudget struct {
	name       string
	known      bool // from the headers, a 429, or the tenant's plan
	documented bool // limit and rate are the plan's, as Auth0 documents it
	limit      int
	rate       float64 // tokens a second
	budget     float64
	asOf       time.Time
	reset      time.Time // when tokens are next added, as the last answer said
	readAt     time.Time // when that answer came
	inFlight   int
	holdUntil  time.Time // after this bucket's 429

	// the rate is measured from an anchor reading over a few seconds, and
	// only between quiet readings (no call out): with calls overlapping,
	// their answers cross. The headers count whole tokens, so a short span
	// would overstate it.
	quiet           bool
	sent            int // calls sent since the last reading
	anchorAt        time.Time
	anchorRemaining int
	sentSinceAnchor int

	waiters, interactiveWaiting int
	waitingUntil                time.Time
	heldBy                      string // the bucket the waiters wait for: their own or the global one
}

// documentedBucket is a bucket known from the start from Auth0's table:
// full, refilling at the documented rate, until an answer says more.
func documentedBucket(name string, l limits.Limit, now time.Time) *bucketBudget {
	return &bucketBudget{name: name, known: true, documented: true, limit: l.Burst, rate: l.PerSecond,
		budget: float64(l.Burst), asOf: now}
}

func (b *bucketBudget) state(now time.Time) BucketState {
	return BucketState{Name: b.name, Known: b.known, Limit: b.limit, Remaining: int(math.Max(0, math.Floor(b.free(now)))),
		Seen: now, Rate: b.rate, Documented: b.documented, Reset: b.reset, WaitingUntil: b.waitingUntil}
}

// free is the tokens estimated free for new calls at now.
func (b *bucketBudget) free(now time.Time) float64 {
	f := b.budget
	if now.After(b.asOf) {
		f += b.rate * now.Sub(b.asOf).Seconds()
	}
	return math.Min(f, float64(b.limit-b.inFlight))
}

// wait is how long a call must wait at now; 0 when it may go.
func (b *bucketBudget) wait(now time.Time, background bool) time.Duration {
	switch {
	case b.holdUntil.After(now):
		return b.holdUntil.Sub(now)
	case !b.known && b.inFlight > 0:
		return time.Second // one call learns the bucket: its answer wakes the others
	case !b.known:
		return 0
	}
	need := 1.0
	if background {
		if b.interactiveWaiting > 0 {
			return time.Second // interactive calls first: one leaving wakes this
		}
		need += math.Ceil(reserve * float64(b.limit))
	}
	have := b.free(now)
	switch {
	case have >= need:
		return 0
	case b.rate > 0 && b.documented:
		return max(time.Duration((need-have)/b.rate*float64(time.Second)), time.Millisecond)
	case b.rate > 0 && b.reset.After(now):
		// a learnt rate is what came back to this client, which another
		// tool sharing the bucket can make small: never wait past the
		// reset the tenant announced for the next tokens
		return min(max(time.Duration((need-have)/b.rate*float64(time.Second)), time.Millisecond), b.reset.Sub(now))
	case b.reset.After(now):
		return b.reset.Sub(now)
	case b.inFlight > 0:
		return time.Second // an answer out there will say more
	case !b.readAt.IsZero() && !b.readAt.Before(b.reset):
		// the last answer came at or after the reset it named (a token due
		// at once, or clocks apart): it is the budget now and only the
		// refill adds to it, so a call to learn more goes a second after it
		// at most; else every quick answer would let one more call through
		// in the same instant
		w := time.Second - now.Sub(b.readAt)
		if b.rate > 0 {
			w = min(w, time.Duration((need-have)/b.rate*float64(time.Second)))
		}
		if w > 0 {
			return max(w, time.Millisecond)
		}
	}
	return 0 // past the reset, nothing out: one call learns the new budget
}

// send counts a call going out at now.
func (b *bucketBudget) send(now time.Time) {
	b.budget, b.asOf = b.free(now)-1, now
	b.inFlight++
	b.sent++
}

// read takes in one answer's headers. Answers to concurrent calls arrive
// in any order: a reading older than the one held is ignored, as told by a
// higher remaining under the same reset. An undocumented bucket's refill
// rate is learnt from successive readings: what came back beyond the calls
// spent between them.
func (b *bucketBudget) read(now time.Time, limit, remaining int, reset time.Time) {
	if b.known && reset.Equal(b.reset) && float64(remaining-b.inFlight) > b.free(now)+1 {
		return // an older answer overtaken by newer ones
	}
	if b.documented && limit != b.limit {
		b.documented, b.rate = false, 0 // not the bucket the plan says: learn it
	}
	if !b.documented {
		b.learnRate(now, limit, remaining, reset)
	}
	b.known, b.limit, b.reset, b.readAt = true, limit, reset, now
	b.budget, b.asOf = float64(remaining-b.inFlight), now
	b.sent, b.quiet = 0, b.inFlight == 0
}

func (b *bucketBudget) learnRate(now time.Time, limit, remaining int, reset time.Time) {
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
}

// empty records a 429 of this bucket at now: nothing is left until until.
func (b *bucketBudget) empty(now, until time.Time) {
	b.known, b.budget, b.asOf = true, 0, now
	if until.After(b.holdUntil) {
		b.holdUntil = until
	}
}
