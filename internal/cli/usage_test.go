package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/client/pace"
)

// Every mistake in the command line is a usage error (exit 2): an unknown
// command as much as a wrong flag.
func TestUnknownCommandIsAUsageError(t *testing.T) {
	var usage usageError
	for _, args := range [][]string{{"bogus"}, {"--bogus"}, {"version", "extra"}} {
		if _, _, err := run(t, nil, args...); !errors.As(err, &usage) {
			t.Errorf("orgdash %s: %v, want a usage error (exit 2)", strings.Join(args, " "), err)
		}
	}
}

// --version says what the version command says.
func TestVersionFlag(t *testing.T) {
	out, _, err := run(t, nil, "--version")
	want, _, _ := run(t, nil, "version")
	if err != nil || out != want || !strings.HasPrefix(out, "orgdash ") {
		t.Fatalf("--version: %q (%v), want %q", out, err, want)
	}
}

// --since takes days as people write them.
func TestAuditSinceTakesDays(t *testing.T) {
	now := time.Now().UTC()
	e := audit.Entry{Time: now.Add(-36 * time.Hour), ID: "a1", Phase: audit.Intent, User: "ada", Tenant: "t", Action: "remove members",
		Org: "org_1", OrgName: "acme", Targets: []string{"u1"}}
	path := writeLog(t, e)
	for since, shown := range map[string]bool{"1d": false, "2d": true, "1d12h30m": true, "24h": false} {
		out, _, err := run(t, nil, "audit", "--file", path, "--since", since)
		if err != nil {
			t.Fatalf("--since %s: %v", since, err)
		}
		if got := strings.Contains(out, "remove members"); got != shown {
			t.Errorf("--since %s shows the change of 36 h ago: %v, want %v", since, got, shown)
		}
	}
	if _, _, err := run(t, nil, "audit", "--file", path, "--since", "xd"); err == nil {
		t.Fatal("--since xd was accepted")
	}
}

// A keys section the dashboard refuses, export refuses too (exit 2),
// rather than running on a file the dashboard would not start with.
func TestExportRefusesABadKeysSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("keys:\n  explode: [x]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var usage usageError
	_, _, err := run(t, map[string]string{"ORGDASH_CONFIG": path}, "export", "orgs", "--demo")
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), `unknown action "explode"`) {
		t.Fatalf("export with a bad keys section: %v", err)
	}
}

// The audit's columns line up whoever made the changes: a long SSH key
// comment, a name with accents.
func TestAuditWhoColumnKeepsAlignment(t *testing.T) {
	now := time.Now().UTC()
	mk := func(id, user, comment string) audit.Entry {
		return audit.Entry{Time: now, ID: id, Phase: audit.Intent, User: user, Comment: comment, Tenant: "t", Action: "remove members",
			Org: "org_1", OrgName: "acme", Targets: []string{"u1"}}
	}
	path := writeLog(t, mk("a", "ada", ""), mk("b", "bo", "bo.long-name@corp.example"), mk("c", "zoë", ""))
	out, _, err := run(t, nil, "audit", "--file", path)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		i := strings.Index(line, "interrupted")
		if i < 0 {
			t.Fatalf("no state on %q", line)
		}
		if c := len([]rune(line[:i])); col < 0 {
			col = c
		} else if c != col {
			t.Fatalf("the state column moves (%d, then %d):\n%s", col, c, out)
		}
	}
}

// The demo tenant writes its own log, named as such, beside the log a
// real tenant would use: a simulator's changes never mix with a tenant's.
func TestDemoHasItsOwnAuditLog(t *testing.T) {
	t.Setenv("ORGDASH_AUDIT_LOG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	g := &globals{}
	demo := client.Tenant{Demo: true, Domain: "http://127.0.0.1:1"}
	if got, err := g.tenantAuditPath("/var/log/orgdash/audit.jsonl", demo); err != nil || got != "/var/log/orgdash/demo-audit.jsonl" {
		t.Fatalf("demo log %q (%v)", got, err)
	}
	if got, _ := g.tenantAuditPath("/var/log/orgdash/audit.jsonl", client.Tenant{Domain: "acme.eu.auth0.com"}); got != "/var/log/orgdash/audit.jsonl" {
		t.Fatalf("a real tenant's log %q", got)
	}
	t.Setenv("XDG_STATE_HOME", "/state")
	if got, _ := g.tenantAuditPath("", demo); got != "/state/orgdash/demo-audit.jsonl" {
		t.Fatalf("demo log by default %q", got)
	}
}

// An export's scan says how far it is and about how long is left, from
// the first organization on.
func TestScanProgressSaysTimeLeft(t *testing.T) {
	line := scanProgress(crossorg.ScanProgress{Read: 1, Total: 5000}, pace.Estimate{Known: true, Takes: 150 * time.Second})
	if !strings.HasPrefix(line, "read 1 of 5000 organizations, about 2m30s left…") {
		t.Fatalf("progress %q", line)
	}
	if line := scanProgress(crossorg.ScanProgress{Read: 3, Total: 10}, pace.Estimate{}); !strings.HasPrefix(line, "read 3 of 10 organizations…") {
		t.Fatalf("progress without an estimate %q", line)
	}
}

// orgdash audit with no log yet names the demo's log when the demo has
// made changes beside it: someone who tried the demo finds them.
func TestAuditNamesTheDemoLogWhenTheMainOneIsMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.jsonl")
	var out bytes.Buffer
	if err := listAudit(context.Background(), path, &auditFilter{}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "demo") {
		t.Fatalf("no demo log, yet:\n%s", out.String())
	}
	if err := os.WriteFile(demoAuditPath(path), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := listAudit(context.Background(), path, &auditFilter{}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := "orgdash audit --file " + filepath.Join(dir, "demo-audit.jsonl"); !strings.Contains(out.String(), want) {
		t.Fatalf("want %q in:\n%s", want, out.String())
	}
}
