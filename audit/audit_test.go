package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

func lines(t *testing.T, b *bytes.Buffer) []Entry {
	t.Helper()
	var out []Entry
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if l == "" {
			continue
		}
		var e Entry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		out = append(out, e)
	}
	return out
}

func TestOneLinePerMutationWithOutcome(t *testing.T) {
	var buf bytes.Buffer
	f := clienttest.New(2, 10)
	f.Demo = false // a real tenant: the audit names it by its domain
	c := Client(f, To(&buf), Who{User: "ops", Key: "SHA256:abc", Remote: "10.0.0.1:5555"})
	ctx := context.Background()
	org := f.Orgs[0].ID
	ids := []string{f.MemberLists[org][0].UserID, f.MemberLists[org][1].UserID}

	c.RemoveMembers(ctx, org, ids)
	if _, err := c.Organizations(ctx, ""); err != nil { // reads are not logged
		t.Fatal(err)
	}
	f.Fail = func(op string) error {
		return &client.Error{Kind: client.Forbidden, Op: op, Message: "Insufficient scope"}
	}
	_ = c.RemoveConnection(ctx, org, "con_saml")
	f.Fail = nil
	_, _ = c.SetConnectionEnabled(ctx, org, "con_saml", false)

	raw := lines(t, &buf)
	if len(raw) != 6 || raw[0].Phase != Intent || raw[1].Phase != Ended || raw[0].ID != raw[1].ID || raw[0].ID == raw[2].ID {
		t.Fatalf("want an intent then an outcome per change: %+v", raw)
	}
	changes, err := Read(&buf)
	if err != nil || len(changes) != 3 {
		t.Fatalf("%d changes (%v), want 3", len(changes), err)
	}
	es := make([]Entry, len(changes))
	for i, c := range changes {
		es[i] = c.Last()
	}
	if e := es[0]; e.Action != "remove members" || e.Outcome != "ok" || len(e.Targets) != 2 || e.User != "ops" ||
		e.Key != "SHA256:abc" || e.Remote != "10.0.0.1:5555" || e.Tenant != "fake.example" || e.Org != org {
		t.Fatalf("first line %+v", e)
	}
	if e := es[1]; e.Action != "remove connection" || e.Outcome != "failed" || !strings.Contains(e.Error, "Insufficient scope") {
		t.Fatalf("second line %+v", e)
	}
	if e := es[2]; e.Action != "disable connection" || e.Outcome != "ok" {
		t.Fatalf("third line %+v", e)
	}
}

func TestPartialBulkNamesTheFailures(t *testing.T) {
	var buf bytes.Buffer
	c := Client(partial{clienttest.New(1, 3)}, To(&buf), Who{User: "ops"})
	c.RemoveMembers(context.Background(), "org_x", []string{"a", "b"})
	e := lines(t, &buf)[1]
	if e.Outcome != "partial" || e.Failed["b"] != "no such member" || e.Failed["a"] != "" || e.Results["a"] != "ok" || e.Results["b"] != "failed" {
		t.Fatalf("%+v", e)
	}
}

// partial fails the second member of every bulk call.
type partial struct{ *clienttest.Fake }

func (p partial) RemoveMembers(_ context.Context, _ string, ids []string) []client.MemberResult {
	return []client.MemberResult{{UserID: ids[0], Outcome: client.Confirmed}, {UserID: ids[1], Outcome: client.Failed, Err: errors.New("no such member")}}
}

func TestIntentIsWrittenBeforeTheCallAndAnInterruptedChangeShows(t *testing.T) {
	var buf bytes.Buffer
	f := clienttest.New(1, 3)
	org := f.Orgs[0].ID
	seen := 0
	f.Fail = func(op string) error {
		if op == "remove members" {
			seen = len(lines(t, &buf)) // what the log held when the call went out
		}
		return nil
	}
	c := Client(f, To(&buf), Who{User: "ops", Profile: "prod"})
	id := f.MemberLists[org][0].UserID
	ctx := WithDetail(context.Background(), Detail{OrgName: "acme", Names: map[string]string{id: "a@example.com"}})
	c.RemoveMembers(ctx, org, []string{id})
	if seen != 1 {
		t.Fatalf("%d lines were written before the call, want the intent", seen)
	}
	es := lines(t, &buf)
	if in := es[0]; in.OrgName != "acme" || in.Names[id] != "a@example.com" || in.Profile != "prod" || in.Outcome != "" {
		t.Fatalf("intent %+v", in)
	}
	// a process killed mid-change leaves the intent alone
	buf.Truncate(strings.Index(buf.String(), "\n") + 1)
	changes, err := Read(&buf)
	if err != nil || len(changes) != 1 || changes[0].State() != Interrupted {
		t.Fatalf("a lone intent reads as %v (%v)", changes, err)
	}
}

func TestLostAnswersAndStopsHaveTheirOwnOutcomes(t *testing.T) {
	var buf bytes.Buffer
	f := clienttest.New(1, 0)
	org := f.Orgs[0].ID
	c := Client(f, To(&buf), Who{User: "ops"})
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&client.Error{Kind: client.Undetermined, Op: "toggle connection", Message: "the answer was lost"}, Unverified},
		{&client.Error{Kind: client.NotSent, Op: "toggle connection", Message: "cancelled before it was sent"}, Cancelled},
		{&client.Error{Kind: client.Invalid, Op: "toggle connection", Message: "bad"}, Failed},
	} {
		f.Fail = func(string) error { return tc.err }
		_, _ = c.SetConnectionEnabled(context.Background(), org, "con_saml", false)
		es := lines(t, &buf)
		if got := es[len(es)-1].Outcome; got != tc.want {
			t.Fatalf("%v: outcome %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestOpenAppendsPrivately(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "audit.jsonl")
	for i := range 2 {
		l, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Write(Entry{Action: "delete organization", Targets: []string{"org_" + string(rune('a'+i))}, Outcome: "ok"}); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "\n"); n != 2 {
		t.Fatalf("%d lines after two sessions", n)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
}

// The audit reaches syslog in RFC 5424's form after the file; when syslog
// is gone the file still has every entry, and the failure is reported.
func TestSyslogSinkAfterTheFile(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "log.sock")
	l, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	sys, err := DialSyslog("unixgram://" + sock)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	log := To(&file)
	var failures []error
	log.AddSink(sys, func(err error) { failures = append(failures, err) })
	e := Entry{Time: time.Date(2026, 12, 1, 3, 4, 5, 0, time.UTC), ID: "a1", Phase: Intent, User: "ada", Action: "remove members"}
	if err := log.Write(e); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	_ = l.SetReadDeadline(time.Now().Add(2 * time.Second))
	n, err := l.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	got := string(buf[:n])
	host, _ := os.Hostname()
	prefix := "<85>1 2026-12-01T03:04:05Z " + host + " orgdash "
	if !strings.HasPrefix(got, prefix) || !strings.Contains(got, " audit - {") || !strings.HasSuffix(got, strings.TrimSpace(file.String())) {
		t.Fatalf("syslog got %q\nwant %q… audit - %s", got, prefix, file.String())
	}
	l.Close()
	os.Remove(sock) // syslog is gone
	if err := log.Write(Entry{Time: time.Now(), ID: "a2", Phase: Ended, Outcome: OK}); err != nil {
		t.Fatalf("the file write failed because syslog did: %v", err)
	}
	if strings.Count(file.String(), "\n") != 2 || len(failures) != 1 {
		t.Fatalf("file %q, %d failures reported", file.String(), len(failures))
	}
}

// The embedded simulator is named as such in the audit, not by the
// loopback address it happens to listen on.
func TestDemoTenantIsNamedAsSuch(t *testing.T) {
	var buf bytes.Buffer
	f := clienttest.New(2, 10) // a demo tenant
	c := Client(f, To(&buf), Who{User: "ops"})
	org := f.Orgs[0].ID
	c.RemoveMembers(context.Background(), org, []string{f.MemberLists[org][0].UserID})
	for _, e := range lines(t, &buf) {
		if e.Tenant != DemoTenant {
			t.Fatalf("the demo's change is recorded for tenant %q, want %q", e.Tenant, DemoTenant)
		}
	}
}
