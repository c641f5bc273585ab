package activity

import (
	"context"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// Following reads the tenant logs at a pace that leaves them to others:
// Auth0's logs bucket is 10 burst / 100 a minute on Essentials and
// Professional (the rate-limit policy's configuration page), the lowest
// figure it publishes for logs, so orgdash takes that as every plan's.
// Following takes FollowShare of its sustained rate: one call every
// FollowEvery, at background priority (pace.Background: interactive
// calls go first and keep their reserve).
const (
	LogsPerMinute = 100
	FollowShare   = 0.10
)

// FollowEvery is how often following reads the logs: 6 s, one call each.
const FollowEvery = time.Duration(float64(time.Minute) / (LogsPerMinute * FollowShare))

// QuietEvery is how often following polls when the Events API tells of
// news; and the longest it defers to others using the logs bucket.
const QuietEvery = time.Minute

// RoomEvery is how often a deferred poll looks at the bucket again (a
// local look: it costs no call).
const RoomEvery = time.Second

// Room reports whether following may read the logs now: the bucket GET
// /logs draws on is full as the tracker last knew it (nobody else is
// using it, so a call takes nothing anyone waits for), or not known yet
// (nor how fast it refills).
// A bucket in use stays below full; following waits for it, at most
// QuietEvery after its last read, so it never starves.
func Room(cl client.Client, now time.Time) bool {
	snap := cl.Tracker().Snapshot()
	for _, name := range []string{string(limits.GroupOf("GET", "/api/v2/logs")), string(limits.OtherEndpoints), "global"} {
		for _, b := range snap.Buckets {
			if b.Name == name && b.Known {
				// a refill rate not yet learnt cannot say when it is full: go
				return b.Rate == 0 || b.RemainingAt(now) >= b.Limit
			}
		}
	}
	return true
}

// Follow polls f every FollowEvery until ctx ends, at background priority,
// giving each timeline to yield (which returns false to stop). With news
// from the Events API on nudge, it polls on news (at the next slot the
// pace allows, never sooner) and otherwise only every QuietEvery.
func (f *Feed) Follow(ctx context.Context, nudge <-chan struct{}, yield func([]Entry, error) bool) {
	bg := pace.Background(ctx)
	last, every := time.Time{}, FollowEvery
	if nudge != nil {
		every = QuietEvery
	}
	for {
		for wait := FollowEvery - time.Since(last); !last.IsZero() && wait > 0; {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			wait = 0
			if !Room(f.src.Client, time.Now()) && time.Since(last) < QuietEvery {
				wait = RoomEvery // the bucket is in use: defer to whoever uses it
			}
		}
		if ctx.Err() != nil {
			return
		}
		last = time.Now()
		es, err := f.Poll(bg)
		if ctx.Err() != nil || !yield(es, err) {
			return
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-nudge:
			t.Stop()
		}
	}
}

// Filter selects entries: by kind (none: every kind) and by person.
type Filter struct {
	Kinds  []Kind
	Person string // a part of the name, SSH key or client id, any case
}

// Match reports whether e passes the filter.
func (fl Filter) Match(e Entry) bool {
	if len(fl.Kinds) > 0 {
		ok := false
		for _, k := range fl.Kinds {
			ok = ok || k == e.Kind
		}
		if !ok {
			return false
		}
	}
	return fl.Person == "" || strings.Contains(strings.ToLower(e.Person()), strings.ToLower(fl.Person))
}

// Apply is the entries that pass the filter.
func (fl Filter) Apply(es []Entry) []Entry {
	var out []Entry
	for _, e := range es {
		if fl.Match(e) {
			out = append(out, e)
		}
	}
	return out
}
