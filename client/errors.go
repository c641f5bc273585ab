package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client/pace"
	"golang.org/x/oauth2"
)

// Kind is what went wrong, in terms a user can act on.
type Kind int

// The kinds of failure.
const (
	Unknown      Kind = iota
	NotFound          // the organization, connection, ... does not exist (any more)
	Forbidden         // the token lacks a scope; Error.Scopes names it
	RateLimited       // the budget is spent; Error.Reset says until when
	Unauthorized      // bad, expired or refused credentials
	Invalid           // Auth0 refused the request; Error.Message is its reason
	Conflict          // it already exists
	Unavailable       // Auth0 answered 5xx
	Transport         // no answer: network, TLS, dropped connection
	Unsupported       // this tenant cannot do that
	Locked            // this session or profile is read-only
	Undetermined      // the answer was lost and reading back could not tell whether it happened
	NotSent           // never sent: the session stopped first
)

func (k Kind) String() string {
	return [...]string{"error", "not found", "forbidden", "rate limited", "unauthorized", "invalid request",
		"conflict", "unavailable", "connection failed", "unsupported", "read-only", "unverified", "cancelled"}[k]
}

// Error is a failure of one client call.
type Error struct {
	Kind    Kind
	Op      string   // what was being done: "list members"
	Status  int      // HTTP status, 0 when there was no answer
	Message string   // Auth0's message verbatim, or ours
	Scopes  []string // for Forbidden: the scopes that would do
	Token   bool     // for Unauthorized: the credentials were an API token, not client credentials
	Reset   time.Time
	Err     error
}

func (e *Error) Error() string { return e.Op + ": " + e.Message }
func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error of the same Kind, so errors.Is(err, ErrNotFound) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.Kind == e.Kind
}

// Sentinels for errors.Is.
var (
	ErrNotFound     = &Error{Kind: NotFound}
	ErrForbidden    = &Error{Kind: Forbidden}
	ErrRateLimited  = &Error{Kind: RateLimited}
	ErrUnauthorized = &Error{Kind: Unauthorized}
	ErrInvalid      = &Error{Kind: Invalid}
	ErrConflict     = &Error{Kind: Conflict}
	ErrUnavailable  = &Error{Kind: Unavailable}
	ErrTransport    = &Error{Kind: Transport}
	ErrUnsupported  = &Error{Kind: Unsupported}
	ErrLocked       = &Error{Kind: Locked}
)

// KindOf is err's Kind, or Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// classify turns an SDK error into an *Error, passing context errors
// through. It never lets a secret into the message.
func (c *auth0Client) classify(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pace.ErrStopped) {
		return cancelled(op)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var me management.Error
	if errors.As(err, &me) {
		msg := me.Error()
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			msg = rest // "403 Forbidden: Insufficient scope, ..." -> Auth0's message
		}
		e := &Error{Op: op, Status: me.Status(), Message: msg, Err: err}
		switch s := me.Status(); {
		case s == http.StatusUnauthorized:
			e.Kind, e.Token = Unauthorized, c.cfg.APIToken != ""
		case s == http.StatusForbidden:
			e.Kind = Forbidden
			if _, list, ok := strings.Cut(msg, "expected any of: "); ok {
				e.Scopes = strings.Split(strings.TrimSpace(list), ",")
				c.scopes.deny(e.Scopes)
			}
		case s == http.StatusNotFound:
			e.Kind = NotFound
		case s == http.StatusConflict:
			e.Kind = Conflict
		case s == http.StatusTooManyRequests:
			e.Kind, e.Reset = RateLimited, c.tracker.Snapshot().Reset
		case s >= 500:
			e.Kind = Unavailable
		case s >= 400:
			e.Kind = Invalid
		}
		return e
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		why := re.ErrorDescription
		if why == "" {
			why = http.StatusText(re.Response.StatusCode)
		}
		return &Error{Kind: Unauthorized, Op: op, Status: re.Response.StatusCode, Err: err,
			Message: fmt.Sprintf("the tenant refused the client credentials (%s: %s)", re.ErrorCode, why)}
	}
	return &Error{Kind: Transport, Op: op, Message: c.redact(transportMessage(err)), Err: err}
}

// transportMessage drops the SDK's wrapping and keeps what happened.
func transportMessage(err error) string {
	msg := err.Error()
	for _, p := range []string{"failed to send the request: ", "failed to read the response body: "} {
		if _, rest, ok := strings.Cut(msg, p); ok {
			msg = rest
		}
	}
	return msg
}

// redact removes the configured secrets from a message.
func (c *auth0Client) redact(msg string) string {
	for _, s := range []string{c.cfg.ClientSecret, c.cfg.APIToken} {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	return msg
}

// cancelled is the error of a change stopped before it was sent.
func cancelled(op string) error {
	return &Error{Kind: NotSent, Op: op, Message: "cancelled before it was sent", Err: pace.ErrStopped}
}
