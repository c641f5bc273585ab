package server

import (
	"fmt"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// requirePTY explains, in one line, that the dashboard needs a terminal.
func (s *Server) requirePTY(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		_, resizes, ok := sess.Pty()
		if !ok {
			wish.Println(sess, "orgdash is a terminal dashboard: connect with a terminal (ssh -t).")
			_ = sess.Exit(1)
			return
		}
		next(sess)
		// charm.land/ssh v0.4.2 hands each window change to a one-slot
		// channel from the goroutine that answers the client's requests:
		// once the program has stopped reading it, a client that keeps
		// resizing would block that goroutine, and its session, for ever.
		// Drain it until the connection closes it.
		go func() {
			for range resizes {
			}
		}()
	}
}

// farewell tells a session ended by a shutdown why, after its screen is gone.
func (s *Server) farewell(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		next(sess)
		switch {
		case s.closing.Load():
			wish.Println(sess, "orgdash: the server is shutting down; your session has ended.")
		case sess.Context().Value(idledKey{}) == true:
			wish.Println(sess, fmt.Sprintf("orgdash: no input for %s; your session has ended.", s.cfg.IdleTimeout))
		case sess.Context().Value(revokedKey{}) != nil:
			wish.Println(sess, "orgdash: "+sess.Context().Value(revokedKey{}).(string)+"; your session has ended.")
			if conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
				_ = sess.Exit(1)
				_ = conn.Close() // the key is no longer good for anything on this connection
			}
		}
	}
}

// limit refuses sessions past MaxSessions.
func (s *Server) limit(next ssh.Handler) ssh.Handler {
	var mu sync.Mutex
	active := 0
	return func(sess ssh.Session) {
		mu.Lock()
		full := active >= s.cfg.MaxSessions
		if !full {
			active++
		}
		mu.Unlock()
		if full {
			wish.Println(sess, fmt.Sprintf("orgdash: the server is full (%d sessions); try again later.", s.cfg.MaxSessions))
			_ = sess.Exit(1)
			return
		}
		defer func() {
			mu.Lock()
			active--
			mu.Unlock()
		}()
		next(sess)
	}
}

// logSessions writes who came and went to the server's log.
func (s *Server) logSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		fp := gossh.FingerprintSHA256(sess.PublicKey())
		s.cfg.Logger.Info("session start", "login", sess.User(), "name", memberOf(sess).comment, "role", s.roleOf(sess), "key", fp, "remote", sess.RemoteAddr().String())
		next(sess)
		s.cfg.Logger.Info("session end", "login", sess.User(), "key", fp, "after", time.Since(start).Round(time.Second))
	}
}
