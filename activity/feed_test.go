package activity

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
)

// logTenant is a tenant whose logs are a list, read as Auth0 serves them
// (newest first by search, oldest first from a checkpoint), counting calls.
type logTenant struct {
	*clienttest.Fake
	mu     sync.Mutex
	events []client.LogEvent // oldest first; ids sort as they were logged
	calls  []client.LogQuery
}

func (l *logTenant) log(e client.LogEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

func (l *logTenant) Logs(_ context.Context, q client.LogQuery) ([]client.LogEvent, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, q)
	var out []client.LogEvent
	if q.After != "" {
		for _, e := range l.events {
			if e.ID > q.After && len(out) < q.Limit {
				out = append(out, e)
			}
		}
		return out, nil
	}
	for _, e := range slices.Backward(l.events) {
		ok := (q.OrgID == "" || e.OrgID == q.OrgID) && (q.Since.IsZero() || !e.Date.Before(q.Since)) &&
			(len(q.Types) == 0 || slices.Contains(q.Types, e.Type))
		if ok && len(out) < q.Limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func newLogTenant() *logTenant {
	f := clienttest.New(1, 0)
	f.Caps = client.Capabilities{ClientID: ours}
	return &logTenant{Fake: f}
}

func TestAFeedReadsOnFromItsCheckpointInOneCall(t *testing.T) {
	lt := newLogTenant()
	lt.log(sapi("0001", t0, "dash", "DELETE", "/api/v2/organizations/org_acme/members", map[string]any{"members": []any{"auth0|1"}}, "ops@example.com"))
	f := NewFeed(Source{Client: lt}, Query{Org: org})
	es, err := f.Load(context.Background())
	if err != nil || len(es) != 1 || es[0].What != "removed auth0|1" {
		t.Fatalf("load: %v %+v", err, es)
	}
	if len(lt.calls) != 2 {
		t.Errorf("an organization's first read: its sapi events and its own events, got %d calls", len(lt.calls))
	}
	lt.log(client.LogEvent{ID: "0002", Date: t0.Add(time.Minute), Type: "s", OrgID: "org_other"})
	lt.log(sapi("0003", t0.Add(2*time.Minute), "tf", "POST", "/api/v2/organizations/org_acme/members", map[string]any{"members": []any{"auth0|2"}}, ""))
	es, err = f.Poll(context.Background())
	if err != nil || len(es) != 2 || es[0].What != "added auth0|2" || es[0].Who.String() != "tf (API client)" {
		t.Fatalf("poll: %v %+v", err, es)
	}
	if q := lt.calls[len(lt.calls)-1]; len(lt.calls) != 3 || q.After != "0001" {
		t.Errorf("a poll is one call from the checkpoint: %+v", lt.calls)
	}
	if _, _ = f.Poll(context.Background()); lt.calls[len(lt.calls)-1].After != "0003" {
		t.Errorf("the checkpoint moves to the newest event read: %+v", lt.calls[len(lt.calls)-1])
	}
}

func TestTheArchiveKeepsWhatTheTenantNoLongerHas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "activity.json")
	lt := newLogTenant()
	for i, id := range []string{"0001", "0002", "0003"} {
		lt.log(client.LogEvent{ID: id, Date: t0.Add(time.Duration(i) * time.Hour), Type: "organization_member_added", OrgID: org, UserName: id})
	}
	a, err := OpenArchive(path, tenant, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewFeed(Source{Client: lt, Archive: a}, Query{Org: org}).Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the archive is private: %v %v", st, err)
	}
	lt.events = nil // the tenant's retention passed
	a, err = OpenArchive(path, tenant, 2)
	if err != nil {
		t.Fatal(err)
	}
	es, err := NewFeed(Source{Client: lt, Archive: a}, Query{Org: org}).Load(context.Background())
	if err != nil || len(es) != 2 || es[0].ID != "log:0003" || es[1].ID != "log:0002" {
		t.Errorf("the two newest kept, the oldest dropped at the bound: %v %+v", err, es)
	}
	other, err := OpenArchive(path, "other.auth0.com", 0)
	if err != nil || len(other.Events()) != 0 {
		t.Errorf("another tenant's archive is not read: %v %d", err, len(other.Events()))
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".activity-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
