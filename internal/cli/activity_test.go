package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
)

// activityLines reads --json output: one object a line.
func activityLines(t *testing.T, out string) []activityRecord {
	t.Helper()
	var recs []activityRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r activityRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("not a JSON line: %v\n%s", err, sc.Text())
		}
		recs = append(recs, r)
	}
	return recs
}

func TestActivityOnTheDemoListsItsSeededHistory(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // no audit log: every change was made elsewhere
	out, errOut, err := run(t, nil, "activity", "acme", "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	recs := activityLines(t, out)
	kinds := map[string]int{}
	blocked := false
	for i, r := range recs {
		kinds[r.Kind]++
		if i > 0 && r.Time.Before(recs[i-1].Time) {
			t.Errorf("not oldest first at %d: %v after %v", i, r.Time, recs[i-1].Time)
		}
		change := r.Kind == "change" || r.Kind == "membership"
		if r.Elsewhere != change || len(r.Logs) != 1 || r.Org == "" {
			t.Errorf("a logged event of acme, a change made elsewhere or a login: %+v", r)
		}
		if r.Kind == "change" && r.Logs[0].OrgID == "" && r.Through == "" {
			t.Errorf("a change on no path of acme's that does not say how it affects acme: %+v", r)
		}
		if r.Kind == "change" && r.Who.Name == "security@example.com" && strings.HasPrefix(r.What, "blocked ") &&
			strings.HasPrefix(r.Through, "its member ") {
			blocked = true
		}
	}
	if !blocked {
		t.Error("the security admin's block of an acme member (PATCH /users/{id}) is missing")
	}
	// acme's history: a user blocked by security, then refused, and a user
	// hammering a wrong password until Auth0 blocks the IP; logins go on
	if kinds["login failure"] < 10 || kinds["login"] < 1 {
		t.Errorf("acme's seeded logins and failures: %v", kinds)
	}
	if !strings.Contains(out, "Wrong email or password") || !strings.Contains(errOut, "demo tenant") {
		t.Errorf("the brute force and a note of the demo:\n%s", errOut)
	}

	out, _, err = run(t, nil, "activity", "initech", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var removed *activityRecord
	for _, r := range activityLines(t, out) {
		if r.Kind == "change" && strings.HasPrefix(r.What, "removed connection") {
			removed = &r
		}
	}
	if removed == nil || removed.Who.Actor != "dashboard" || removed.Who.Name != "admin@example.com" || !removed.Elsewhere ||
		removed.Method != "DELETE" {
		t.Errorf("the admin removing initech's connection in the Dashboard: %+v", removed)
	}
}

func TestActivityCSVIsSafeAndTheFlagsAreChecked(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	out, _, err := run(t, nil, "activity", "-", "--csv", "--since", "96h")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 10 || strings.Join(recs[0], ",") != "time,kind,who,what,organization,outcome,where" {
		t.Fatalf("%v: %d records, header %v", err, len(recs), recs[0])
	}
	if _, _, err := run(t, nil, "activity", "acme", "--json", "--csv"); err == nil {
		t.Error("--json with --csv is refused")
	}
	if _, _, err := run(t, nil, "activity", "acme", "--since", "last tuesday"); err == nil {
		t.Error("an unreadable --since is refused")
	}
}

func TestActivityFiltersByKindAndPerson(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	out, _, err := run(t, nil, "activity", "-", "--json", "--kind", "change", "--who", "ADMIN@example")
	if err != nil {
		t.Fatal(err)
	}
	recs := activityLines(t, out)
	if len(recs) < 2 {
		t.Fatalf("the demo admin's changes: %d", len(recs))
	}
	for _, r := range recs {
		if r.Kind != "change" || r.Who.Name != "admin@example.com" || r.Who.Actor != "dashboard" {
			t.Errorf("not the admin's change: %+v", r)
		}
	}
	if _, _, err := run(t, nil, "activity", "acme", "--kind", "logouts"); err == nil {
		t.Error("an unknown kind is refused")
	}
}

func TestActivityTakesKindsAsTheTabNamesThemAndDays(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	out, _, err := run(t, nil, "activity", "-", "--json", "--kind", "changes", "--kind", "Login-Failures", "--since", "30d")
	if err != nil {
		t.Fatalf("--kind changes --kind Login-Failures --since 30d: %v", err)
	}
	kinds := map[string]int{}
	for _, r := range activityLines(t, out) {
		kinds[r.Kind]++
	}
	if kinds["change"] == 0 || kinds["login failure"] == 0 || len(kinds) != 2 {
		t.Errorf("changes and login failures of the last 30 days: %v", kinds)
	}
	path := writeLog(t, audit.Entry{Time: time.Now().UTC().Add(-48 * time.Hour), ID: "old", Phase: audit.Intent, User: "ada",
		Tenant: "t", Action: "invite", Org: "org_1", OrgName: "acme", Targets: []string{"x"}})
	if out, _, err := run(t, nil, "audit", "--file", path, "--since", "3d"); err != nil || !strings.Contains(out, "ada") {
		t.Errorf("audit --since 3d: %q (%v)", out, err)
	}
	if out, _, err := run(t, nil, "audit", "--file", path, "--since", "1d"); err != nil || out != "" {
		t.Errorf("audit --since 1d lists a change of two days ago: %q (%v)", out, err)
	}
}
