package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/charmbracelet/x/vt"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
)

// served is an `orgdash serve` process.
type served struct {
	cmd    *exec.Cmd
	addr   string
	mu     sync.Mutex
	lines  []string // its log so far
	exited chan error
}

// startServe runs `orgdash serve` with args (and --listen, --host-key) in
// dir, its config in dir/orgdash/config.yaml when there is one, and waits
// until it serves.
func startServe(t *testing.T, dir string, env []string, args ...string) *served {
	t.Helper()
	l, _ := net.Listen("tcp", "127.0.0.1:0") // a free port
	s := &served{addr: l.Addr().String(), exited: make(chan error, 1)}
	l.Close()
	s.cmd = exec.Command(os.Args[0])
	s.cmd.Env = append(append(os.Environ(), "ORGDASH_RUN_MAIN=1", "XDG_CONFIG_HOME="+dir, "HOME="+dir,
		"ORGDASH_AUDIT_LOG="+filepath.Join(dir, "audit.jsonl"), "ORGDASH_ARGS=serve --listen "+s.addr+" --host-key "+filepath.Join(dir, "host")+" "+strings.Join(args, " ")), env...)
	logs, _ := s.cmd.StderrPipe()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			s.mu.Lock()
			s.lines = append(s.lines, sc.Text())
			s.mu.Unlock()
		}
		s.exited <- s.cmd.Wait()
	}()
	t.Cleanup(func() { _ = s.cmd.Process.Kill() })
	s.waitLog(t, "serving")
	return s
}

// logged is how many lines of serve's log so far have want.
func (s *served) logged(want string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.lines {
		if strings.Contains(l, want) {
			n++
		}
	}
	return n
}

// waitLog waits for a line of serve's log that has want.
func (s *served) waitLog(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); s.logged(want) == 0; time.Sleep(20 * time.Millisecond) {
		select {
		case err := <-s.exited:
			t.Fatalf("serve ended (%v) before logging %q", err, want)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never logged %q", want)
		}
	}
}

// sshScreen is an SSH session with a terminal emulator, reading until
// stop is closed; wire counts the bytes its connection received.
type sshScreen struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	in   io.Writer
	stop chan struct{}
	wire atomic.Int64
}

func (sc *sshScreen) String() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.emu.String()
}

type countedConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (s *served) connect(t *testing.T, signer gossh.Signer, w, h int) *sshScreen {
	t.Helper()
	sc := &sshScreen{emu: vt.NewEmulator(w, h), stop: make(chan struct{})}
	raw, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	cc, chans, reqs, err := gossh.NewClientConn(countedConn{raw, &sc.wire}, s.addr, &gossh.ClientConfig{User: "op1@corp",
		Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
	if err != nil {
		t.Fatal(err)
	}
	cl := gossh.NewClient(cc, chans, reqs)
	t.Cleanup(func() { cl.Close() })
	sess, err := cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sc.in, _ = sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(sc.in, sc.emu) }() // the terminal's answers to the server's queries
	go func() {
		buf := make([]byte, 32<<10)
		for {
			select {
			case <-sc.stop:
				return // reads nothing more: the channel's window fills
			default:
			}
			n, err := out.Read(buf)
			sc.mu.Lock()
			_, _ = sc.emu.Write(buf[:n])
			sc.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return sc
}

// waitFor waits until the screen shows one of want, and says which.
func (sc *sshScreen) waitFor(t *testing.T, want ...string) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		scr := sc.String()
		for _, w := range want {
			if strings.Contains(scr, w) {
				return w
			}
		}
	}
	t.Fatalf("the screen never showed any of %q:\n%s", want, sc.String())
	return ""
}

func (sc *sshScreen) send(t *testing.T, s string) {
	if _, err := io.WriteString(sc.in, s); err != nil {
		t.Fatal(err)
	}
}

// fill stops reading and sends keys that redraw much of the screen (the
// full help: about 30 kB on a longNamedTenant), filling the channel's 2 MB
// window, until done (at most a minute). It returns when the connection
// last received a byte: when the server's write began to wait.
func (sc *sshScreen) fill(t *testing.T, done func() bool) time.Time {
	t.Helper()
	close(sc.stop)
	last, lastAt := sc.wire.Load(), time.Now()
	for start := time.Now(); !done(); {
		if time.Since(start) > time.Minute {
			t.Fatal("still not done after a minute of redraws")
		}
		_, _ = io.WriteString(sc.in, "?")
		sc.waitDrawn(last) // the next key once this one is drawn (two in one frame draw nothing)
		if n := sc.wire.Load(); n != last {
			last, lastAt = n, time.Now()
		}
	}
	return lastAt
}

// quietFor is a condition for fill: nothing received for d while keys
// that redraw were sent: the window is full, the server's write waits.
func (sc *sshScreen) quietFor(d time.Duration) func() bool {
	last, lastAt := sc.wire.Load(), time.Now()
	return func() bool {
		if n := sc.wire.Load(); n != last {
			last, lastAt = n, time.Now()
		}
		return time.Since(lastAt) >= d
	}
}

// Real processes: a key is an operator of staging (through
// --operator-keys) and of production (through serve.access and leads.pub).
// Its session shows staging; leads.pub is emptied and serve gets SIGHUP:
// the session goes on, and T no longer offers production. Before,
// the reload looked at staging alone and T opened production as an
// operator.
func TestServeSIGHUPRevokesAProfileNotShown(t *testing.T) {
	staging := simtest.Start(t, sim.Options{Orgs: 3, Members: 2})
	production := simtest.Start(t, sim.Options{Orgs: 7, Members: 2})
	dir := t.TempDir()
	signer, _ := gossh.NewSignerFromKey(mustKey(t))
	pub := gossh.MarshalAuthorizedKey(signer.PublicKey())
	ops, leads := filepath.Join(dir, "operators.pub"), filepath.Join(dir, "leads.pub")
	for _, f := range []string{ops, leads} {
		if err := os.WriteFile(f, pub, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "orgdash"), 0o700); err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`default_profile: staging
profiles:
  staging: {domain: %q, client_id: %q, client_secret: {env: STAGING_SECRET}, protection: open}
  production: {domain: %q, client_id: %q, client_secret: {env: PRODUCTION_SECRET}, protection: open}
serve:
  access: [{keys: %q, profiles: [production], role: operator}]
`, staging.URL, staging.ClientID(), production.URL, production.ClientID(), leads)
	if err := os.WriteFile(filepath.Join(dir, "orgdash", "config.yaml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir, []string{"STAGING_SECRET=" + staging.ClientSecret(), "PRODUCTION_SECRET=" + production.ClientSecret()}, "--operator-keys", ops)
	sc := s.connect(t, signer, 120, 36)
	sc.waitFor(t, "3 organizations")
	if err := os.WriteFile(leads, nil, 0o600); err != nil { // production is no longer this key's
		t.Fatal(err)
	}
	if err := s.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	s.waitLog(t, "reloaded keys")
	sc.waitFor(t, "your key no longer opens profile production")
	sc.send(t, "T") // the menu is what the key opens now: staging alone
	if got := sc.waitFor(t, "no other profile is open to you now", "Switch profile"); got != "no other profile is open to you now" {
		t.Fatalf("T offered profiles after SIGHUP revoked production:\n%s", sc.String())
	}
}

// A real process and a client that stops reading its SSH channel (its
// window full, its TCP connection healthy): the session is cut off soon
// after the write timeout and its slot (the only one) is free again; then
// another such client is there when SIGTERM comes, and serve ends within
// its grace period (10s). Before, the session held the slot for ever and
// SIGTERM did not end serve.
func TestServeCutsOffAClientThatStopsReading(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows rendering about 20×: filling a 2 MB window takes minutes")
	}
	// not in parallel: its renders and the simulator at Auth0's limits would slow each other
	dir := t.TempDir()
	signer, _ := gossh.NewSignerFromKey(mustKey(t))
	keys := filepath.Join(dir, "operators.pub")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	tn := longNamedTenant(t)
	env := []string{"AUTH0_DOMAIN=" + tn.URL, "AUTH0_CLIENT_ID=" + tn.ClientID(), "AUTH0_CLIENT_SECRET=" + tn.ClientSecret()}
	s := startServe(t, dir, env, "--operator-keys", keys, "--write-timeout", "2s", "--max-sessions", "1")
	first := s.connect(t, signer, 500, 200)
	first.waitFor(t, "organizations")
	blocked := first.fill(t, func() bool { return s.logged("session cut off: its client read nothing") > 0 })
	t.Logf("cut off %s after the server's last byte (write timeout 2s)", time.Since(blocked).Round(10*time.Millisecond))
	if took := time.Since(blocked); took > 6*time.Second {
		t.Fatalf("cut off %s after the server's write began to wait, with a write timeout of 2s", took)
	}
	var second *sshScreen
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		second = s.connect(t, signer, 500, 200)
		if second.waitFor(t, "organizations", "the server is full") == "organizations" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the only slot is still taken 10s after the stalled session was cut off")
		}
	}
	second.fill(t, second.quietFor(time.Second))
	term := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		t.Logf("serve ended %s after SIGTERM with a client reading nothing (%v)", time.Since(term).Round(10*time.Millisecond), err)
	case <-time.After(12 * time.Second):
		t.Fatal("serve still runs 12s after SIGTERM (grace 10s) with a client reading nothing")
	}
}

// Every admission limit is a flag and a config key: a flag given wins, the
// config's setting is taken where none is, the default elsewhere.
func TestServeLimitsFromFlagsAndConfig(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.yaml")
	body := "serve:\n  max_startups: 10\n  per_address_startups: 3\n  per_prefix_startups: 5\n  per_address_burst: 70\n  per_address_rate: 2s\n  per_prefix_burst: 90\n  per_prefix_rate: 1s\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	var f serveFlags
	cmd := &cobra.Command{}
	f.register(cmd)
	if err := cmd.Flags().Parse([]string{"--per-prefix-burst", "200", "--max-startups", "20:50:60"}); err != nil {
		t.Fatal(err)
	}
	f.fromConfig(cmd, cfg.Serve)
	want := serveFlags{maxStartups: "20:50:60", perAddressStartups: 3, perPrefixStartups: 5, perAddressBurst: 70, perAddressRate: 2 * time.Second,
		perPrefixBurst: 200, perPrefixRate: time.Second}
	got := serveFlags{maxStartups: f.maxStartups, perAddressStartups: f.perAddressStartups, perPrefixStartups: f.perPrefixStartups,
		perAddressBurst: f.perAddressBurst, perAddressRate: f.perAddressRate, perPrefixBurst: f.perPrefixBurst, perPrefixRate: f.perPrefixRate}
	if got != want {
		t.Fatalf("limits %+v, want %+v", got, want)
	}
	var none serveFlags
	cmd = &cobra.Command{}
	none.register(cmd)
	none.fromConfig(cmd, cfg.Serve)
	if none.maxStartups != "10" { // a number in YAML reads as OpenSSH's single-number form
		t.Fatalf("max_startups: 10 read as %q", none.maxStartups)
	}
}

// longNamedTenant is a tenant of 1,000 organizations whose first 200 (a
// 500×200 screen of them) have display names of Auth0's longest, 255
// characters: each redraw of the list carries about 30 kB instead of 9 kB,
// so filling a 2 MB window takes a quarter of the redraws.
func longNamedTenant(t *testing.T) *simtest.Tenant {
	t.Helper()
	tn := simtest.Start(t, sim.Options{Orgs: 1000, Members: 1})
	admin := tn.Management(t)
	ctx := context.Background()
	for page := range 2 {
		l, err := admin.Organization.List(ctx, management.PerPage(100), management.Page(page))
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range l.Organizations {
			name := strings.Repeat(string(rune('a'+i%26)), 255)
			if err := admin.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: &name}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tn
}

// waitDrawn waits until the connection has received more than seen bytes (the
// last key was drawn), or 200ms (the window is full: nothing comes).
func (sc *sshScreen) waitDrawn(seen int64) {
	for deadline := time.Now().Add(200 * time.Millisecond); sc.wire.Load() == seen && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}
