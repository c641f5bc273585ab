package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
	gossh "golang.org/x/crypto/ssh"
)

// twoProfiles is a rig whose default profile is staging (3 organizations)
// and whose operator key is also, through leads, an operator of production
// (7 organizations).
func twoProfiles(t *testing.T) (*rig, string) {
	t.Helper()
	production := simtest.Start(t, sim.Options{Orgs: 7, Members: 2})
	var leads string
	r := newRig(t, sim.Options{Orgs: 3, Members: 5}, func(c *Config) {
		c.Profile = "staging"
		leads = filepath.Join(t.TempDir(), "leads.pub")
		b, err := os.ReadFile(c.OperatorKeys) // the operator's key, a lead too
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(leads, b, 0o600); err != nil {
			t.Fatal(err)
		}
		c.Access = []Access{{Keys: leads, Profiles: []string{"production"}, Role: Operator}}
		c.Open = func(profile string) (Tenant, error) {
			if profile != "production" {
				return Tenant{}, fmt.Errorf("no profile %s", profile)
			}
			cl, err := client.New(client.Config{Domain: production.URL, ClientID: production.ClientID(), ClientSecret: production.ClientSecret(), Demo: true})
			return Tenant{Client: cl}, err
		}
	})
	return r, leads
}

// The key of a lead is an operator of staging (the session's screen) and,
// through leads, of production. leads is emptied and the keys reloaded:
// the session goes on, on staging, is told it lost production, and T no
// longer offers nor reaches production. Before, the session kept every grant it had
// at login and the reload looked at the profile on screen alone: T then
// opened production as an operator.
func TestReloadRevokesAGrantOnAProfileNotShown(t *testing.T) {
	t.Parallel()
	r, leads := twoProfiles(t)
	tm := r.connect(t, "op2", r.operator, 120, 36)
	tm.wait("3 organizations", "1 of 3", "profile staging")
	tm.send("T") // opened before the reload: both profiles listed
	tm.wait("Switch profile", "production", "staging (current)")
	if err := os.WriteFile(leads, nil, 0o600); err != nil { // emptied: production is no longer the lead's
		t.Fatal(err)
	}
	if err := r.srv.Reload(r.srv.cfg.Access); err != nil {
		t.Fatalf("an empty key file is no keys, not a failure: %v", err)
	}
	tm.wait("your key no longer opens profile production")
	if r.srv.Sessions() != 1 {
		t.Fatalf("%d sessions: the staging session should go on", r.srv.Sessions())
	}
	// production chosen in the menu opened before the reload: the switch
	// itself derives the grant again and refuses
	tm.send("\r") // production, listed first, has the cursor
	tm.wait("your key has no access to profile production")
	tm.send("T") // the menu is what the key opens now: staging alone
	tm.wait("no other profile is open to you now")
	r.srv.mu.Lock()
	var switchTo func(string) (common.Tenancy, error)
	for se := range r.srv.sessions {
		switchTo = se.common.Switch
	}
	r.srv.mu.Unlock()
	if switchTo == nil {
		t.Fatal("no session registered, or one that cannot switch profiles")
	}
	if _, err := switchTo("production"); err == nil || !strings.Contains(err.Error(), "your key has no access to profile production") {
		t.Fatalf("switching to the revoked profile: %v", err)
	}
	if strings.Contains(tm.out.String(), "7 organizations") {
		t.Fatalf("T reached production after its grant was revoked:\n%s", tm.out.String())
	}
	if !strings.Contains(r.log.String(), "sessions_demoted=1") {
		t.Fatalf("the reload's log line does not count the demoted session:\n%s", r.log.String())
	}
}

// A role changed on a profile the session does not show: T then opens it
// with the new role (a viewer's read-only client), not the one of login.
func TestReloadDemotesOnAProfileNotShown(t *testing.T) {
	t.Parallel()
	r, leads := twoProfiles(t)
	tm := r.connect(t, "op2", r.operator, 120, 36)
	tm.wait("3 organizations", "1 of 3", "profile staging")
	access := []Access{{Keys: leads, Profiles: []string{"production"}, Role: Viewer}}
	if err := r.srv.Reload(access); err != nil {
		t.Fatal(err)
	}
	tm.wait("your key's role on production changed to viewer")
	tm.send("T")
	tm.wait("Switch profile", "production")
	tm.send("\r")
	tm.wait("7 organizations", "1 of 7")
	tm.wait("viewer: read-only")
}

// Revoking works by taking the key out, by emptying the file and by
// removing it: each is a valid state of no keys, not a reload failure.
// The session of the revoked key ends saying why, and the key gets in no
// more. Before, an emptied or removed file failed the reload ("the keys
// are unchanged") and the old keys went on logging in.
func TestRevokingByEmptyingOrRemovingAKeyFile(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	for name, revoke := range map[string]func(path string) error{
		"emptied": func(path string) error { return os.WriteFile(path, nil, 0o600) },
		"removed": os.Remove,
		"moved":   func(path string) error { return os.Rename(path, path+".old") },
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, sim.Options{Orgs: 3, Members: 5})
			tm := r.connect(t, "vi", r.viewer, 100, 30)
			tm.wait("3 organizations", "1 of 3")
			for _, f := range []string{r.srv.cfg.AuthorizedKeys, r.srv.cfg.OperatorKeys} { // every key: nobody may log in now
				if err := revoke(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := r.srv.Reload(nil); err != nil {
				t.Fatalf("a key file %s is no keys, not a failure: %v", name, err)
			}
			tm.wait("your key was removed from the server's keys; your session has ended.")
			if _, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "vi", Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)},
				HostKeyCallback: gossh.InsecureIgnoreHostKey()}); err == nil { //nolint:gosec // a test server's key
				t.Fatal("the revoked key still gets in")
			}
			if logs := r.log.String(); !strings.Contains(logs, r.srv.cfg.AuthorizedKeys) || !strings.Contains(logs, "nobody can log in") {
				t.Fatalf("the log does not name the files that grant nothing now:\n%s", logs)
			}
		})
	}
}

// A file that cannot be read as keys is refused, and the keys from before
// stay: the error names the line, so the reload can be fixed and sent
// again.
func TestReloadOfABrokenKeyFileKeepsTheKeys(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	if err := os.WriteFile(r.srv.cfg.AuthorizedKeys, []byte("ssh-ed25519 AAAA-not-base64 someone\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := r.srv.Reload(nil)
	if err == nil || !strings.Contains(err.Error(), r.srv.cfg.AuthorizedKeys+":1") {
		t.Fatalf("a broken key file: %v", err)
	}
	tm := r.connect(t, "vi", r.viewer, 100, 30) // the keys from before
	tm.wait("3 organizations", "1 of 3")
}

// A key file others may write is refused: anyone could add a key.
func TestKeyFileOthersMayWriteIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	operators := writeKeys(t, dir, "operators", newKey(t))
	if err := os.Chmod(operators, 0o666); err != nil {
		t.Fatal(err)
	}
	_, err := New(Config{Listen: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host"), OperatorKeys: operators, Client: clienttest.New(1, 1)})
	if err == nil || !strings.Contains(err.Error(), "mode 0666") || !strings.Contains(err.Error(), "chmod go-w "+operators) {
		t.Fatalf("a key file of mode 0666: %v", err)
	}
}
