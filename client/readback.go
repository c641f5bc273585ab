package client

import (
	"context"
	"errors"
	"sync"
	"time"
)

// A change whose answer is lost (the connection dropped, the body was cut
// short, a 5xx, a timeout) may or may not have happened. The client then
// reads the resource back before deciding, so a change that happened is
// never reported as failed: it succeeds with a Receipt saying so, fails
// saying it was checked, or fails as Unverified saying why it cannot tell.

// readBackTimeout bounds the read-back after a lost answer.
const readBackTimeout = 10 * time.Second

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

// settle decides a change whose call ended in err. When the answer was
// lost, check reads the resource back and says whether the change is in
// place; an interrupted call (its context ended) is unverified.
func (c *auth0Client) settle(ctx context.Context, op string, err error, check func(context.Context) (bool, error)) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		if stopped, sent := sentBefore(ctx); stopped && !sent {
			return &Error{Kind: NotSent, Op: op, Message: "cancelled before it was sent", Err: err}
		}
		return &Error{Kind: Undetermined, Op: op, Message: "interrupted before the answer came; the tenant may or may not have applied it", Err: err}
	}
	if !lostAnswer(err) {
		return err
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readBackTimeout)
	defer cancel()
	applied, cerr := check(rctx)
	why := err.Error()
	var e *Error
	if errors.As(err, &e) {
		why = e.Message
	}
	switch {
	case cerr != nil:
		msg := cerr.Error()
		if errors.As(cerr, &e) {
			msg = e.Message
		}
		return &Error{Kind: Undetermined, Op: op, Message: "the answer was lost (" + why + ") and reading it back failed (" + msg + ")", Err: err}
	case applied:
		ReceiptOf(ctx).set(NoteConfirmed)
		return nil
	}
	ReceiptOf(ctx).set(NoteNotApplied)
	if e != nil {
		cp := *e
		cp.Message = "not applied: " + e.Message
		return &cp
	}
	return err
}

// sentBefore reports whether ctx was stopped (see WithStop), and if so
// whether the call had gone out before it was.
func sentBefore(ctx context.Context) (stopped, sent bool) {
	s := stopOf(ctx)
	if s == nil {
		return false, true
	}
	select {
	case <-s.ch:
		return true, false
	default:
		return false, true
	}
}
