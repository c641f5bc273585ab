package server

import (
	"io"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// The largest terminal a session is drawn for: a client may claim any size
// (3000×3000 cost 2 GB of screen buffers), and no screen needs more.
const (
	maxWidth  = 500
	maxHeight = 200
)

// clampSize is the session's pty size, at most maxWidth×maxHeight.
func clampSize(sess ssh.Session) (int, int) {
	pty, _, _ := sess.Pty()
	return min(max(pty.Window.Width, 0), maxWidth), min(max(pty.Window.Height, 0), maxHeight)
}

// stalledKey marks, on a session's context, a session cut off because its
// client read nothing for the write timeout.
type stalledKey struct{}

// deadlined is sess's output with a deadline on every write. A write to an
// SSH channel waits for the client's window: a client that stops reading
// (its window full, its TCP connection healthy) holds that write, and the
// renderer's lock with it, for ever; the TCP write deadline never fires.
// Past WriteTimeout the connection is closed, which fails the write, ends
// the program and frees the session's slot.
//
// The session's window changes are drained from then on: a client that
// keeps resizing while it reads nothing would otherwise fill the session's
// request queue (charm.land/ssh hands each change to a one-slot channel,
// and nobody reads it once the closed connection has ended the session's
// context), and a full queue stops golang.org/x/crypto/ssh from noticing
// the close at all, so the write would wait for ever.
func (s *Server) deadlined(sess ssh.Session) io.Writer {
	_, resizes, _ := sess.Pty()
	return &deadlineWriter{w: sess, timeout: s.cfg.WriteTimeout, cut: func() {
		sess.Context().SetValue(stalledKey{}, true)
		s.cfg.Logger.Warn("session cut off: its client read nothing", "for", s.cfg.WriteTimeout,
			"key", gossh.FingerprintSHA256(sess.PublicKey()), "remote", sess.RemoteAddr().String())
		if conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
			_ = conn.Close()
		}
		go func() {
			for range resizes { // until charm.land/ssh closes it with the connection
			}
		}()
	}}
}

// deadlineWriter calls cut when a write to w takes longer than timeout.
type deadlineWriter struct {
	w       io.Writer
	timeout time.Duration
	cut     func()
	dead    atomic.Bool
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if d.dead.Load() {
		return 0, io.ErrClosedPipe
	}
	t := time.AfterFunc(d.timeout, func() {
		if d.dead.CompareAndSwap(false, true) {
			d.cut()
		}
	})
	defer t.Stop()
	return d.w.Write(p)
}
