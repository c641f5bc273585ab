package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/vt"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	gossh "golang.org/x/crypto/ssh"
)

type keyPair struct {
	signer gossh.Signer
	pub    gossh.PublicKey
}

func newKey(t testing.TB) keyPair {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{signer: s, pub: s.PublicKey()}
}

func writeKeys(t testing.TB, dir, name string, keys ...keyPair) string {
	var b bytes.Buffer
	b.WriteString("# " + name + "\n")
	for i, k := range keys { // each with a comment naming its holder: "operators-1@corp"
		b.Write(bytes.TrimSpace(gossh.MarshalAuthorizedKey(k.pub)))
		fmt.Fprintf(&b, " %s-%d@corp\n", name, i+1)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// rig is a server over a simulated tenant with one viewer and one operator.
type rig struct {
	srv      *Server
	tn       *simtest.Tenant
	cl       client.Client
	addr     string
	viewer   keyPair
	operator keyPair
	audit    *lockedBuffer
	log      *lockedBuffer
	dir      string
	label    string // on every goroutine of its server
}

func newRig(t testing.TB, opts sim.Options, edit ...func(*Config)) *rig {
	t.Helper()
	return newRigOn(t, simtest.Start(t, opts), edit...)
}

// newRigOn is newRig over a tenant the test has started itself.
func newRigOn(t testing.TB, tn *simtest.Tenant, edit ...func(*Config)) *rig {
	t.Helper()
	r := &rig{tn: tn, viewer: newKey(t), operator: newKey(t), audit: &lockedBuffer{}, log: &lockedBuffer{}, dir: t.TempDir()}
	cl, err := client.New(client.Config{Domain: r.tn.URL, ClientID: r.tn.ClientID(), ClientSecret: r.tn.ClientSecret(), Demo: true,
		VerifyInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	r.cl = cl
	cfg := Config{Listen: "127.0.0.1:0", HostKeyPath: filepath.Join(r.dir, "host_ed25519"),
		AuthorizedKeys: writeKeys(t, r.dir, "viewers", r.viewer), OperatorKeys: writeKeys(t, r.dir, "operators", r.operator),
		Client: cl, Audit: audit.To(r.audit), Logger: log.New(r.log), Grace: 2 * time.Second}
	for _, e := range edit {
		e(&cfg)
	}
	r.srv, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// testsession.Listen fails a test whose server closes before its accept
	// loop notices; this serves the same way without that race
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// the server's goroutines (connections, sessions, renderers) carry the
	// rig's label, so that a test can find its own among other tests'
	r.label = fmt.Sprintf("%p", r)
	go pprof.Do(context.Background(), pprof.Labels("rig", r.label), func(context.Context) { _ = r.srv.Serve(l) })
	t.Cleanup(func() { _ = r.srv.ssh.Close() })
	r.addr = l.Addr().String()
	return r
}

// screen is a terminal emulator: it reads what the server draws and keeps
// the screen a person would see, and answers the server's queries.
type screen struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// term is a client connection with a terminal.
type term struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	in     io.Writer
	out    *screen
	raw    *lockedBuffer // every byte, for checks on escape sequences
}

func (r *rig) connect(t testing.TB, user string, k keyPair, w, h int, env ...string) *term {
	t.Helper()
	cl, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
	if err != nil {
		t.Fatal(err)
	}
	sess, err := cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close(); cl.Close() })
	for i := 0; i+1 < len(env); i += 2 {
		if err := sess.Setenv(env[i], env[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	tm := &term{t: t, client: cl, sess: sess, in: in, out: &screen{emu: vt.NewEmulator(w, h)}, raw: &lockedBuffer{}}
	go func() { _, _ = io.Copy(in, tm.out.emu) }() // the terminal's answers to the server's queries
	sess.Stdout = io.MultiWriter(tm.out, tm.raw)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return tm
}

// wait waits until the screen shows every string in want.
func (tm *term) wait(want ...string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := tm.out.String()
		missing := ""
		for _, w := range want {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", missing, scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitGone waits until the screen no longer shows gone.
func (tm *term) waitGone(gone string) {
	tm.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); strings.Contains(tm.out.String(), gone); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen still shows %q:\n%s", gone, tm.out.String())
		}
	}
}

func (tm *term) send(s string) {
	if _, err := io.WriteString(tm.in, s); err != nil {
		tm.t.Fatal(err)
	}
}

// auditEntries are the audit log's changes that have ended, each as its
// outcome line says.
func (r *rig) auditEntries(t *testing.T) []audit.Entry {
	changes, err := audit.Read(strings.NewReader(r.audit.String()))
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Entry
	for _, c := range changes {
		if c.Outcome != nil {
			out = append(out, *c.Outcome)
		}
	}
	return out
}

func (r *rig) memberCount(t *testing.T) int {
	o, err := r.cl.OrganizationByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	n, err := r.cl.CountMembers(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
