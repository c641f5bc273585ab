package client

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client/pace"
)

// A change whose answer is lost (the connection dropped, the body was cut
// short, a 5xx, a timeout) may or may not have happened. The client then
// reads the resource back before deciding, so a change that happened is
// never reported as failed: it succeeds with a Receipt saying so, fails
// saying it was checked, or fails as Unverified saying why it cannot tell.

// readBackTimeout bounds the read-back after a lost answer.
const readBackTimeout = 10 * time.Second

// readBackTries is how often a read-back that failed is tried again
// (within readBackTimeout).
const readBackTries = 3

// The notes a Receipt carries.
const (
	NoteConfirmed  = "applied (confirmed after a lost answer)"
	NoteNotApplied = "not applied (checked after a lost answer)"
)

// Receipt is what the caller of a change learns beyond its error. Attach
// one with WithReceipt; the client fills it in.
type Receipt struct {
	mu   sync.Mutex
	note string
}

type receiptKey struct{}

// WithReceipt attaches r to ctx for the changes made with it.
func WithReceipt(ctx context.Context, r *Receipt) context.Context {
	return context.WithValue(ctx, receiptKey{}, r)
}

// ReceiptOf is the receipt attached to ctx, or nil.
func ReceiptOf(ctx context.Context) *Receipt {
	r, _ := ctx.Value(receiptKey{}).(*Receipt)
	return r
}

// Note is what the read-back found, or "" when the answer came.
func (r *Receipt) Note() string {
	if r == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.note
}

func (r *Receipt) set(note string) {
	if r != nil {
		r.mu.Lock()
		r.note = note
		r.mu.Unlock()
	}
}

// lostAnswer reports whether err leaves open whether the change happened.
func lostAnswer(err error) bool {
	switch KindOf(err) {
	case Transport, Unavailable:
		return true
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// settle decides a change whose call ended in err: it is the one place
// every change's lost answer goes through. When the answer was lost, or
// the call was interrupted after it went out (the session stopped, the
// context was cancelled), check reads the resource back in a fresh context
// bounded by readBackTimeout and says whether the change is in place; a
// call that never went out is NotSent; one that cannot be read back is
// Undetermined.
func (c *auth0Client) settle(ctx context.Context, op string, err error, check func(context.Context) (bool, error)) error {
	if err == nil {
		return nil
	}
	if KindOf(err) == NotSent || unsent(err) && ctx.Err() != nil {
		return &Error{Kind: NotSent, Op: op, Message: "cancelled before it was sent", Err: err}
	}
	// cut off by this side: the caller's context ended (a stop's grace, a
	// shutdown, its deadline) while the call was out
	interrupted := (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && ctx.Err() != nil
	if !interrupted && !lostAnswer(err) {
		return err
	}
	rctx, cancel := readBackContext(ctx)
	defer cancel()
	applied, cerr := check(rctx)
	for try := 1; cerr != nil && try < readBackTries && rctx.Err() == nil; try++ {
		applied, cerr = check(rctx) // each read was retried already; the tenant may be briefly unwell
	}
	why := err.Error()
	var e *Error
	if errors.As(err, &e) {
		why = e.Message
	} else if interrupted {
		why = "interrupted before the answer came"
	}
	switch {
	case cerr != nil:
		msg := cerr.Error()
		if errors.As(cerr, &e) {
			msg = e.Message
		}
		return &Error{Kind: Undetermined, Op: op, Message: "the answer was lost (" + why + ") and reading it back failed (" + msg + "); the tenant may or may not have applied it", Err: err}
	case applied:
		ReceiptOf(ctx).set(NoteConfirmed)
		return nil
	}
	if interrupted {
		// cut off on its way by this side: the tenant may have the call and
		// apply it after this read, so not seeing it yet proves nothing
		return &Error{Kind: Undetermined, Op: op, Message: "not applied yet when read back, but the call was cut off on its way and may still apply", Err: err}
	}
	ReceiptOf(ctx).set(NoteNotApplied)
	if e != nil {
		cp := *e
		cp.Message = "not applied: " + e.Message
		return &cp
	}
	return err
}

// readBackContext is a context for reading a change back: ctx's values
// (receipt, audit detail) without its cancellation or its stop signal, so
// a change interrupted by a stop or a shutdown is still read back, and
// bounded in time, so the stop is not held up for long.
func readBackContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(pace.WithStop(context.WithoutCancel(ctx), nil), readBackTimeout)
}

// unsentError is an error of a call that never left: it waited for budget,
// or after a 429 (which Auth0 does not apply), when its context ended.
type unsentError struct{ err error }

func (e *unsentError) Error() string { return e.err.Error() }
func (e *unsentError) Unwrap() error { return e.err }

// unsent reports whether err says the call never left.
func unsent(err error) bool {
	var u *unsentError
	return errors.As(err, &u)
}
