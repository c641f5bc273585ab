package server

import (
	"bufio"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
)

// loiter opens a connection that sends its version and then nothing, as
// a scanner or an attacker holding slots does.
func loiter(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Write([]byte("SSH-2.0-loiterer\r\n")); err != nil {
		t.Fatal(err)
	}
	return c
}

// firstLine is what the server says first: its version, or why it refuses.
func firstLine(t *testing.T, c net.Conn) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, _ := bufio.NewReader(c).ReadString('\n')
	return strings.TrimSpace(line)
}

// closedWithin reports whether the server closes c within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	buf := make([]byte, 4096)
	for {
		if _, err := c.Read(buf); err != nil {
			var ne net.Error
			if ok := asNetErr(err, &ne); ok && ne.Timeout() {
				return false
			}
			return true
		}
	}
}

func asNetErr(err error, ne *net.Error) bool {
	e, ok := err.(net.Error)
	if ok {
		*ne = e
	}
	return ok
}

// A connection that does not log in within the grace time is closed; past
// MaxStartups waiting ones, another is refused with a line; and an address
// opening connections too fast is refused too. Every refusal is logged.
func TestLoginLimits(t *testing.T) { // not in parallel: it times the grace on the wall clock
	r := newRig(t, sim.Options{Orgs: 1, Members: 1}, func(c *Config) {
		c.LoginGrace, c.MaxStartups, c.PerAddressBurst, c.PerAddressRate = 500*time.Millisecond, Startups{Start: 3, Rate: 100, Full: 3}, 5, time.Hour
	})
	start := time.Now()
	var held []net.Conn
	for range 3 {
		held = append(held, loiter(t, r.addr))
	}
	for _, c := range held {
		if v := firstLine(t, c); !strings.HasPrefix(v, "SSH-2.0-") {
			t.Fatalf("a pending connection got %q", v)
		}
	}
	extra := loiter(t, r.addr)
	if line := firstLine(t, extra); line != "orgdash: too many connections are logging in; try again shortly" {
		t.Fatalf("past MaxStartups: %q", line)
	}
	for _, c := range held {
		if !closedWithin(c, 3*time.Second) {
			t.Fatal("a connection that never logged in was still open after the grace time")
		}
	}
	took := time.Since(start)
	if took > 2*time.Second {
		t.Errorf("closing the loiterers took %s with a grace time of 500ms", took)
	}
	// slots are free again: a person logs in (the fifth connection from this address)
	tm := r.connect(t, "ada", r.operator, 100, 30)
	tm.wait("1 organization")
	// the sixth in the hour from this address is refused
	if line := firstLine(t, loiter(t, r.addr)); line != "orgdash: too many new connections from your address; try again in a minute" {
		t.Fatalf("past the per-address rate: %q", line)
	}
	logs := r.log.String()
	if strings.Count(logs, "refused connection") != 2 {
		t.Fatalf("the refusals are not both logged:\n%s", logs)
	}
	t.Logf("3 loiterers closed %s after they connected (grace 500ms)", took.Round(10*time.Millisecond))
}

// smallListener gives the server connections with a small send buffer,
// so a client that stops reading stalls the server's writes soon.
type smallListener struct{ net.Listener }

func (l smallListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

// gate stops passing reads on when closed: a client that stops reading.
type gate struct {
	net.Conn
	stopped chan struct{}
}

func (g *gate) Read(p []byte) (int, error) {
	select {
	case <-g.stopped:
		<-make(chan struct{}) // reads nothing, ever
	default:
	}
	return g.Conn.Read(p)
}

// A client that stops reading (but still sends: here, keys that make the
// dashboard redraw) is cut off after the write timeout: its
// session ends and the server lets go of its connection.
func TestStalledClientIsCutOff(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) { c.WriteTimeout = 300 * time.Millisecond })
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = r.srv.Serve(smallListener{tl}) }()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error { // a small receive window from the first packet
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
	}}
	raw, err := d.Dial("tcp", tl.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{Conn: raw, stopped: make(chan struct{})}
	cc, chans, reqs, err := gossh.NewClientConn(g, tl.Addr().String(), &gossh.ClientConfig{User: "slow",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
	if err != nil {
		t.Fatalf("%v; server log:\n%s", err, r.log.String())
	}
	cl := gossh.NewClient(cc, chans, reqs)
	defer cl.Close()
	sess, err := cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	if err := sess.RequestPty("xterm-256color", 60, 200, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); r.srv.Sessions() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the session never started")
		}
	}
	close(g.stopped) // the client stops reading
	stopped := time.Now()
	for i := 0; r.srv.Sessions() != 0; i++ {
		if time.Since(stopped) > 5*time.Second {
			t.Fatal("a client that reads nothing still holds its session after 5s (write timeout 300ms)")
		}
		// "?" opens and closes the full help: each press redraws the whole screen. (Not window
		// resizes: charm.land/ssh v0.4.2 updates a session's pty without a lock, which the race
		// detector reports against its own earlier read.)
		_, _ = stdin.Write([]byte("?"))
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the stalled session ended %s after its client stopped reading", time.Since(stopped).Round(10*time.Millisecond))
}
