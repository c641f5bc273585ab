package server

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
)

// A key with no comment logs in as `ssh -l op1@corp`: the audit names the
// person by the key's fingerprint, never by the login name the client
// chose (anyone can type any name). Before, the line said op1@corp.
func TestPersonIsTheKeyNotTheLoginName(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	bare := newKey(t)
	r := newRig(t, sim.Options{Orgs: 3, Members: 20}, func(c *Config) {
		c.OperatorKeys = filepath.Join(t.TempDir(), "operators.pub")
		if err := os.WriteFile(c.OperatorKeys, gossh.MarshalAuthorizedKey(bare.pub), 0o600); err != nil { // no comment
			t.Fatal(err)
		}
	})
	tm := r.connect(t, "op1@corp", bare, 120, 36)
	tm.wait("1 of 3")
	tm.send("\r")
	tm.wait("Overview")
	tm.send("3")
	tm.wait("1 of 20")
	tm.send("d")
	tm.wait("y remove")
	tm.send("y")
	for deadline := time.Now().Add(10 * time.Second); len(r.auditEntries(t)) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no audit line for the removal")
		}
	}
	e := r.auditEntries(t)[0]
	fp := gossh.FingerprintSHA256(bare.pub)
	if e.User != fp || e.Key != fp || e.Comment != "" {
		t.Fatalf("a comment-less key typed as op1@corp is audited as user %q, comment %q, key %q; want its fingerprint %s", e.User, e.Comment, e.Key, fp)
	}
}
