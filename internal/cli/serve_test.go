package cli

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// `orgdash serve` rereads its keys on SIGHUP: the session of a key taken
// out ends with a message, the process goes on serving.
func TestServeRereadsKeysOnSIGHUP(t *testing.T) {
	t.Parallel() // its own tenant and process
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	keys := filepath.Join(dir, "operators.pub")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0") // a free port
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ORGDASH_RUN_MAIN=1", "XDG_CONFIG_HOME="+dir, "HOME="+dir, "ORGDASH_AUDIT_LOG="+filepath.Join(dir, "audit.jsonl"),
		"ORGDASH_ARGS=serve --listen "+addr+" --host-key "+filepath.Join(dir, "host")+" --operator-keys "+keys)
	logs, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	logged := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			select { // never block serve's logging: a line nobody waits for is dropped
			case logged <- sc.Text():
			default:
			}
		}
		close(logged)
	}()
	waitLog := func(want string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case line, ok := <-logged:
				if !ok {
					t.Fatalf("serve ended before logging %q", want)
				}
				if strings.Contains(line, want) {
					return
				}
			case <-deadline:
				t.Fatalf("serve never logged %q", want)
			}
		}
	}
	waitLog(`tenant="demo (simulated)"`) // the start names what it serves: "serving … profile=demo tenant=…"
	cl, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "ada", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	sess, _ := cl.NewSession()
	out, _ := sess.StdoutPipe()
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	var screen syncBuffer
	seen := make(chan string, 1)
	go func() { _, _ = io.Copy(&screen, out); seen <- screen.String() }()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(screen.String(), "organizations"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the session never drew its list")
		}
	}
	other, _ := gossh.NewSignerFromKey(mustKey(t))
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(other.PublicKey()), 0o600); err != nil { // ada's key is out
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog("reloaded keys")
	select {
	case got := <-seen:
		if !strings.Contains(got, "your key was removed from the server's keys; your session has ended.") {
			t.Fatalf("the session ended without saying why: %q", got[max(0, len(got)-300):])
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the removed key's session went on after SIGHUP")
	}
	if cmd.ProcessState != nil {
		t.Fatal("serve ended on SIGHUP")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err != nil {
		t.Fatalf("serve stopped listening after SIGHUP: %v", err)
	} else {
		c.Close()
	}
}

func mustKey(t *testing.T) ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
