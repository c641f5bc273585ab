package client

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// pacer is the RoundTripper inside the SDK's HTTP client. It sees every
// attempt: it waits for budget before sending, reads x-ratelimit-* from
// every answer (429s included), retries 429s after Retry-After or the reset,
// and retries reads that fail on the way. It replaces the SDK's own silent
// retries so that every wait shows in the tracker.
type pacer struct {
	base        http.RoundTripper
	tracker     *pace.Tracker
	scopes      *scopeBook
	maxAttempts int
	maxWait     time.Duration
}

func (p *pacer) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	p.scopes.sawToken(req.Header.Get("Authorization"))
	group := limits.GroupOfURL(req.Method, req.URL)
	if streaming(req) {
		return p.stream(req, group)
	}
	for attempt := 1; ; attempt++ {
		permit, err := p.tracker.Acquire(ctx, group)
		if err != nil {
			return nil, &unsentError{err} // waiting for budget, or after a 429: Auth0 has not applied it
		}
		res, err := p.base.RoundTrip(rewound(req, attempt))
		if err == nil {
			err = buffer(res) // a body cut short fails here, where a read can be retried
		}
		if err != nil {
			p.tracker.Observe(permit, nil)
			if !idempotent(req.Method) || attempt >= p.maxAttempts || ctx.Err() != nil {
				return nil, err
			}
			if err := p.tracker.Pause(ctx, backoff(attempt)); err != nil {
				return nil, err // a read: nothing to apply
			}
			continue
		}
		last := attempt >= p.maxAttempts
		if res.StatusCode != http.StatusTooManyRequests {
			p.tracker.Observe(permit, answer(res, 0))
		}
		switch {
		case res.StatusCode == http.StatusTooManyRequests:
			wait := retryWait(res, time.Now())
			p.tracker.Observe(permit, answer(res, wait)) // its bucket is held for wait: the retry waits in acquire
			if last || wait > p.maxWait {
				return res, nil // longer than we will hold the user: say so instead
			}
			p.tracker.Retried()
		case res.StatusCode >= 500 && idempotent(req.Method) && !last:
			if err := p.tracker.Pause(ctx, backoff(attempt)); err != nil {
				return nil, err
			}
		default:
			return res, nil
		}
	}
}

// rewound is req for the given attempt, with a fresh body after the first.
func rewound(req *http.Request, attempt int) *http.Request {
	if attempt == 1 || req.GetBody == nil {
		return req
	}
	r := req.Clone(req.Context())
	r.Body, _ = req.GetBody()
	return r
}

// buffer reads the whole body so that a truncated answer is an error here.
func buffer(res *http.Response) error {
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return err
	}
	res.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}

// idempotent calls may be repeated after a failure. Only reads: a change
// whose answer was lost is read back instead (see settle), because a
// repeated DELETE answers 404 for what the first one did.
func idempotent(method string) bool {
	return method == http.MethodGet || method == http.MethodHead
}

func backoff(attempt int) time.Duration { return time.Duration(250<<attempt) * time.Millisecond }

// retryWait is how long a 429 asks to wait: Retry-After, else until the
// reset, at least a moment.
func retryWait(res *http.Response, now time.Time) time.Duration {
	if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && s >= 0 {
		return max(time.Duration(s)*time.Second, 100*time.Millisecond)
	}
	if at, err := strconv.ParseInt(res.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		return max(time.Unix(at, 0).Sub(now), 100*time.Millisecond)
	}
	return time.Second
}

// answer is what pacing needs of res: a 429 holds its bucket for wait.
func answer(res *http.Response, wait time.Duration) *pace.Answer {
	a := &pace.Answer{Status: res.StatusCode, Header: res.Header, Wait: wait}
	if res.StatusCode == http.StatusTooManyRequests {
		a.Global = globalLimit(res)
	}
	return a
}

// globalLimit reports whether a 429 says the global bucket is empty (so
// every call waits), not only its endpoint group's.
func globalLimit(res *http.Response) bool {
	b, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(b))
	return bytes.Contains(b, []byte("Global limit has been reached"))
}
