package activity

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

func entries() []activity.Entry {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	return []activity.Entry{
		{ID: "log:3", When: at.Add(3 * time.Minute), Kind: activity.LoginFailure, What: "Wrong password — bob",
			Who: activity.Who{Actor: activity.EndUser, Name: "bob@example.com"}, Elsewhere: true},
		{ID: "log:2", When: at.Add(2 * time.Minute), Kind: activity.Change, What: "disabled okta-workforce",
			Who: activity.Who{Actor: activity.Dashboard, Name: "ops@example.com"}, Elsewhere: true},
		{ID: "audit:1", When: at, Kind: activity.Change, What: "removed 12 members", Outcome: "ok",
			Who: activity.Who{Actor: activity.Orgdash, Name: "ines", Key: "SHA256:k"}},
	}
}

func TestKindAndPersonFilters(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	m := New(c, client.Organization{ID: "org_1", Name: "acme"})
	m.SetSize(120, 20)
	m.show(entries())
	if m.table.Len() != 3 {
		t.Fatalf("every entry: %d", m.table.Len())
	}
	m.Update(uitest.Key("K")) // changes only
	if m.table.Len() != 2 || !strings.Contains(ansi.Strip(m.View()), "changes only") {
		t.Fatalf("changes: %d\n%s", m.table.Len(), m.View())
	}
	m.Update(uitest.Key("j")) // the orgdash change
	m.Update(uitest.Key("P"))
	if m.table.Len() != 1 || !strings.Contains(m.View(), "removed 12 members") {
		t.Fatalf("ines's changes: %d\n%s", m.table.Len(), ansi.Strip(m.View()))
	}
	m.Update(uitest.Key("P"))
	for range 4 { // memberships, logins, login failures, every kind
		m.Update(uitest.Key("K"))
	}
	if m.table.Len() != 3 {
		t.Errorf("back to everything: %d", m.table.Len())
	}
}

func TestTheDetailFitsTheScreen(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	e := entries()[1]
	e.Method, e.Path = "PATCH", "/api/v2/organizations/org_1/connections/con_1"
	e.Body = map[string]any{"organization_connection_name": strings.Repeat("long name ", 30)}
	e.Before, e.After = map[string]any{"is_enabled": true}, map[string]any{"is_enabled": false}
	d := NewDetail(c, e, false)
	d.SetSize(40, 12)
	lines := strings.Split(d.View(), "\n")
	if len(lines) != 12 {
		t.Errorf("%d lines in a 12-line room", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("a line of %d columns in 40: %q", w, l)
		}
	}
	if text := DetailText(e, false); !strings.Contains(text, "is_enabled: true → false") || !strings.Contains(text, "ops@example.com (Dashboard)") {
		t.Errorf("before → after and who:\n%s", text)
	}
}
