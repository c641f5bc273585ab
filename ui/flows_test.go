package ui

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// These flows run the root model inside a synctest bubble against the
// simulator over the in-memory network: the rate limit, the removal delay
// and the dashboard's timers share one fake clock, so a 429 storm of a
// minute takes no real time, and every wait is on a condition.

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// changes are the audit log's changes, each as its last line says.
func (l *lockedBuffer) entries(t *testing.T) []audit.Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	changes, err := audit.Read(bytes.NewReader(l.b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]audit.Entry, len(changes))
	for i, c := range changes {
		out[i] = c.Last()
		if c.Outcome == nil {
			out[i].Outcome = audit.Interrupted
		}
	}
	return out
}

// flow is a dashboard session on a simulated tenant, with its audit log.
type flow struct {
	*session
	tn    *simtest.Tenant
	log   *lockedBuffer
	admin *management.Management
}

// startFlow runs the dashboard on tn as a client with clientID (the
// tenant's own client when empty), writing its audit log to a buffer.
func startFlow(t *testing.T, tn *simtest.Tenant, clientID, secret string, setup ...func(*common.Common)) *flow {
	t.Helper()
	if clientID == "" {
		clientID, secret = tn.ClientID(), tn.ClientSecret()
	}
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: clientID, ClientSecret: secret, Demo: true,
		Transport: tn.Transport, VerifyInterval: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{tn: tn, log: &lockedBuffer{}, admin: tn.Management(t)}
	cl = audit.Client(cl, audit.To(f.log), audit.Who{User: "tester"})
	f.session = open(t, cl, 120, 36, setup...)
	return f
}

// wait advances the fake clock until the screen shows want.
func (f *flow) wait(want ...string) {
	f.t.Helper()
	f.waitFor(time.Minute, want...)
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
	if err != nil {
		if me, ok := err.(management.Error); ok {
			return nil, me.Status()
		}
		f.t.Fatal(err)
	}
	return out, 200
}

// members lists an organization's member ids as an admin.
func (f *flow) members(orgName string) map[string]bool {
	f.t.Helper()
	ctx := context.Background()
	o, err := f.admin.Organization.ReadByName(ctx, orgName)
	if err != nil {
		f.t.Fatal(err)
	}
	ids := map[string]bool{}
	for from := ""; ; {
		l, err := f.admin.Organization.Members(ctx, o.GetID(), management.From(from), management.Take(100))
		if err != nil {
			f.t.Fatal(err)
		}
		for _, m := range l.Members {
			ids[m.GetUserID()] = true
		}
		if l.Next == "" || len(l.Members) == 0 {
			return ids
		}
		from = l.Next
	}
}

// acmeWith makes an empty tenant with organization acme and a SAML and the
// database connection enabled for it (the SAML one with auto-membership on
// and the button off).
func acmeWith(t *testing.T) (*simtest.Tenant, string, string, string) {
	tn := simtest.StartInMemory(t, sim.Options{Empty: true})
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
