package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeMode writes body with exactly mode (the umask would take the write
// bits for others off).
func writeMode(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	p := write(t, body, 0o600)
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// A file others may write is refused whatever kind of secret it gives, a
// command first of all (they would run their own), and the command never
// runs. Before, a 0666 file had its command: run.
func TestFileOthersMayWriteGivesNoSecret(t *testing.T) {
	ran := filepath.Join(t.TempDir(), "RAN")
	for name, secret := range map[string]string{
		"command": "{command: \"touch " + ran + "; echo s\"}",
		"value":   "{value: s3cr3t}",
		"env":     "{env: PROD_SECRET}",
	} {
		for _, mode := range []os.FileMode{0o666, 0o620, 0o602} {
			p := writeMode(t, "profiles:\n  prod:\n    domain: a.auth0.com\n    client_id: x\n    client_secret: "+secret+"\n", mode)
			c, err := Load(p, true)
			if err == nil {
				_, err = c.Choose("prod", env("PROD_SECRET", "s"))
			}
			if err == nil || !strings.Contains(err.Error(), "chmod go-w "+p) || !strings.Contains(err.Error(), "others may change it") {
				t.Errorf("%s in a file of mode %04o: %v", name, mode, err)
			}
			if err != nil && (strings.Contains(err.Error(), "touch") || strings.Contains(err.Error(), "s3cr3t")) {
				t.Errorf("the refusal shows the secret or the command: %v", err)
			}
		}
	}
	if _, err := os.Stat(ran); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the command of a file others may write ran")
	}
	// serve's keys in such a file are refused too: anyone could give their own key access
	p := writeMode(t, "serve:\n  operator_keys: ops.pub\n", 0o664)
	if _, err := Load(p, true); err == nil || !strings.Contains(err.Error(), "chmod go-w "+p) {
		t.Fatalf("serve keys in a file of mode 0664: %v", err)
	}
}

// A config error never shows a secret: neither a value the YAML library
// quotes in its error, nor the text of a command that failed. Before,
// `client_secret: s3cr3tVal9` printed "cannot unmarshal !!str `s3cr3tVal9`".
func TestConfigErrorsShowNoSecret(t *testing.T) {
	p := write(t, "profiles:\n  prod:\n    domain: a.auth0.com\n    client_secret: s3cr3tVal9\n", 0o600)
	_, err := Load(p, true)
	if err == nil || strings.Contains(err.Error(), "s3cr3tVal9") || !strings.HasPrefix(err.Error(), p+":4:") {
		t.Fatalf("a secret given as a bare string: %v", err)
	}
	p = write(t, "profiles:\n  prod:\n    domain: a.auth0.com\n    client_id: x\n    client_secret: {command: \"printf hunter2-in-the-command; exit 3\"}\n", 0o600)
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Choose("prod", env())
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("a failing command: %v", err)
	}
}

// An unknown setting is named in the file's words, with the settings known
// there, not as the library's Go type.
func TestUnknownSettingSaysWhereAndWhatIsKnown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("profiles:\n  prod:\n    domain: example.eu.auth0.com\n    bogus: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, true)
	if err == nil || !strings.Contains(err.Error(), ":4: unknown setting bogus in a profile (known: ") ||
		!strings.Contains(err.Error(), "domain") || strings.Contains(err.Error(), "config.Profile") {
		t.Fatalf("got %v", err)
	}
}
