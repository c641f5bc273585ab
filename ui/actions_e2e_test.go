package ui

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// These flows act on the simulator through the real program, then check
// the simulator's state and the audit log.

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) entries(t *testing.T) []audit.Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []audit.Entry
	sc := bufio.NewScanner(bytes.NewReader(l.b.Bytes()))
	for sc.Scan() {
		var e audit.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

type flow struct {
	t     *testing.T
	tn    *simtest.Tenant
	tm    *teatest.TestModel
	rec   *recorder
	log   *lockedBuffer
	admin *management.Management
}

// startFlow runs the dashboard on tn as a client with clientID (the
// tenant's own client when empty), writing its audit log to a buffer.
func startFlow(t *testing.T, tn *simtest.Tenant, clientID, secret string) *flow {
	t.Helper()
	if clientID == "" {
		clientID, secret = tn.ClientID(), tn.ClientSecret()
	}
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: clientID, ClientSecret: secret, Demo: true,
		VerifyInterval: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{t: t, tn: tn, log: &lockedBuffer{}, admin: tn.Management(t)}
	cl = audit.Client(cl, audit.To(f.log), audit.Who{User: "tester"})
	f.rec = &recorder{Model: New(uitest.Common(t, cl))}
	f.tm = teatest.NewTestModel(t, f.rec, teatest.WithInitialTermSize(120, 36))
	t.Cleanup(func() {
		f.tm.Send(uitest.Key("ctrl+c"))
		f.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return f
}

func (f *flow) keys(ks ...string) {
	for _, k := range ks {
		f.tm.Send(uitest.Key(k))
	}
}

func (f *flow) wait(want ...string) string {
	f.t.Helper()
	return waitFor(f.t, f.rec, 15*time.Second, want...)
}

// waitGone waits until no frame shows s.
func (f *flow) waitGone(s string) {
	f.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); strings.Contains(f.rec.Frame(), s); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			f.t.Fatalf("%q stayed on screen:\n%s", s, f.rec.Frame())
		}
	}
}

// audited checks the log has exactly these actions, each with outcome ok.
func (f *flow) audited(actions ...string) []audit.Entry {
	f.t.Helper()
	es := f.log.entries(f.t)
	got := make([]string, len(es))
	for i, e := range es {
		got[i] = e.Action + ":" + e.Outcome
		if e.User != "tester" {
			f.t.Errorf("audit line without the user: %+v", e)
		}
	}
	want := make([]string, len(actions))
	for i, a := range actions {
		want[i] = a + ":ok"
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		f.t.Fatalf("audit log %v, want %v", got, want)
	}
	return es
}

// orgConn reads an association through the newer family, as an admin.
func (f *flow) orgConn(orgID, connID string) (map[string]any, int) {
	var out map[string]any
	err := f.admin.Request(context.Background(), "GET", f.admin.URI("organizations", orgID, "connections", connID), &out)
	var me management.Error
	if err != nil {
		if ok := asMgmt(err, &me); ok {
			return nil, me.Status()
		}
		f.t.Fatal(err)
	}
	return out, 200
}

func asMgmt(err error, target *management.Error) bool {
	me, ok := err.(management.Error)
	if ok {
		*target = me
	}
	return ok
}

// acmeWith makes an empty tenant with organization acme and a SAML and the
// database connection enabled for it (the SAML one with auto-membership on
// and the button off).
func acmeWith(t *testing.T) (*simtest.Tenant, string, string, string) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	a := tn.Management(t)
	ctx := context.Background()
	var o struct{ ID string }
	var saml, db struct{ ID string }
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.Request(ctx, "POST", a.URI("organizations"), &map[string]any{"name": "acme"}))
	must(a.Request(ctx, "GET", a.URI("organizations", "name", "acme"), &o))
	must(a.Request(ctx, "POST", a.URI("connections"), &map[string]any{"name": "acme-saml", "strategy": "samlp"}))
	var conns []map[string]any
	must(a.Request(ctx, "GET", a.URI("connections"), &conns))
	for _, c := range conns {
		if c["name"] == "acme-saml" {
			saml.ID = c["id"].(string)
		} else {
			db.ID = c["id"].(string)
		}
	}
	must(a.Request(ctx, "POST", a.URI("organizations", o.ID, "connections"), &map[string]any{
		"connection_id": saml.ID, "assign_membership_on_login": true, "show_as_button": false}))
	return tn, o.ID, saml.ID, db.ID
}

func TestE2ERemoveTwoMarkedMembers(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 5, Members: 50, RemovalDelayMin: time.Second, RemovalDelayMax: time.Second})
	f := startFlow(t, tn, "", "")
	f.wait("5 organizations")
	f.keys("enter")
	f.wait("acme › Overview")
	f.keys("3")
	f.wait("Members (50)")
	f.keys("space", "space", "d")
	f.wait("Remove 2 members?", "y remove")
	f.keys("y")
	f.wait("removing…")
	f.wait("1 of 48") // gone once the tenant stops listing them
	e := f.audited("remove members")[0]
	acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
	l, err := f.admin.Organization.Members(context.Background(), acme.GetID(), management.PerPage(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range l.Members {
		if m.GetUserID() == e.Targets[0] || m.GetUserID() == e.Targets[1] {
			t.Fatalf("%s is still a member", m.GetUserID())
		}
	}
	if l.Total != 48 || len(e.Targets) != 2 {
		t.Fatalf("%d members left; audit targets %v", l.Total, e.Targets)
	}
}

func TestE2EToggleConnectionOffAndOnKeepsSettings(t *testing.T) {
	tn, org, saml, _ := acmeWith(t)
	f := startFlow(t, tn, "", "")
	f.wait("1 organization")
	f.keys("enter")
	f.wait("acme › Overview")
	f.keys("2")
	f.wait("acme-saml")
	f.keys("t") // the only enabled connection: a warning first
	f.wait("Disable the last enabled connection?", "y disable")
	f.keys("y")
	f.wait("disabled acme-saml; its settings are kept")
	c, _ := f.orgConn(org, saml)
	if c["is_enabled"] != false || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
		t.Fatalf("after disabling: %v", c)
	}
	f.keys("t")
	f.wait("enabled acme-saml; its settings are kept")
	c, _ = f.orgConn(org, saml)
	if c["is_enabled"] != true || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
		t.Fatalf("after enabling: %v", c)
	}
	f.audited("disable connection", "re-enable connection")
}

func TestE2EEditSettingsRefusesTheSignupRuleBeforeAnyCall(t *testing.T) {
	tn, org, _, db := acmeWith(t)
	f := startFlow(t, tn, "", "")
	f.wait("1 organization")
	f.keys("enter")
	f.wait("acme › Overview")
	f.keys("n") // not the connection picker: n is "enable connection" only on the Connections tab
	f.keys("2")
	f.wait("acme-saml")
	f.keys("n")
	f.wait("Enable a connection for acme", "Username-Password-Authentication")
	f.keys("enter")
	f.wait("Enable Username-Password-Authentication", "┃ Auto-membership") // the form has the focus
	f.keys("y")                                                            // auto-membership on; huh moves the focus asynchronously: wait for it
	f.wait("┃ Signup")
	f.keys("n") // signup off: enabled
	f.wait("enabled Username-Password-Authentication")
	f.keys("G", "e")
	f.wait("Settings of Username-Password-Authentication", "┃ Auto-membership")
	before := tn.Stats().Calls
	f.keys("n") // auto-membership off
	f.wait("┃ Signup")
	f.keys("y")                                  // signup on: refused
	f.wait("signup needs a database connection") // the rest wraps
	if calls := tn.Stats().Calls - before; calls != 0 {
		t.Fatalf("%d calls were made for a form Auth0 would refuse", calls)
	}
	f.keys("n") // signup off: saved
	f.wait("saved the settings of Username-Password-Authentication")
	c, _ := f.orgConn(org, db)
	if c["assign_membership_on_login"] != false || c["is_signup_enabled"] != false || c["is_enabled"] != true {
		t.Fatalf("after editing: %v", c)
	}
	f.audited("enable connection", "edit connection")
}

func TestE2ERemoveConnectionAndUndo(t *testing.T) {
	tn, org, saml, _ := acmeWith(t)
	f := startFlow(t, tn, "", "")
	f.wait("1 organization")
	f.keys("enter")
	f.wait("acme › Overview")
	f.keys("2")
	f.wait("acme-saml")
	f.keys("d")
	f.wait("Remove connection acme-saml?", "only enabled connection", "y remove")
	f.keys("y")
	f.wait("removed acme-saml", "z undo removal of acme-saml")
	if _, status := f.orgConn(org, saml); status != 404 {
		t.Fatalf("after removal the association answers %d", status)
	}
	f.keys("z")
	f.wait("restored acme-saml with its settings")
	c, _ := f.orgConn(org, saml)
	if c["is_enabled"] != true || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
		t.Fatalf("after undo: %v", c)
	}
	f.audited("remove connection", "enable connection")
}

func TestE2EDeleteOrganizationByTypedName(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	f := startFlow(t, tn, "", "")
	f.wait("3 organizations")
	f.keys("j", "D")
	f.wait("Delete organization cafe-creme?", "Type cafe-creme to confirm", "enter delete") // armed
	f.tm.Type("cafe-crem")
	f.keys("enter")
	f.wait("That is not “cafe-creme”: nothing was deleted.")
	if _, err := f.admin.Organization.ReadByName(context.Background(), "cafe-creme"); err != nil {
		t.Fatalf("a wrong name deleted the organization: %v", err)
	}
	f.tm.Type("e")
	f.keys("enter")
	f.wait("deleted organization cafe-creme", "2 organizations")
	if _, err := f.admin.Organization.ReadByName(context.Background(), "cafe-creme"); err == nil {
		t.Fatal("the organization still exists")
	}
	f.audited("delete organization")
}

func TestE2EScopeLimitedClientShowsActionsDisabled(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	tn.AddClient("viewer", "viewer-secret", []string{"read:organizations", "read:organization_members", "read:organization_connections"})
	f := startFlow(t, tn, "viewer", "viewer-secret")
	f.wait("3 organizations", "🔒 read-only: the token grants no write scope")
	f.keys("enter")
	f.wait("acme › Overview", "unavailable: needs delete:organizations")
	f.keys("3")
	f.wait("Members (5)")
	f.keys(".")
	f.wait("More options", "needs delete:organization_members")
	f.keys("esc")
	f.waitGone("More options")
	f.keys("d")
	f.wait("cannot remove members: needs delete:organization_members")
	f.keys("2")
	f.wait("Username-Password-Authentication")
	f.keys("t")
	f.wait("cannot toggle connection: needs update:organization_connections")
	f.audited()
}

func TestE2ERemovalFinishesThrough429Storm(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 40, Rate: 2, Burst: 2, RemovalDelayMin: time.Second, RemovalDelayMax: time.Second})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	tok := tn.Token(t, time.Hour, sim.AllScopes...)
	go func() { // another tool spends most of the budget
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", tn.URL+"/api/v2/organizations?per_page=1", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
			time.Sleep(700 * time.Millisecond)
		}
	}()
	f := startFlow(t, tn, "", "")
	waitFor(t, f.rec, 30*time.Second, "3 organizations")
	f.keys("enter")
	waitFor(t, f.rec, 30*time.Second, "acme › Overview")
	f.keys("3")
	waitFor(t, f.rec, 30*time.Second, "Members (40)")
	f.keys("space", "space", "d")
	waitFor(t, f.rec, 30*time.Second, "y remove")
	f.keys("y")
	waitFor(t, f.rec, 60*time.Second, "1 of 38")
	f.audited("remove members")
	if tn.Stats().Throttled == 0 {
		t.Fatal("no 429 was answered: the storm did not happen")
	}
}
