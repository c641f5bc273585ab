package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// serve --check says what it found in the keys and the host key, and
// fails (exit 2) on what serve would refuse, without starting anything.
func TestServeCheck(t *testing.T) {
	dir := t.TempDir()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	sshPub, _ := gossh.NewPublicKey(pub)
	keys := filepath.Join(dir, "operators.pub")
	if err := os.WriteFile(keys, append(gossh.MarshalAuthorizedKey(sshPub)[:len(gossh.MarshalAuthorizedKey(sshPub))-1], []byte(" alice@corp\n")...), 0o600); err != nil {
		t.Fatal(err)
	}
	host := filepath.Join(dir, "host_ed25519")
	block, _ := gossh.MarshalPrivateKey(priv, "")
	if err := os.WriteFile(host, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	signer, _ := gossh.NewSignerFromKey(priv)
	out, _, err := run(t, nil, "serve", "--check", "--operator-keys", keys, "--host-key", host)
	if err != nil || !strings.Contains(out, "0 viewer key(s), 1 operator key(s); host key "+gossh.FingerprintSHA256(signer.PublicKey())) {
		t.Fatalf("--check: %v, %q", err, out)
	}
	if err := os.Chmod(host, 0o644); err != nil {
		t.Fatal(err)
	}
	var usage usageError
	if _, _, err = run(t, nil, "serve", "--check", "--operator-keys", keys, "--host-key", host); !errors.As(err, &usage) || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("--check of a readable host key: %v", err)
	}
}

// serve --check resolves every served profile's credentials as a session
// would: a secret whose variable is empty fails the check (exit 2), named,
// its value never shown; once set, the check passes.
func TestServeCheckResolvesTheSecrets(t *testing.T) {
	dir := t.TempDir()
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	sshPub, _ := gossh.NewPublicKey(pub)
	keys := filepath.Join(dir, "viewers.pub")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(sshPub), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("profiles:\n  prod:\n    domain: example.eu.auth0.com\n    client_id: abc\n    client_secret:\n      env: ORGDASH_TEST_SECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"--config", cfg, "--profile", "prod", "serve", "--check", "--authorized-keys", keys, "--host-key", filepath.Join(dir, "hk")}
	var usage usageError
	t.Setenv("ORGDASH_TEST_SECRET", "")
	if _, _, err := run(t, nil, args...); !errors.As(err, &usage) || !strings.Contains(err.Error(), "ORGDASH_TEST_SECRET is empty") {
		t.Fatalf("--check with an empty secret variable: %v", err)
	}
	t.Setenv("ORGDASH_TEST_SECRET", "s3cr3tVal9")
	if out, _, err := run(t, nil, args...); err != nil || strings.Contains(out, "s3cr3tVal9") {
		t.Fatalf("--check with the secret set: %v %q", err, out)
	}
}
