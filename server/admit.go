package server

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"golang.org/x/time/rate"
)

// Login limits, as OpenSSH's: LoginGraceTime (a connection must log in
// within it), MaxStartups (connections not yet logged in), and a rate of
// new connections per address. A refused connection gets one line before
// it is closed (SSH lets a server send lines before its version), and the
// server's log one line.

// admission counts and limits the connections not yet logged in.
type admission struct {
	pending atomic.Int64
	mu      sync.Mutex
	perAddr map[string]*addrRate
}

type addrRate struct {
	lim  *rate.Limiter
	seen time.Time
}

// pendingKey holds, on a connection's context, its guarded conn until login.
type pendingKey struct{}

// admit is the ConnCallback: it refuses a connection past the limits, and
// wraps the others so that their writes have a deadline and they count as
// pending until they log in or close.
func (s *Server) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	addr := remoteHost(conn)
	if !s.admission.allow(addr, s.cfg.PerAddressRate, s.cfg.PerAddressBurst) {
		return s.refuse(conn, addr, "too many new connections from your address; try again in a minute")
	}
	if s.admission.pending.Add(1) > int64(s.cfg.MaxStartups) {
		s.admission.pending.Add(-1)
		return s.refuse(conn, addr, "too many connections are logging in; try again shortly")
	}
	g := &guardedConn{Conn: conn, writeTimeout: s.cfg.WriteTimeout}
	g.release = sync.OnceFunc(func() { s.admission.pending.Add(-1) })
	ctx.SetValue(pendingKey{}, g)
	return g
}

// loggedIn stops counting ctx's connection as pending.
func loggedIn(ctx ssh.Context) {
	if g, ok := ctx.Value(pendingKey{}).(*guardedConn); ok {
		g.release()
	}
}

func (s *Server) refuse(conn net.Conn, addr, why string) net.Conn {
	s.cfg.Logger.Warn("refused connection", "remote", addr, "why", why)
	_ = conn.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = conn.Write([]byte("orgdash: " + why + "\r\n"))
	_ = conn.Close()
	return nil
}

// allow spends one of addr's new-connection tokens; idle addresses are
// forgotten after ten minutes.
func (a *admission) allow(addr string, per time.Duration, burst int) bool {
	if per <= 0 {
		return true
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now()
	if a.perAddr == nil {
		a.perAddr = map[string]*addrRate{}
	}
	for k, r := range a.perAddr {
		if now.Sub(r.seen) > 10*time.Minute {
			delete(a.perAddr, k)
		}
	}
	r := a.perAddr[addr]
	if r == nil {
		r = &addrRate{lim: rate.NewLimiter(rate.Every(per), burst)}
		a.perAddr[addr] = r
	}
	r.seen = now
	return r.lim.AllowN(now, 1)
}

func remoteHost(conn net.Conn) string {
	a := conn.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(a); err == nil {
		return host
	}
	return a
}

// guardedConn is a connection whose every write must finish within
// writeTimeout: a client that stops reading is cut off, and its session
// and resources freed, instead of holding the server's writes for ever.
type guardedConn struct {
	net.Conn
	writeTimeout time.Duration
	release      func()
}

func (g *guardedConn) Write(p []byte) (int, error) {
	if g.writeTimeout > 0 {
		_ = g.Conn.SetWriteDeadline(time.Now().Add(g.writeTimeout))
	}
	return g.Conn.Write(p)
}

func (g *guardedConn) Close() error {
	g.release()
	return g.Conn.Close()
}
