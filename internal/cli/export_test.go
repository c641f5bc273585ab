package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// run runs orgdash with args and the environment env, returning stdout, stderr and the error.
func run(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	for _, k := range []string{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN", "ORGDASH_CONFIG"} {
		t.Setenv(k, env[k])
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the index of connections is kept there
	var out, errOut bytes.Buffer
	cmd := rootCmd()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

func tenantEnv(tn *simtest.Tenant) map[string]string {
	return map[string]string{"AUTH0_DOMAIN": tn.URL, "AUTH0_CLIENT_ID": tn.ClientID(), "AUTH0_CLIENT_SECRET": tn.ClientSecret()}
}

func TestExportPast1000Records(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 1200, Members: 1500})
	out, progress, err := run(t, tenantEnv(tn), "export", "orgs")
	if err != nil {
		t.Fatal(err)
	}
	var orgs []map[string]any
	if err := json.Unmarshal([]byte(out), &orgs); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	ids := map[any]bool{}
	for _, o := range orgs {
		ids[o["id"]] = true
	}
	if len(orgs) != 1200 || len(ids) != 1200 || progress != "" {
		t.Fatalf("%d organizations (%d distinct); progress %q on a stderr that is no terminal", len(orgs), len(ids), progress)
	}

	out, _, err = run(t, tenantEnv(tn), "export", "members", "acme", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not valid CSV: %v", err)
	}
	if len(recs) != 1501 || strings.Join(recs[0], ",") != "user_id,email,name,roles" {
		t.Fatalf("%d records; header %v", len(recs), recs[0])
	}
	out, _, err = run(t, tenantEnv(tn), "export", "connections", orgs[0]["id"].(string))
	if err != nil || !json.Valid([]byte(out)) || !strings.Contains(out, "Username-Password-Authentication") {
		t.Fatalf("connections: %v\n%s", err, out)
	}
	_, _, err = run(t, tenantEnv(tn), "export", "members", "nowhere")
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("an unknown organization: %v", err)
	}
	var ue usageError
	if _, _, err = run(t, tenantEnv(tn), "export", "orgs", "--format", "xml"); !errors.As(err, &ue) {
		t.Fatalf("--format xml: %v", err)
	}
}

func TestProtectionLevelsBelowTheUI(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 6, Members: 5})
	tok := tn.Token(t, time.Hour, sim.AllScopes...)
	path := filepath.Join(t.TempDir(), "config.yaml")
	var body strings.Builder
	body.WriteString("profiles:\n")
	for _, p := range []string{"read-only", "protected", "open", ""} {
		name := p
		if name == "" {
			name = "unset"
		}
		fmt.Fprintf(&body, "  %s:\n    domain: %s\n    api_token: {value: %s}\n", name, tn.URL, tok)
		if p != "" {
			fmt.Fprintf(&body, "    protection: %s\n", p)
		}
	}
	if err := os.WriteFile(path, []byte(body.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, true)
	if err != nil {
		t.Fatal(err)
	}
	victims := []string{"zurich-re", "tokyo-robotics", "orsted-vind", "hellenic-shipping"}
	for i, c := range []struct {
		profile string
		level   config.Level
		deletes bool
	}{{"read-only", config.ReadOnly, false}, {"protected", config.Protected, true}, {"open", config.Open, true}, {"unset", config.Protected, true}} {
		tnt, err := openTenant(cfg, c.profile)
		if err != nil {
			t.Fatal(err)
		}
		if tnt.level != c.level {
			t.Errorf("%s: level %s, want %s", c.profile, tnt.level, c.level)
		}
		o, err := tnt.client.OrganizationByName(t.Context(), victims[i])
		if err != nil {
			t.Fatal(err)
		}
		err = tnt.client.DeleteOrganization(t.Context(), o.ID)
		_, still := tnt.client.Organization(t.Context(), o.ID)
		switch {
		case c.deletes && (err != nil || still == nil):
			t.Errorf("%s: delete %v, organization still there: %v", c.profile, err, still == nil)
		case !c.deletes && (!errors.Is(err, client.ErrLocked) || still != nil):
			t.Errorf("%s: a read-only profile deleted (%v)", c.profile, err)
		}
		if !c.deletes && tnt.client.Capabilities().Can(client.RemoveMembers).Reason != "profile read-only is read-only" {
			t.Errorf("%s: capability %+v", c.profile, tnt.client.Capabilities().Can(client.RemoveMembers))
		}
	}
}

func TestPreflightSaysWhatToChange(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	env := tenantEnv(tn)
	env["AUTH0_CLIENT_SECRET"] = "not-the-secret"
	_, _, err := run(t, env, "--config", "/dev/null")
	if err == nil || !strings.Contains(err.Error(), "refused the credentials") || strings.Contains(err.Error(), "not-the-secret") {
		t.Fatalf("wrong secret: %v", err)
	}
	tn.AddClient("narrow", "narrow-secret", []string{"read:users"})
	env = tenantEnv(tn)
	env["AUTH0_CLIENT_ID"], env["AUTH0_CLIENT_SECRET"] = "narrow", "narrow-secret"
	_, _, err = run(t, env)
	if err == nil || !strings.Contains(err.Error(), "read:organization_members read:organizations") {
		t.Fatalf("missing scopes: %v", err)
	}
}

// An unreachable domain is named once the read's retries are spent; their
// backoff runs on synctest's clock.
func TestPreflightSaysWhenTheTenantIsUnreachable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, _, err := run(t, map[string]string{"AUTH0_DOMAIN": "http://127.0.0.1:1", "AUTH0_API_TOKEN": "x"})
		if err == nil || !strings.Contains(err.Error(), "cannot reach http://127.0.0.1:1") {
			t.Fatalf("unreachable: %v", err)
		}
	})
}

// Without a tenant export says what to set (exit 2) unless --demo is given;
// a config with profiles and no default names them.
func TestExportWithoutATenantSaysWhatToSet(t *testing.T) {
	out, _, err := run(t, nil, "export", "orgs")
	var usage usageError
	if !errors.As(err, &usage) || out != "" || !strings.Contains(err.Error(), "set AUTH0_DOMAIN") || !strings.Contains(err.Error(), "--demo") {
		t.Fatalf("no tenant: %v, stdout %q", err, out)
	}
	out, _, err = run(t, nil, "export", "orgs", "--demo")
	if err != nil || !strings.Contains(out, `"name":"acme"`) {
		t.Fatalf("--demo: %v, %.80q", err, out)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("profiles:\n  prod:\n    domain: a.eu.auth0.com\n    client_id: x\n    client_secret: {env: S}\n  staging:\n    domain: b.eu.auth0.com\n    client_id: y\n    client_secret: {env: S}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, map[string]string{"ORGDASH_CONFIG": path}, "export", "orgs")
	if !errors.As(err, &usage) || out != "" || !strings.Contains(err.Error(), "profiles (prod, staging) and no default_profile") {
		t.Fatalf("profiles without a default: %v", err)
	}
	// the dashboard asks on a terminal; without one (as here) it fails the same way
	if _, _, err = run(t, map[string]string{"ORGDASH_CONFIG": path}); !errors.As(err, &usage) || !strings.Contains(err.Error(), "profiles (prod, staging)") {
		t.Fatalf("dashboard, profiles without a default, no terminal: %v", err)
	}
}

// CSV cells cannot drive a terminal or a spreadsheet; a failed export
// writes nothing, to stdout or to -o's file.
func TestExportWritesSafeCellsOrNothing(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	admin := tn.Management(t)
	for _, dn := range []string{"=HYPERLINK(\"http://evil\")", "Evil \x1b]0;owned\x07\x1b[2J corp", "@SUM(A1)", "invoice\u202Efdp.exe\u200B", "\x1b[0m=cmd|' /C calc'!A0"} {
		name := fmt.Sprintf("hostile-%d", len(dn))
		if err := admin.Request(context.Background(), "POST", admin.URI("organizations"), &map[string]any{"name": name, "display_name": dn}); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := run(t, tenantEnv(tn), "export", "orgs", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\x07\u202E\u200B") || !strings.Contains(out, "'=HYPERLINK") || !strings.Contains(out, "'@SUM(A1)") || !strings.Contains(out, "'=cmd|") || strings.Contains(out, ",=") {
		t.Fatalf("unsafe CSV:\n%s", out)
	}

	file := filepath.Join(t.TempDir(), "members.json")
	limited := simtest.Start(t, sim.Options{Orgs: 3, Members: 5,
		Scopes: []string{"read:organizations"}}) // may find the organization, not list its members
	out, _, err = run(t, tenantEnv(limited), "export", "members", "acme", "-o", file)
	if err == nil || out != "" {
		t.Fatalf("a failed export: %v, stdout %q", err, out)
	}
	if _, statErr := os.Stat(file); !errors.Is(statErr, os.ErrNotExist) {
		t.Fatalf("a failed export left %s behind (%v)", file, statErr)
	}
	if _, _, err := run(t, tenantEnv(tn), "export", "members", "acme", "-o", file); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	var members []map[string]any
	if err != nil || json.Unmarshal(b, &members) != nil || len(members) != 5 {
		t.Fatalf("-o wrote %d members (%v): %.100q", len(members), err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".orgdash-export-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestExportInvitations(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	out, _, err := run(t, tenantEnv(tn), "export", "invitations", "acme", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "invitation_id" || !strings.Contains(rows[1][1], "@") {
		t.Fatalf("invitations CSV (%v):\n%s", err, out)
	}
}

// export usage lists the organizations that have a connection (every
// organization read once), and export user a person's organizations with
// their roles, both checked against the tenant.
func TestExportAcrossOrganizations(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 20, Members: 3})
	admin := tn.Management(t)
	ctx := context.Background()
	var conns []map[string]any
	if err := admin.Request(ctx, "GET", admin.URI("connections")+"?name=acme-saml", &conns); err != nil || len(conns) != 1 {
		t.Fatalf("acme-saml: %v %v", conns, err)
	}
	want := 0
	l, err := admin.Organization.List(ctx, management.PerPage(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range l.Organizations {
		var oc []map[string]any
		if err := admin.Request(ctx, "GET", admin.URI("organizations", o.GetID(), "connections"), &oc); err != nil {
			t.Fatal(err)
		}
		for _, c := range oc {
			if c["connection_id"] == conns[0]["id"] {
				want++
			}
		}
	}
	out, _, err := run(t, tenantEnv(tn), "export", "usage", "acme-saml", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records)-1 != want || want == 0 || records[0][0] != "organization_id" {
		t.Fatalf("usage: %d rows for %d organizations (%v):\n%s", len(records)-1, want, err, out)
	}

	members, err := admin.Organization.Members(ctx, l.Organizations[0].GetID())
	if err != nil {
		t.Fatal(err)
	}
	uid := members.Members[0].GetUserID()
	orgs, err := admin.User.Organizations(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, tenantEnv(tn), "export", "user", uid)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != len(orgs.Organizations) {
		t.Fatalf("user: %d rows for %d organizations (%v):\n%s", len(rows), len(orgs.Organizations), err, out)
	}
	if _, _, err := run(t, tenantEnv(tn), "export", "usage", "no-such-connection"); err == nil || !strings.Contains(err.Error(), "no connection named") {
		t.Fatalf("an unknown connection: %v", err)
	}
}
