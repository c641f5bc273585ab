package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
)

// stalled is a session whose client reads its channel until stop is
// closed, then never again: its connection goes on (the client's transport
// reads every packet), but the channel's window fills.
type stalled struct {
	sess  *gossh.Session
	in    io.Writer
	read  atomic.Int64 // bytes read from the channel before the stop
	wire  atomic.Int64 // bytes the connection received: they stop when the window is full
	stop  chan struct{}
	drawn chan struct{} // the first screen arrived
	// resizing sends a window change with every key, as a client being resized does
	resizing bool
}

func (r *rig) stall(t *testing.T, k keyPair) *stalled {
	t.Helper()
	raw, err := net.Dial("tcp", r.addr)
	if err != nil {
		t.Fatal(err)
	}
	st := &stalled{stop: make(chan struct{}), drawn: make(chan struct{})}
	counted := &countingConn{Conn: raw, n: &st.wire}
	cc, chans, reqs, err := gossh.NewClientConn(counted, r.addr, &gossh.ClientConfig{User: "slow", Auth: []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
	if err != nil {
		t.Fatal(err)
	}
	cl := gossh.NewClient(cc, chans, reqs)
	t.Cleanup(func() { cl.Close() })
	sess, err := cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	st.sess = sess
	st.in, _ = sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	if err := sess.RequestPty("xterm-256color", maxHeight, maxWidth, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			select {
			case <-st.stop:
				return // reads nothing more: x/crypto/ssh adjusts the window only as the channel is read
			default:
			}
			n, err := out.Read(buf)
			if st.read.Add(int64(n)) > 0 && strings.Contains(string(buf[:n]), "organizations") {
				select {
				case <-st.drawn:
				default:
					close(st.drawn)
				}
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case <-st.drawn:
	case <-time.After(20 * time.Second):
		t.Fatal("the session never drew its list")
	}
	return st
}

// longNames gives the organizations on a 500×200 screen display names of
// Auth0's longest (255 characters, each "𝔞", mathematical fraktur: four
// bytes on the wire for one cell, and the renderer's work is by the
// character), so that closing the help redraws about 200 kB of list
// instead of 9 kB and fill needs a few dozen redraws.
func (r *rig) longNames(t *testing.T) {
	t.Helper()
	admin := r.tn.Management(t)
	ctx := context.Background()
	for page := range maxHeight / 100 {
		l, err := admin.Organization.List(ctx, management.PerPage(100), management.Page(page))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range l.Organizations {
			name := strings.Repeat("𝔞", 255)
			if err := admin.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: &name}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// fill sends keys that redraw much of a 500×200 screen (the full help,
// opened and closed: about 100 kB a key after longNames), filling the
// channel's 2 MB window of a client that reads nothing, until done (at
// most a minute). It reports the redraws sent and when the connection
// last received a byte: when the server's write began to wait.
func (st *stalled) fill(t *testing.T, done func() bool) (int, time.Time) {
	t.Helper()
	last, lastAt := st.wire.Load(), time.Now()
	for keys, start := 0, time.Now(); ; keys++ {
		if done() {
			return keys, lastAt
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("still not done after %d redraws in a minute (%d bytes received)", keys, st.wire.Load())
		}
		_, _ = st.in.Write([]byte("?"))
		if st.resizing {
			_ = st.sess.WindowChange(maxHeight-keys%2, maxWidth) // each a request the server must take
		}
		st.waitDrawn(last) // the next key once this one is drawn (two in one frame draw nothing)
		if n := st.wire.Load(); n != last {
			last, lastAt = n, time.Now()
		}
	}
}

// writeWaits reports whether one of the rig's sessions is writing and its
// write waits for the client's channel window: a goroutine of this rig's
// server in deadlineWriter.Write, waiting in golang.org/x/crypto/ssh's
// window reserve (as x/crypto/ssh's own tests find a blocked writer).
func (r *rig) writeWaits() bool {
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		return false
	}
	for _, g := range strings.Split(b.String(), "\n\n") {
		if strings.Contains(g, `"rig":"`+r.label+`"`) && strings.Contains(g, "server.(*deadlineWriter).Write") &&
			strings.Contains(g, "ssh.(*window).reserve") && strings.Contains(g, "sync.(*Cond).Wait") {
			return true
		}
	}
	return false
}

// countingConn counts the bytes a connection receives.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// A client that stops reading its channel (the window full, its TCP
// connection healthy) is cut off once a write has waited WriteTimeout: its
// session ends, its slot is free for the next person, and the log says why.
// Before, the write waited for ever in x/crypto/ssh's channel window,
// holding the renderer and the slot.
func TestClientThatStopsReadingItsChannelIsCutOff(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	r := newRig(t, sim.Options{Orgs: 1000, Members: 1}, func(c *Config) { c.WriteTimeout, c.MaxSessions = 300*time.Millisecond, 1 })
	r.longNames(t)
	st := r.stall(t, r.viewer)
	close(st.stop)
	keys, blocked := st.fill(t, func() bool { return r.srv.Sessions() == 0 })
	took := time.Since(blocked)
	if took > 300*time.Millisecond+3*time.Second {
		t.Fatalf("the session ended %s after the server's write began to wait, with a write timeout of 300ms", took)
	}
	t.Logf("cut off %s after the server's last byte (write timeout 300ms; %d redraws filled the 2 MB window)", took.Round(10*time.Millisecond), keys)
	if !strings.Contains(r.log.String(), "session cut off: its client read nothing") {
		t.Fatalf("the log does not say why the session ended:\n%s", r.log.String())
	}
	// the only slot is free again once the session's handler has returned
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		next := r.connect(t, "next", r.operator, 100, 30)
		if waitFor(next, "1,000 organizations", "the server is full") == "1,000 organizations" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server is still full 5s after the stalled session was cut off")
		}
	}
}

// A client that stops reading and keeps resizing its window is cut off
// and frees its slot as one that only stops reading: its window changes,
// which nobody reads once the program has ended, do not hold the session.
func TestClientThatResizesWhileNotReadingIsCutOff(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	r := newRig(t, sim.Options{Orgs: 1000, Members: 1}, func(c *Config) { c.WriteTimeout, c.MaxSessions = 300*time.Millisecond, 1 })
	r.longNames(t)
	st := r.stall(t, r.viewer)
	st.resizing = true
	close(st.stop)
	st.fill(t, func() bool { return r.srv.Sessions() == 0 })
	for range 3 { // more window changes after the cut, as a client that has not noticed would send
		_ = st.sess.WindowChange(maxHeight, maxWidth)
	}
	// held, the slot was never freed; 15 s leaves room for a loaded machine
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		next := r.connect(t, "next", r.operator, 100, 30)
		if waitFor(next, "1,000 organizations", "the server is full") == "1,000 organizations" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server is still full 15s after the resizing, stalled session was cut off")
		}
	}
}

// Shutdown ends within its grace period even while a session's client
// reads nothing and the write timeout is far away.
func TestShutdownWithinGraceDespiteAStalledClient(t *testing.T) {
	t.Parallel() // its own server, tenant and client; Shutdown's time is its timers'
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	r := newRig(t, sim.Options{Orgs: 1000, Members: 1}, func(c *Config) { c.WriteTimeout, c.Grace = time.Hour, 2*time.Second })
	r.longNames(t)
	st := r.stall(t, r.viewer)
	close(st.stop)
	st.fill(t, r.writeWaits) // the session's write waits for the client
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- r.srv.Shutdown(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			t.Logf("Shutdown: %v", err) // what it cut short; this test is about when it returns
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Shutdown did not return 10s after it began, with a grace of 2s")
	}
	if took := time.Since(start); took > 2*time.Second+500*time.Millisecond {
		t.Fatalf("Shutdown took %s with a grace of 2s", took)
	}
	t.Logf("shut down in %s with a stalled client", time.Since(start).Round(10*time.Millisecond))
}

// waitFor waits until the screen shows one of want, and says which.
func waitFor(tm *term, want ...string) string {
	tm.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		scr := tm.out.String()
		for _, w := range want {
			if strings.Contains(scr, w) {
				return w
			}
		}
	}
	tm.t.Fatalf("the screen never showed any of %q; it shows:\n%s", want, tm.out.String())
	return ""
}

// waitDrawn waits until the connection has received more than seen bytes (the
// last key was drawn), or 200ms (the window is full: nothing comes).
func (st *stalled) waitDrawn(seen int64) {
	for deadline := time.Now().Add(200 * time.Millisecond); st.wire.Load() == seen && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}
