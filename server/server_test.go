package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"

	"charm.land/wish/v2/testsession"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	gossh "golang.org/x/crypto/ssh"
)

func TestUnknownKeyIsRefused(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	_, err := testsession.NewClientSession(t, r.addr, &gossh.ClientConfig{User: "mallory",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(newKey(t).signer)}})
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("a stranger's key: %v", err)
	}
	_, err = testsession.NewClientSession(t, r.addr, &gossh.ClientConfig{User: "mallory", Auth: []gossh.AuthMethod{gossh.Password("hunter2")}})
	if err == nil {
		t.Fatal("a password got in")
	}
	if !strings.Contains(r.log.String(), "refused key") {
		t.Fatalf("the refusal is not in the server log:\n%s", r.log.String())
	}
}

func TestViewerCannotChangeTheTenantEvenBySendingKeys(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 20, RemovalDelayMin: 0})
	before := r.memberCount(t)
	tm := r.connect(t, "ann", r.viewer, 120, 36)
	tm.wait("3 organizations", "1 of 3", "viewer: read-only")
	tm.wait("1 of 3") // the count comes first, then the rows: enter needs a row
	tm.send("\r")
	tm.wait("Overview")
	tm.send("3")
	tm.wait("Members (20)")
	tm.wait("1 of 20") // the count comes first, then the rows
	tm.send(" ")
	tm.wait("viewer: read-only: nothing to mark rows for")
	tm.send("d")
	tm.wait("cannot remove members: viewer: read-only")
	tm.send(".")
	tm.wait("More options")
	tm.send("\x1b")
	tm.send("DD") // delete the organization, twice over: refused too
	if got := r.memberCount(t); got != before {
		t.Fatalf("a viewer changed the tenant: %d members, were %d", got, before)
	}
	if es := r.auditEntries(t); len(es) != 0 {
		t.Fatalf("audit lines for a viewer who changed nothing: %+v", es)
	}
}

func TestOperatorCanAndIsAudited(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 20})
	tm := r.connect(t, "olu", r.operator, 120, 36)
	tm.wait("3 organizations", "1 of 3")
	tm.wait("1 of 3") // the count comes first, then the rows
	tm.send("\r")
	tm.wait("Overview")
	tm.send("3")
	tm.wait("Members (20)")
	tm.wait("1 of 20") // the count comes first, then the rows
	tm.send("d")
	tm.wait("y remove") // armed
	tm.send("y")
	// the tenant changes before its answer reaches the client, which then writes the audit line
	for deadline := time.Now().Add(10 * time.Second); r.memberCount(t) != 19 || len(r.auditEntries(t)) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d members and %d audit lines after the operator's removal", r.memberCount(t), len(r.auditEntries(t)))
		}
	}
	es := r.auditEntries(t)
	if len(es) != 1 {
		t.Fatalf("%d audit lines, want 1: %+v", len(es), es)
	}
	e := es[0]
	if e.User != "operators-1@corp" || e.Comment != "operators-1@corp" || e.Key != gossh.FingerprintSHA256(r.operator.pub) || !strings.HasPrefix(e.Remote, "127.0.0.1:") ||
		e.Action != "remove members" || e.Outcome != "ok" {
		t.Fatalf("audit line %+v", e)
	}
}

func TestSessionsRenderIndependently(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	small := r.connect(t, "a", r.viewer, 40, 10)
	plain := r.connect(t, "b", r.operator, 120, 36, "NO_COLOR", "1")
	small.wait("terminal too small: 40×10")
	plain.wait("3 organizations", "1 of 3")
	if strings.Contains(plain.raw.String(), "\x1b[38;") {
		t.Fatal("a NO_COLOR session got colours")
	}
	if !strings.Contains(small.raw.String(), "\x1b[") {
		t.Fatal("the colour session drew nothing styled")
	}
	if strings.Contains(plain.out.String(), "too small") || strings.Contains(plain.out.String(), "viewer: read-only") {
		t.Fatal("one session's size or role leaked into the other")
	}
}

func TestDisconnectCancelsInFlightCalls(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5, Faults: sim.Faults{LatencyMin: 5 * time.Second, LatencyMax: 5 * time.Second}})
	tm := r.connect(t, "a", r.viewer, 100, 30)
	tracker := r.cl.Tracker()
	for deadline := time.Now().Add(5 * time.Second); tracker.Snapshot().InFlight == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the session never called the tenant")
		}
	}
	tm.client.Close() // the connection drops
	start := time.Now()
	for tracker.Snapshot().InFlight != 0 {
		if time.Since(start) > 2*time.Second {
			t.Fatal("the session's call outlived its disconnect")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNoTerminalGetsOneLine(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	sess, err := testsession.NewClientSession(t, r.addr, &gossh.ClientConfig{User: "a", Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("")
	if !strings.Contains(string(out), "connect with a terminal (ssh -t)") || err == nil {
		t.Fatalf("without a PTY: %q, %v", out, err)
	}
}

func TestHostKeyIsGeneratedPrivate(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	st, err := os.Stat(filepath.Join(r.dir, "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v", st.Mode().Perm())
	}
	b, _ := os.ReadFile(filepath.Join(r.dir, "host_ed25519"))
	k, err := gossh.ParsePrivateKey(b)
	if err != nil {
		t.Fatalf("host key: %v", err)
	}
	if k.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("host key type %s", k.PublicKey().Type())
	}
}

func TestMaxSessionsAndShutdown(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	// nothing is in flight: Shutdown takes its grace (the notice's time on
	// screen, then the connections' moment to close), not the rig's 2s
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) { c.MaxSessions, c.Grace = 1, 500*time.Millisecond })
	first := r.connect(t, "a", r.viewer, 100, 30)
	first.wait("3 organizations", "1 of 3")
	second := r.connect(t, "b", r.operator, 100, 30)
	second.wait("the server is full (1 sessions)")
	if err := r.srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	first.wait("the server is shutting down")
	_ = first.sess.Wait()
	// the session leaves the server's count once its context has ended, just after
	for deadline := time.Now().Add(5 * time.Second); r.srv.Sessions() != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions after shutdown", r.srv.Sessions())
		}
	}
}

func TestIdleSessionEnds(t *testing.T) { // not in parallel: its first screen must come within the 300ms idle timeout
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	tm := r.connect(t, "a", r.viewer, 100, 30)
	tm.wait("3 organizations", "1 of 3")
	tm.wait("1 of 3") // the count comes first, then the rows
	tm.wait("no input for 300ms; your session has ended.")
	if err := tm.sess.Wait(); err != nil {
		t.Fatalf("the session ended with %v", err)
	}
}

// The answer to a removal arrives after the operator has left the screen
// that sent it: the session still shows it and offers the undo, and the
// server no longer counts it in flight, so shutting down need not wait.
// The tenant holds the removal until the organizations are on screen.
func TestAnswerAfterItsScreenClosedIsNotLost(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	g := &simtest.Gate{Match: func(r *http.Request) bool {
		return r.Method == http.MethodDelete && strings.HasSuffix(r.URL.Path, "/members")
	}}
	r := newRigOn(t, simtest.StartWith(t, sim.Options{Orgs: 3, Members: 20}, g.Wrap))
	tm := r.connect(t, "olu", r.operator, 120, 36)
	tm.wait("3 organizations", "1 of 3")
	tm.wait("1 of 3") // the count comes first, then the rows
	tm.send("\r")
	tm.wait("Overview")
	tm.send("3")
	tm.wait("Members (20)")
	tm.wait("1 of 20") // the count comes first, then the rows
	tm.send("d")
	tm.wait("y remove") // armed
	tm.send("y")
	select {
	case <-g.Holding():
	case <-time.After(10 * time.Second):
		t.Fatal("the removal never reached the tenant")
	}
	tm.send("\x1b") // esc: back to the organizations while the removal is out
	tm.waitGone("Members (20)")
	tm.wait("3 organizations", "1 of 3", "1 in flight")
	g.Release() // only now does its answer come
	tm.wait("removed 1 member from acme", "z undo removal of 1 member from acme")
	r.srv.mu.Lock()
	open := make([]*session, 0, len(r.srv.sessions))
	for se := range r.srv.sessions {
		open = append(open, se)
	}
	r.srv.mu.Unlock()
	if n := pending(open); n != 0 {
		t.Fatalf("%d change(s) still counted in flight after their answer", n)
	}
	if n := r.memberCount(t); n != 19 {
		t.Fatalf("%d members after the removal, want 19", n)
	}
	if es := r.auditEntries(t); len(es) != 1 || es[0].Outcome != "ok" {
		t.Fatalf("audit %+v", es)
	}
}

// A stale row in one session (a connection removed elsewhere) never takes
// the toggle away from that session or any other, new ones included.
func TestStaleRowInOneSessionLeavesEveryToggle(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	admin := r.tn.Management(t)
	acme, err := admin.Organization.ReadByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Connections []struct {
			ConnectionID string `json:"connection_id"`
			IsEnabled    bool   `json:"is_enabled"`
			Connection   struct{ Name string }
		} `json:"connections"`
	}
	if err := admin.Request(context.Background(), "GET", admin.URI("organizations", acme.GetID(), "connections"), &l,
		management.IncludeTotals(true)); err != nil {
		t.Fatal(err)
	}
	if len(l.Connections) < 2 {
		t.Fatalf("acme has %d connections; the test needs two", len(l.Connections))
	}
	a := r.connect(t, "ada", r.operator, 140, 36)
	b := r.connect(t, "bo", r.operator, 140, 36)
	for _, tm := range []*term{a, b} {
		tm.wait("3 organizations", "1 of 3")
		tm.wait("1 of 3") // the count comes first, then the rows
		tm.send("\r")
		tm.wait("acme › Overview")
		tm.send("2")
		tm.wait("Connections (" + fmt.Sprint(len(l.Connections)) + ")")
	}
	first := l.Connections[0]
	if err := admin.Request(context.Background(), "DELETE", admin.URI("organizations", acme.GetID(), "connections", first.ConnectionID), nil); err != nil {
		t.Fatal(err)
	}
	a.send("gt") // the first row, now stale
	a.wait(map[bool]string{true: "y disable", false: "y enable"}[first.IsEnabled])
	a.send("y")
	a.wait("is no longer enabled for acme (removed elsewhere); nothing was changed")
	verb := func(enabled bool) string { return map[bool]string{true: "y disable", false: "y enable"}[enabled] }
	second := l.Connections[1]
	b.wait("Connections (" + fmt.Sprint(len(l.Connections)-1) + ")") // a's change reloaded b's list: the stale row is gone
	b.send("t")                                                      // the other connection, in the other session
	b.wait(verb(second.IsEnabled))                                   // armed
	b.send("y")
	b.wait("; its settings are kept")
	if strings.Contains(b.out.String(), "no connection toggle") {
		t.Fatalf("the other session lost the toggle:\n%s", b.out.String())
	}
	c := r.connect(t, "cy", r.operator, 140, 36) // and a new session has it too
	c.wait("3 organizations", "1 of 3")
	c.send("\r")
	c.wait("acme › Overview")
	c.send("2")
	c.wait("Connections (" + fmt.Sprint(len(l.Connections)-1) + ")")
	c.send("t")
	c.wait(verb(!second.IsEnabled)) // the first row now: b toggled it
	c.send("y")
	c.wait("; its settings are kept")
}
