package activity

import (
	"context"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Following reads the tenant logs at a pace that leaves them to others:
// Auth0's logs bucket is 10 burst / 100 a minute on Essentials and
// Professional (the rate-limit policy's configuration page), the lowest
// figure it publishes for logs, so orgdash takes that as every plan's.
// Following takes FollowShare of its sustained rate: one call every
// FollowEvery, at background priority (client.Background: interactive
// calls go first and keep their reserve).
const (
	LogsPerMinute = 100
	FollowShare   = 0.10
)

// FollowEvery is how often following reads the logs: 6 s, one call each.
const FollowEvery = time.Duration(float64(time.Minute) / (LogsPerMinute * FollowShare))

// QuietEvery is how often following polls when the Events API tells of news.
const QuietEvery = time.Minute

// Follow polls f every FollowEvery until ctx ends, at background priority,
// giving each timeline to yield (which returns false to stop). With news
// from the Events API on nudge, it polls on news (at the next slot the
// pace allows, never sooner) and otherwise only every QuietEvery.
func (f *Feed) Follow(ctx context.Context, nudge <-chan struct{}, yield func([]Entry, error) bool) {
	bg := client.Background(ctx)
	last, every := time.Time{}, FollowEvery
	if nudge != nil {
		every = QuietEvery
	}
	for {
		if wait := FollowEvery - time.Since(last); !last.IsZero() && wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
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
