package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	gossh "golang.org/x/crypto/ssh"
)

// A host key others may read is refused, saying how to fix it.
func TestHostKeyReadableByOthersIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "host_ed25519")
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(Config{Listen: "127.0.0.1:0", HostKeyPath: path, OperatorKeys: writeKeys(t, dir, "operators", newKey(t)), Client: clienttest.New(1, 1)})
	if err == nil || !strings.Contains(err.Error(), "mode 0644") || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("a host key of mode 0644: %v", err)
	}
}

// A key in both files has no single role: an error naming both lines.
func TestKeyInBothFilesIsAnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	k := newKey(t)
	viewers, operators := writeKeys(t, dir, "viewers", newKey(t), k), writeKeys(t, dir, "operators", k)
	_, err := New(Config{Listen: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host"), AuthorizedKeys: viewers, OperatorKeys: operators,
		Client: clienttest.New(1, 1)})
	if err == nil || !strings.Contains(err.Error(), operators+":2") || !strings.Contains(err.Error(), viewers+":3") {
		t.Fatalf("a key in both files: %v", err)
	}
}

// The start log has the host key's fingerprint, for people to compare
// with what ssh shows them on their first connection.
func TestStartLogNamesTheHostKey(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1, Members: 1})
	logged := &lockedBuffer{}
	srv, err := New(Config{Listen: "127.0.0.1:0", HostKeyPath: r.srv.cfg.HostKeyPath, OperatorKeys: r.srv.cfg.OperatorKeys,
		Client: r.cl, Logger: log.New(logged)})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }()
	t.Cleanup(func() { _ = srv.ssh.Close() })
	fp, err := hostKeyFingerprint(r.srv.cfg.HostKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logged.String(), "host_key="+fp); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the start log lacks the host key's fingerprint %s:\n%s", fp, logged.String())
		}
	}
	if _, err := os.Stat(r.srv.cfg.HostKeyPath); errors.Is(err, os.ErrNotExist) {
		t.Fatal("no host key")
	}
}

// Reload rereads the keys: sessions go on, one whose key went ends with a
// message, and the removed key gets in no more.
func TestReloadEndsOnlyTheSessionsOfRemovedKeys(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	viewer := r.connect(t, "vi", r.viewer, 100, 30)
	operator := r.connect(t, "op", r.operator, 100, 30)
	viewer.wait("3 organizations", "1 of 3")
	operator.wait("3 organizations", "1 of 3")
	writeKeys(t, r.dir, "viewers", newKey(t)) // someone else's key now; the viewer's is gone
	if err := r.srv.Reload(nil); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(viewer.raw.String(), "your key was removed from the server's keys; your session has ended."); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the removed key's session did not end with a message:\n%s", viewer.raw.String())
		}
	}
	for deadline := time.Now().Add(5 * time.Second); r.srv.Sessions() != 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions after the reload, want the operator's alone", r.srv.Sessions())
		}
	}
	operator.send("j")
	operator.wait("2 of 3") // still working
	if _, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "vi", Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()}); err == nil { //nolint:gosec // a test server's key
		t.Fatal("the removed key still gets in")
	}
	if !strings.Contains(r.log.String(), "reloaded keys") {
		t.Fatalf("no log line for the reload:\n%s", r.log.String())
	}
}

// Keys get roles per profile: one server serves production to some people
// and staging to others; a session opens on a profile its key allows,
// switches among those alone (T), with the role it has on each.
func TestKeysOpenTheProfilesTheyAreGiven(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	staging := simtest.Start(t, sim.Options{Orgs: 7, Members: 2})
	lead := newKey(t)
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) {
		c.Profile = "production"
		c.Access = []Access{
			{Keys: writeKeys(t, t.TempDir(), "leads", lead), Profiles: []string{"staging"}, Role: Operator},
			{Keys: writeKeys(t, t.TempDir(), "leads-prod", lead), Profiles: []string{"production"}, Role: Viewer},
		}
		c.Open = func(profile string) (Tenant, error) {
			if profile != "staging" {
				return Tenant{}, fmt.Errorf("no profile %s", profile)
			}
			cl, err := client.New(client.Config{Domain: staging.URL, ClientID: staging.ClientID(), ClientSecret: staging.ClientSecret(), Demo: true})
			return Tenant{Client: cl}, err
		}
	})
	tm := r.connect(t, "lee", lead, 120, 36)
	tm.wait("3 organizations", "1 of 3", "profile production", "viewer: read-only") // production first: the default, as a viewer
	tm.send("T")
	tm.wait("Switch profile", "staging")
	tm.send("j\r")
	tm.wait("7 organizations", "1 of 7", "profile staging") // the staging tenant, as an operator
	if strings.Contains(tm.out.String(), "viewer: read-only") {
		t.Fatalf("an operator of staging is shown read-only:\n%s", tm.out.String())
	}
	viewer := r.connect(t, "vi", r.viewer, 120, 36) // a production viewer has nothing to switch to
	viewer.wait("3 organizations", "1 of 3")
	viewer.send("T")
	viewer.wait("no profiles to switch to")
}

// A viewer sees every new change disabled, with the reason, and changes
// nothing: create, edit, add members, invite, revoke, discovery domains.
func TestViewerCannotUseTheNewActions(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	before := r.memberCount(t)
	tm := r.connect(t, "vi", r.viewer, 140, 40)
	tm.wait("3 organizations", "1 of 3")
	tm.wait("1 of 3")
	tm.send("c")
	tm.wait("cannot create organization: viewer: read-only")
	tm.send("\r")
	tm.wait("acme › Overview")
	tm.send("e")
	tm.wait("cannot edit organization: viewer: read-only")
	tm.send("3")
	tm.wait("1 of 5")
	tm.send("a")
	tm.wait("cannot add members: viewer: read-only")
	tm.send("4")
	tm.wait("Invitations (")
	tm.send("i")
	tm.wait("cannot invite: viewer: read-only")
	tm.send("d")
	tm.wait("cannot revoke invitation: viewer: read-only")
	tm.send("5")
	tm.wait("acme.example")
	tm.send("n")
	tm.wait("cannot add discovery domain: viewer: read-only")
	tm.send("t")
	tm.wait("cannot edit discovery domain: viewer: read-only")
	tm.send("d")
	tm.wait("cannot remove discovery domain: viewer: read-only")
	tm.send(":connection Username-Password-Authentication\r")
	tm.wait("every organization read")
	tm.send("t")
	tm.wait("cannot toggle connection: viewer: read-only")
	tm.send("d")
	tm.wait("cannot remove connection: viewer: read-only")
	if got := r.memberCount(t); got != before {
		t.Fatalf("a viewer changed the tenant: %d members, were %d", got, before)
	}
	if es := r.auditEntries(t); len(es) != 0 {
		t.Fatalf("audit lines for a viewer who changed nothing: %+v", es)
	}
}
