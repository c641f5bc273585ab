package sim

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// limiter checks each request against the plan's buckets: the global one,
// then its endpoint group's (or the plan's bucket for all other
// endpoints). The headers describe the group's bucket where the request
// has one, else the global bucket: Auth0 documents neither choice, and
// a client must cope with both.
type limiter struct {
	global, others *bucket
	groups         map[limits.Group]*bucket
	outside        bool // listed groups are outside the global bucket
	retryAfter     bool // send Retry-After on a 429 (Auth0 documents none)
	log            *apiLog
}

// newLimiter builds the buckets of opts: the plan's, or one global bucket
// of Rate and Burst, or none.
func newLimiter(opts Options, log *apiLog) (*limiter, error) {
	l := &limiter{outside: opts.GroupsOutsideGlobal, retryAfter: opts.RetryAfter, log: log, groups: map[limits.Group]*bucket{}}
	switch {
	case opts.Rate > 0:
		l.global = newBucket("global", limits.Limit{PerSecond: opts.Rate, Burst: max(opts.Burst, 1)})
	case opts.Plan != "":
		p, ok := limits.Plans[opts.Plan]
		if !ok {
			return nil, fmt.Errorf("unknown plan %q (known: %v)", opts.Plan, limits.PlanNames())
		}
		if p.Global != nil {
			l.global = newBucket("global", *p.Global)
		}
		if p.Others != nil {
			l.others = newBucket(string(limits.OtherEndpoints), *p.Others)
		}
		for g, lim := range p.Groups {
			l.groups[g] = newBucket(string(g), lim)
		}
	default:
		return nil, nil
	}
	return l, nil
}

// allow spends the request's tokens, writes the headers, and answers the
// 429 itself when a bucket is empty. It reports whether the request may go on.
func (l *limiter) allow(w http.ResponseWriter, g limits.Group, now time.Time) bool {
	group := l.groups[g]
	if group == nil {
		group = l.others
	}
	var shown *take
	if l.global != nil && (group == nil || !l.outside || l.groups[g] == nil) {
		t := l.global.take(now)
		shown = &t
		if !t.ok {
			l.refuse(w, t, "Global limit has been reached")
			return false
		}
	}
	if group != nil {
		t := group.take(now)
		shown = &t
		if !t.ok {
			l.refuse(w, t, fmt.Sprintf("Global per %s %s group limit has been reached", unit(group), group.name))
			return false
		}
	}
	if shown != nil {
		l.headers(w, *shown)
	}
	return true
}

func unit(b *bucket) string {
	if b.perMinute {
		return "minute"
	}
	return "second"
}

func (l *limiter) headers(w http.ResponseWriter, t take) {
	h := w.Header() // lower case on the wire, as Auth0 sends them
	h["x-ratelimit-limit"] = []string{strconv.Itoa(t.limit)}
	h["x-ratelimit-remaining"] = []string{strconv.Itoa(t.remaining)}
	h["x-ratelimit-reset"] = []string{strconv.FormatInt(t.reset.Unix(), 10)}
	if t.warn {
		l.log.add("api_limit_warning", t.bucket, fmt.Sprintf("%s: 80%% of the bucket used", t.bucket))
	}
}

func (l *limiter) refuse(w http.ResponseWriter, t take, message string) {
	l.headers(w, t)
	if l.retryAfter {
		w.Header()["retry-after"] = []string{strconv.Itoa(max(1, int((t.wait+time.Second-1)/time.Second)))}
	}
	l.log.add("api_limit", t.bucket, message)
	writeError(w, &apiError{Status: http.StatusTooManyRequests, Message: message, Code: "too_many_requests"})
}
