package cli

import (
	"bufio"
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
// stop is closed.
type sshScreen struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	in   io.Writer
	stop chan struct{}
	wire atomic.Int64 // bytes its connection received
	read atomic.Int64 // bytes of the channel's data the terminal read
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
			sc.read.Add(int64(n))
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

// Real processes: a key is an operator of staging (through
// --operator-keys) and of production (through serve.access and leads.pub).
// Its session shows staging; leads.pub is emptied and serve gets SIGHUP:
// the session goes on, and T no longer offers production. Before,
// the reload looked at staging alone and T opened production as an
// operator.
func TestServeSIGHUPRevokesAProfileNotShown(t *testing.T) {
	t.Parallel() // its own tenant and process
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
