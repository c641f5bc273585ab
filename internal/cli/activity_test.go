package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
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
	for i, r := range recs {
		kinds[r.Kind]++
		if i > 0 && r.Time.Before(recs[i-1].Time) {
			t.Errorf("not oldest first at %d: %v after %v", i, r.Time, recs[i-1].Time)
		}
		if !r.Elsewhere || len(r.Logs) != 1 || r.Logs[0].OrgID != r.Org {
			t.Errorf("a logged event of acme, made elsewhere: %+v", r)
		}
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
	if _, _, err := run(t, nil, "activity", "acme", "--kind", "logins"); err == nil {
		t.Error("an unknown kind is refused")
	}
}
