package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// writeLog writes entries as an audit log and returns its path.
func writeLog(t *testing.T, es ...audit.Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, e := range es {
		if err := l.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestAuditListsFiltersAndShowsInterrupted(t *testing.T) {
	now := time.Now().UTC()
	done := audit.Entry{Time: now, ID: "a1", Phase: audit.Intent, User: "ada", Tenant: "t", Action: "remove members",
		Org: "org_1", OrgName: "acme", Targets: []string{"u1", "u2"}}
	doneOut := done
	doneOut.Phase, doneOut.Outcome, doneOut.Results = audit.Ended, audit.Partial, map[string]string{"u1": "ok", "u2": "failed"}
	doneOut.Failed = map[string]string{"u2": "remove members: \x1b[31mno\x1b[0m"}
	killed := audit.Entry{Time: now, ID: "b2", Phase: audit.Intent, User: "bo", Comment: "bo@corp", Tenant: "t",
		Action: "delete organization", Org: "org_2", OrgName: "globex", Targets: []string{"org_2"}}
	path := writeLog(t, done, doneOut, killed)

	out, _, err := run(t, nil, "audit", "--file", path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, "partial     remove members (2)  in acme") || !strings.Contains(out, "    failed u2 remove members: no\n") ||
		!strings.Contains(out, "bo@corp (bo) interrupted delete organization  in globex") {
		t.Fatalf("audit shows:\n%s", out)
	}
	out, _, _ = run(t, nil, "audit", "--file", path, "--outcome", "interrupted", "--json")
	var got struct {
		ID    string `json:"id"`
		State string `json:"state"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &got); err != nil || got.ID != "b2" || got.State != "interrupted" {
		t.Fatalf("--outcome interrupted --json: %q (%v)", out, err)
	}
	if out, _, _ := run(t, nil, "audit", "--file", path, "--org", "ACME", "--who", "ada"); strings.Count(out, "\n") != 2 {
		t.Fatalf("--org acme --who ada:\n%s", out)
	}
	if out, _, _ := run(t, nil, "audit", "--file", path, "--since", "1h", "--who", "nobody"); out != "" {
		t.Fatalf("--who nobody: %q", out)
	}
	if _, _, err := run(t, nil, "audit", "--file", path, "--outcome", "maybe"); err == nil {
		t.Fatal("a wrong --outcome was accepted")
	}
}

func TestAuditReconcileReadsTheTenant(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 5})
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	acme, err := cl.OrganizationByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	p, err := cl.Members(ctx, acme.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	gone, kept := p.Items[0].UserID, p.Items[1].UserID
	// the process was killed after one removal went out and before the other did
	if res := cl.RemoveMembers(ctx, acme.ID, []string{gone}); res[0].Outcome != client.Confirmed {
		t.Fatalf("setup: %+v", res)
	}
	intent := audit.Entry{Time: time.Now().UTC(), ID: "k1", Phase: audit.Intent, User: "ops", Tenant: tn.URL,
		Action: "remove members", Org: acme.ID, OrgName: "acme", Targets: []string{gone, kept}}
	other := audit.Entry{Time: time.Now().UTC(), ID: "k2", Phase: audit.Intent, User: "ops", Tenant: "elsewhere.auth0.com",
		Action: "delete organization", Org: "org_x", Targets: []string{"org_x"}}
	path := writeLog(t, intent, other)
	env := tenantEnv(tn)
	env["ORGDASH_AUDIT_LOG"] = path
	t.Setenv("ORGDASH_AUDIT_LOG", path)
	out, _, err := run(t, env, "audit", "reconcile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 interrupted change reconciled; 1 belong to another tenant") {
		t.Fatalf("reconcile says:\n%s", out)
	}
	f, _ := os.Open(path)
	changes, err := audit.Read(f)
	f.Close()
	if err != nil || len(changes) != 2 || changes[0].State() != audit.Partial {
		t.Fatalf("after reconcile: %+v (%v)", changes, err)
	}
	if r := changes[0].Outcome.Results; r[gone] != audit.OK || r[kept] != audit.Failed || !strings.HasPrefix(changes[0].Outcome.Note, "reconciled") {
		t.Fatalf("reconciled outcome %+v", changes[0].Outcome)
	}
	if changes[1].State() != audit.Interrupted {
		t.Fatal("a change to another tenant was reconciled against this one")
	}
}
