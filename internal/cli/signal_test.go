package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// TestMain lets a test run this binary as orgdash itself, its arguments in
// ORGDASH_ARGS split on spaces, or one a line in ORGDASH_ARGV. Unless -parallel
// is given, the parallel tests run all at once rather than two at a time on
// two cores: most of them are processes that partly wait (for a write
// timeout, a grace period, a rate limit), and the longest of them (the
// simulator at Auth0's entity limits) should not queue behind the others.
func TestMain(m *testing.M) {
	if os.Getenv("ORGDASH_RUN_MAIN") == "1" {
		args := strings.Fields(os.Getenv("ORGDASH_ARGS"))
		if argv, ok := os.LookupEnv("ORGDASH_ARGV"); ok {
			args = strings.Split(argv, "\n")
		}
		os.Args = append([]string{"orgdash"}, args...)
		os.Exit(Main())
	}
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		_ = flag.Set("test.parallel", "16")
	}
	os.Exit(m.Run())
}

// terminal is a pty with a terminal emulator reading it.
type terminal struct {
	mu  sync.Mutex
	emu *vt.Emulator
	pty *os.File
}

func (tm *terminal) Write(p []byte) (int, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.Write(p)
}

func (tm *terminal) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

// wait waits for the screen to show want, as a person watching would.
func (tm *terminal) wait(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(patience * 20 * time.Second); !strings.Contains(tm.screen(), want); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", want, tm.screen())
		}
	}
}

func (tm *terminal) send(t *testing.T, s string) {
	if _, err := io.WriteString(tm.pty, s); err != nil {
		t.Fatal(err)
	}
}

// isMemberRemoval is a removal of members from an organization: DELETE
// /api/v2/organizations/{id}/members.
func isMemberRemoval(r *http.Request) bool {
	return r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/api/v2/organizations/") && strings.HasSuffix(r.URL.Path, "/members")
}

// dashboardOn runs orgdash as a process of its own in a 120×36 pty on tn,
// HOME and its audit log in dir, with env added; copied is closed once
// everything it wrote has reached tm (and out, when given).
func dashboardOn(t *testing.T, tn *simtest.Tenant, dir string, out io.Writer, env ...string) (cmd *exec.Cmd, tm *terminal, copied chan struct{}) {
	t.Helper()
	cmd = exec.Command(os.Args[0])
	cmd.Env = append(append(os.Environ(), "ORGDASH_RUN_MAIN=1", "AUTH0_DOMAIN="+tn.URL, "AUTH0_CLIENT_ID="+tn.ClientID(),
		"AUTH0_CLIENT_SECRET="+tn.ClientSecret(), "ORGDASH_AUDIT_LOG="+filepath.Join(dir, "audit.jsonl"), "XDG_CONFIG_HOME="+dir, "HOME="+dir,
		"TERM=xterm-256color"), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 36})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	t.Cleanup(func() { _ = cmd.Process.Kill() }) // should the test end before the process does
	tm = &terminal{emu: vt.NewEmulator(120, 36), pty: f}
	if out == nil {
		out = io.Discard
	}
	copied = make(chan struct{})
	go func() { _, _ = io.Copy(io.MultiWriter(tm, out), f); close(copied) }()
	go func() { _, _ = io.Copy(f, tm.emu) }() // the terminal's answers to the program's queries
	return cmd, tm, copied
}

// removeAllOfAcme has the dashboard on tm remove all 200 members of acme,
// as a person would, and waits until the removal is under way.
func removeAllOfAcme(t *testing.T, tm *terminal) {
	t.Helper()
	tm.wait(t, "acme")
	tm.send(t, "\r")
	tm.wait(t, "acme › Overview")
	tm.send(t, "3")
	tm.wait(t, "Members (200)")
	tm.wait(t, "1 of 200")
	tm.send(t, "A") // the list loads the rest of its pages, then marks them
	tm.wait(t, "200 marked")
	tm.send(t, "d")
	tm.wait(t, "Type acme to confirm") // a tenant from the environment is protected by default
	tm.wait(t, "enter remove")         // armed
	tm.send(t, "acme\r")
	tm.wait(t, "removing…")
}

// waitHolding waits until g holds a call on the wire.
func waitHolding(t *testing.T, g *simtest.Gate) {
	t.Helper()
	select {
	case <-g.Holding():
	case <-time.After(patience * 20 * time.Second):
		t.Fatalf("no call held at the gate after %s; %d went through", patience*20*time.Second, g.Passed())
	}
}

// A real orgdash process gets SIGTERM while it removes 200 members, 10 a
// call: three calls are answered, the fourth is on the wire (held there
// until the signal has stopped the session). It sends nothing new, records
// an outcome for every membership the tenant lost, says so on stderr and
// exits non-zero.
func TestSIGTERMMidRemovalLeavesTheTruthInTheAudit(t *testing.T) {
	t.Parallel()       // its own tenant, directory and process
	const answered = 3 // removal calls answered before the signal
	gate := &simtest.Gate{Match: isMemberRemoval, Pass: answered}
	tn := simtest.StartWith(t, sim.Options{Orgs: 2, Members: 200}, gate.Wrap)
	admin := tn.Management(t)
	acme, err := admin.Organization.ReadByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	logPath := filepath.Join(dir, "audit.jsonl")
	sock := filepath.Join(dir, "syslog.sock") // the audit's copy to syslog, as a journald would get it
	syslog, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer syslog.Close()
	var stderr syncBuffer
	cmd, tm, copied := dashboardOn(t, tn, dir, &stderr, "ORGDASH_AUDIT_SYSLOG=unixgram://"+sock)
	removeAllOfAcme(t, tm)
	waitHolding(t, gate) // a call is on the wire, unanswered
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	tm.wait(t, "SIGTERM: sending nothing new") // stopped: from now on nothing new is sent
	gate.Release()                             // the call on the wire gets its answer
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var exitErr *exec.ExitError
	select {
	case err := <-done:
		if !errors.As(err, &exitErr) || exitErr.ExitCode() == 0 {
			t.Fatalf("orgdash exited with %v after SIGTERM mid-removal; want a non-zero exit", err)
		}
	case <-time.After(patience * 30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("orgdash did not end within %s of SIGTERM:\n%s", patience*30*time.Second, tm.screen())
	}
	select { // the last words reach the terminal after the exit
	case <-copied:
	case <-time.After(5 * time.Second):
	}
	if sc := tm.screen(); strings.Contains(sc, "Members (200)") || strings.Contains(sc, "API budget") {
		t.Fatalf("the dashboard's last frame stays on the terminal after the exit:\n%s", sc)
	}
	if !strings.Contains(stderr.String(), "stopped by SIGTERM: 1 change in flight") {
		t.Fatalf("no summary on the terminal after SIGTERM:\n%s", stderr.String())
	}
	if n := gate.Passed(); n != answered+1 {
		t.Fatalf("%d removal calls reached the tenant; want %d: those before the signal and the one on the wire", n, answered+1)
	}

	// the tenant, read as an admin
	still := map[string]bool{}
	for from := ""; ; {
		l, err := admin.Organization.Members(context.Background(), acme.GetID(), management.From(from), management.Take(100))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range l.Members {
			still[m.GetUserID()] = true
		}
		if l.Next == "" || len(l.Members) == 0 {
			break
		}
		from = l.Next
	}
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := audit.Read(strings.NewReader(string(b)))
	if err != nil || len(changes) != 1 || changes[0].Outcome == nil {
		t.Fatalf("audit log: %d changes, %v:\n%s", len(changes), err, b)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") { // syslog has each line of the file
		buf := make([]byte, 64<<10)
		_ = syslog.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, err := syslog.Read(buf)
		if err != nil || !strings.HasPrefix(string(buf[:n]), "<85>1 ") || !strings.HasSuffix(string(buf[:n]), " audit - "+line) {
			t.Fatalf("syslog message %d: %v %q, want the file's line %q", i, err, buf[:n], line)
		}
	}
	out := changes[0].Outcome
	lost := 0
	for _, id := range changes[0].Intent.Targets {
		got := out.Outcome
		if got == audit.Partial {
			got = out.Results[id]
		}
		switch {
		case !still[id]:
			lost++
			if got != audit.OK && got != audit.Unverified {
				t.Errorf("%s left the organization, but the audit says %q", id, got)
			}
		case got == audit.OK:
			t.Errorf("%s is still a member, but the audit says ok", id)
		}
	}
	if lost == 0 || lost == 200 {
		t.Fatalf("%d of 200 memberships went: SIGTERM did not land mid-removal\n%s\n%s", lost, b, lastLine(stderr.String()))
	}
	if want := (answered + 1) * 10; lost != want { // nothing sent after the signal; the call on the wire applied
		t.Fatalf("%d of 200 memberships went; want %d: %d calls of 10 answered before SIGTERM and the one on the wire\n%s", lost, want, answered, b)
	}
	t.Logf("SIGTERM mid-removal: %d memberships went, each recorded; outcome %s; %s", lost, out.Outcome,
		strings.TrimSpace(lastLine(stderr.String())))
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "orgdash:"); i >= 0 {
		return s[i:]
	}
	return s
}

// SIGTERM to an idle dashboard: it ends at once, exit 0, the terminal
// back as it was (no last frame left on it), and the summary says nothing
// was in flight.
func TestSIGTERMWhenIdleRestoresTheTerminal(t *testing.T) {
	t.Parallel() // its own tenant, directory and process
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 5})
	var out syncBuffer
	cmd, tm, copied := dashboardOn(t, tn, t.TempDir(), &out)
	tm.wait(t, "acme")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("orgdash exited with %v after SIGTERM with nothing in flight; want 0", err)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("orgdash did not end within 20 s of SIGTERM:\n%s", tm.screen())
	}
	select {
	case <-copied:
	case <-time.After(5 * time.Second):
	}
	if sc := tm.screen(); strings.Contains(sc, "acme") || strings.Contains(sc, "API budget") {
		t.Fatalf("the dashboard's last frame stays on the terminal after the exit:\n%s", sc)
	}
	if !strings.Contains(out.String(), "stopped by SIGTERM: 0 changes in flight") {
		t.Fatalf("no summary after SIGTERM:\n%s", out.String())
	}
}
