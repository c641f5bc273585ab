// Package orgs is the organizations screen: every organization of the
// tenant, streamed page by page, filterable and sortable by any column.
package orgs

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/doctor"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/org"
	"github.com/orgdash/orgdash/ui/table"
	"github.com/orgdash/orgdash/ui/tenantconns"
	"github.com/orgdash/orgdash/ui/users"
)

// Model is the organizations screen.
type Model struct {
	list.Tab[client.Organization]
	c    *common.Common
	list *list.Model[client.Organization]
}

var _ common.Screen = (*Model)(nil)

// New makes the screen; Init starts loading.
func New(c *common.Common) *Model {
	m := &Model{c: c}
	m.Tab = list.NewTab(c, list.Spec[client.Organization]{
		One: "organization", Header: m.header, News: &common.Touched{}, // another session added or deleted one
		Noun:  "organizations",
		Empty: "no organizations yet",
		Columns: []table.Column{{Title: "NAME", Min: 12, Flex: 3}, {Title: "DISPLAY NAME", Min: 12, Flex: 4},
			{Title: "ID", Min: 20}, {Title: "METADATA", Min: 10, Flex: 2}},
		ID: func(o client.Organization) string { return o.ID },
		Row: func(o client.Organization) table.Row {
			return table.NewRow(o.ID, o.Name, o.DisplayName, o.ID, metadataCell(o))
		},
		Search: search(time.Now),
		Fetch: func(ctx context.Context, cl client.Client, from string) (client.Page[client.Organization], error) {
			return cl.Organizations(ctx, from)
		},
		Sorted: func(col int, desc bool) list.FetchFunc[client.Organization] {
			field := map[int]string{0: "name", 1: "display_name"}[col] // Auth0 sorts by these (and created_at)
			if field == "" {
				return nil
			}
			return func(ctx context.Context, cl client.Client, from string) (client.Page[client.Organization], error) {
				return cl.OrganizationsSorted(ctx, field, desc, from)
			}
		},
		SortedUpTo: client.OffsetLimit,
		Count:      func(ctx context.Context, cl client.Client) (int, error) { return cl.CountOrganizations(ctx) },
		CountScope: "organizations",
		Copy: func(o client.Organization) []common.Copyable {
			return []common.Copyable{{Label: "ID", Value: o.ID}, {Label: "Name", Value: o.Name}, {Label: "Display name", Value: o.DisplayName},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+o.ID+"/overview")}}
		},
	}, m.actions)
	m.list = m.List()
	m.list.SetHidden(3, true) // METADATA: for the filter, not shown
	return m
}

// Update handles deletions wherever they began, the list's messages, then
// the action table.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if d, ok := msg.(org.DeletedMsg); ok { // the list is always in the stack
		if d.Err == nil {
			m.list.Drop(d.Org.ID)
		}
		return m, nil
	}
	if e, ok := msg.(org.EditedMsg); ok {
		if _, shown := m.list.Item(e.Org.ID); shown {
			m.list.Put(e.Org)
		}
		return m, nil
	}
	if a, ok := msg.(createAgainMsg); ok {
		return m, m.createFormWith(a.spec, a.conns)
	}
	if t, ok := msg.(tenantConnsMsg); ok {
		return m, m.createForm(t.conns)
	}
	if c, ok := msg.(createdMsg); ok { // made here: shown at once, the cursor on it
		m.list.Put(c.org)
		m.list.Select(c.org.ID)
		return m, nil
	}
	return m, m.Route(msg)
}

// actions is the screen's action table: keys, menu and help.
func (m *Model) actions() common.Actions {
	k := m.c.Keys
	o, ok := m.list.Selected()
	none := m.NeedsSelection()
	checkup := doctor.CheckupAction(m.c, o) // ! on a row checks that organization
	checkup.Unavailable = none
	return common.Actions{
		{Key: k.Open, Label: "Open", Unavailable: none, Run: func() tea.Cmd { return common.Push(org.New(m.c, o)) }},
		m.CopyAction(),
		org.DeleteAction(m.c, o, ok),
		checkup,
		m.createAction(),
		{Key: k.TenantConns, Label: "The tenant's connections, and who uses them", Needs: []client.Action{client.ReadTenantConnections},
			Run: func() tea.Cmd { return common.Push(tenantconns.New(m.c)) }},
		{Key: k.Users, Label: "Find people, and their organizations…", Needs: []client.Action{client.ReadUserOrganizations},
			Run: func() tea.Cmd { return users.Find(m.c) }},
		m.MoreAction("More options: "+common.Clean(o.Name), none),
		m.JSONAction(func(o client.Organization) string { return "Organization " + o.Name }, func(o client.Organization) client.Entity {
			return client.OrganizationEntity(o.ID)
		}),
	}
}

// header is the title line over the list.
func (m *Model) header() string {
	s := m.c.Styles
	n := m.list.Count()
	noun := " organizations"
	if n == 1 {
		noun = " organization"
	}
	return s.Title.Render(table.Count(n)) + s.Muted.Render(noun)
}

// Crumb is the breadcrumb's part.
func (m *Model) Crumb() string { return "Organizations" }

// Help is the filter's keys while it has the focus, else the screen's.
func (m *Model) Help() help.KeyMap {
	h := m.Tab.Help()
	if m.list.Capturing() {
		return h
	}
	k := m.c.Keys
	return common.HelpMap{Short: append(h.ShortHelp(), k.Jump, k.Help), Full: h.FullHelp()}
}

// Loaded are the organizations loaded so far, for the jump line to complete.
func (m *Model) Loaded() []client.Organization { return m.list.Items() }

// AllLoaded reports whether Loaded holds every organization of the tenant.
func (m *Model) AllLoaded() bool { return m.list.Complete() }
