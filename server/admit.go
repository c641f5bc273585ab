package server

import (
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	"golang.org/x/time/rate"
)

// Login limits, as OpenSSH's: LoginGraceTime (a connection must log in
// within it), MaxStartups with its random early drop (connections not yet
// logged in), PerSourceMaxStartups for an address and for its network
// (PerSourceNetBlockSize /24 and /64), and a rate of new connections per
// address and per network. A refused connection gets one line before it is
// closed (SSH lets a server send lines before its version), and the
// server's log one line.

// admission counts and limits the connections not yet logged in.
type admission struct {
	mu       sync.Mutex
	pending  int
	byAddr   map[string]int // pending, per address
	byPrefix map[string]int // pending, per network
	rates    map[string]*sourceRate
	drop     func(percent int) bool // rolls the random early drop
}

type sourceRate struct {
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
	prefix := prefixOf(addr)
	if why := s.admission.enter(&s.cfg, addr, prefix); why != "" {
		return s.refuse(conn, addr, why)
	}
	g := &guardedConn{Conn: conn, writeTimeout: s.cfg.WriteTimeout}
	g.release = sync.OnceFunc(func() { s.admission.leave(addr, prefix) })
	ctx.SetValue(pendingKey{}, g)
	return g
}

// enter counts a new connection from addr in prefix as pending, or says
// why it is refused.
func (a *admission) enter(cfg *Config, addr, prefix string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.byAddr == nil {
		a.byAddr, a.byPrefix, a.rates = map[string]int{}, map[string]int{}, map[string]*sourceRate{}
	}
	now := time.Now()
	for k, r := range a.rates {
		if now.Sub(r.seen) > 10*time.Minute {
			delete(a.rates, k)
		}
	}
	roll := a.drop
	if roll == nil {
		roll = func(percent int) bool { return rand.IntN(100) < percent }
	}
	switch {
	case !a.allow("address "+addr, now, cfg.PerAddressRate, cfg.PerAddressBurst):
		return "too many new connections from your address; try again in a minute"
	case !a.allow("network "+prefix, now, cfg.PerPrefixRate, cfg.PerPrefixBurst):
		return "too many new connections from your network; try again in a minute"
	case a.byAddr[addr] >= cfg.PerAddressStartups:
		return "too many connections from your address are logging in; try again shortly"
	case a.byPrefix[prefix] >= cfg.PerPrefixStartups:
		return "too many connections from your network are logging in; try again shortly"
	case roll(cfg.MaxStartups.dropPercent(a.pending)):
		return "too many connections are logging in; try again shortly"
	}
	a.pending++
	a.byAddr[addr]++
	a.byPrefix[prefix]++
	return ""
}

// leave stops counting a connection as pending.
func (a *admission) leave(addr, prefix string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending--
	if a.byAddr[addr]--; a.byAddr[addr] <= 0 {
		delete(a.byAddr, addr)
	}
	if a.byPrefix[prefix]--; a.byPrefix[prefix] <= 0 {
		delete(a.byPrefix, prefix)
	}
}

// allow spends one of source's new-connection tokens; idle sources are
// forgotten after ten minutes.
func (a *admission) allow(source string, now time.Time, per time.Duration, burst int) bool {
	if per <= 0 {
		return true
	}
	r := a.rates[source]
	if r == nil {
		r = &sourceRate{lim: rate.NewLimiter(rate.Every(per), burst)}
		a.rates[source] = r
	}
	r.seen = now
	return r.lim.AllowN(now, 1)
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

func remoteHost(conn net.Conn) string {
	a := conn.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(a); err == nil {
		return host
	}
	return a
}

// guardedConn is a connection whose every write must finish within
// writeTimeout: a client whose TCP connection stops taking data is cut
// off. (A client that stops reading its channel but not its connection is
// cut off by the session's deadlined output.)
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
