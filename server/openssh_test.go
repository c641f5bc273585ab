package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
)

// TestRealOpenSSHClient connects with the OpenSSH client a person would
// use, through a real pseudo-terminal. CI installs openssh-client.
func TestRealOpenSSHClient(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ssh is not installed: .ci/run should have installed openssh-client")
		}
		t.Skip("no ssh client here (CI installs openssh-client)")
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, _ := gossh.NewPublicKey(pub)
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) {
		c.OperatorKeys = filepath.Join(dir, "operators")
		_ = os.WriteFile(c.OperatorKeys, gossh.MarshalAuthorizedKey(sshPub), 0o600)
	})
	host, port, _ := strings.Cut(r.addr, ":")
	cmd := exec.Command(sshBin, "-tt", "-i", keyFile, "-p", port, "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null", "oncall@"+host)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scr := &screen{emu: vt.NewEmulator(100, 30)}
	go func() { _, _ = io.Copy(scr, f) }()
	go func() { _, _ = io.Copy(f, scr.emu) }()
	tm := &term{t: t, in: f, out: scr}
	tm.wait("3 organizations", "1 of 3", "acme")
	tm.send("\r")
	tm.wait("acme › Overview")
	tm.send("\x1b") // back
	tm.wait("1 of 3")
	tm.send("q") // quit at the root
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ssh ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("ssh did not end after q; the screen shows:\n%s", scr.String())
	}
}
