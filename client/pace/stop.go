package pace

import (
	"context"
	"errors"
)

// Stopping a session is gentler than cancelling its context: a stopped
// context sends no new call (a call still waiting for budget, or the next
// batch of a bulk change, ends Cancelled: never sent), while calls already
// on the wire run on to their answer, so their outcome can be recorded.

type stopKey struct{}

type stop struct{ ch <-chan struct{} }

// WithStop attaches a stop signal to ctx: once ch is closed, no new call
// made with ctx is sent.
func WithStop(ctx context.Context, ch <-chan struct{}) context.Context {
	return context.WithValue(ctx, stopKey{}, &stop{ch: ch})
}

func stopOf(ctx context.Context) *stop {
	s, _ := ctx.Value(stopKey{}).(*stop)
	return s
}

// StopChan is ctx's stop signal, or nil (which never fires).
func StopChan(ctx context.Context) <-chan struct{} {
	if s := stopOf(ctx); s != nil {
		return s.ch
	}
	return nil
}

// Stopped reports whether ctx has been stopped.
func Stopped(ctx context.Context) bool {
	select {
	case <-StopChan(ctx):
		return true
	default:
		return false
	}
}

// ErrStopped ends a call that was stopped before it was sent.
var ErrStopped = errors.New("stopped before it was sent")
