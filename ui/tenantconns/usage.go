package tenantconns

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Usage is one connection's organizations: those that enable it (or have
// it disabled), with its settings in each, as the scan read them.
type Usage struct {
	c    *common.Common
	tc   client.TenantConnection
	idx  *client.Index
	list *list.Model[client.Use]
	id   int          // owns its scan ticks
	bulk *across.Bulk // the change across organizations it shows, if any
}

var _ common.Screen = (*Usage)(nil)

// NewUsage makes the screen for tc; Init goes on with the scan if it is not done.
func NewUsage(c *common.Common, tc client.TenantConnection) *Usage {
	m := &Usage{c: c, tc: tc, idx: client.IndexOf(c.Client), id: c.NextID()}
	m.list = list.New(c, list.Spec[client.Use]{
		Noun:     "organizations",
		Empty:    "no organization read so far uses " + common.Clean(tc.Name),
		Markable: true,
		Columns: []table.Column{{Title: "ORGANIZATION", Min: 14, Flex: 3}, {Title: "ENABLED", Min: 7},
			{Title: "AUTO-MEMBER", Min: 11}, {Title: "BUTTON", Min: 6}, {Title: "SIGNUP", Min: 6}, {Title: "ID", Min: 20}},
		ID: func(u client.Use) string { return u.Org.ID },
		Row: func(u client.Use) table.Row {
			dash := func(on, applies bool) string {
				if !applies {
					return "–"
				}
				return map[bool]string{true: "on", false: "off"}[on]
			}
			return table.NewRow(u.Org.ID, u.Org.Name, dash(u.Conn.Enabled, !u.Conn.Legacy), dash(u.Conn.AssignMembershipOnLogin, true),
				dash(u.Conn.ShowAsButton, client.IsEnterprise(tc.Strategy)), dash(u.Conn.SignupEnabled, client.IsDatabase(tc.Strategy)), u.Org.ID)
		},
		Fetch: func(context.Context, client.Client, string) (client.Page[client.Use], error) {
			uses := client.IndexOf(c.Client).Using(tc.ID)
			return client.Page[client.Use]{Items: uses}, nil
		},
		Copy: func(u client.Use) []common.Copyable {
			return []common.Copyable{{Label: "Organization ID", Value: u.Org.ID}, {Label: "Organization name", Value: u.Org.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+u.Org.ID+"/connections")}}
		},
	})
	return m
}

// Init shows what the index has and goes on with the scan where it stopped.
func (m *Usage) Init() tea.Cmd {
	cmds := []tea.Cmd{m.list.Init()}
	if !m.idx.Progress().Done && m.c.Why(common.Action{Needs: []client.Action{client.ReadConnections}}) == "" {
		cmds = append(cmds, Scan(m.c, m.idx, false, m.id))
	}
	return tea.Batch(cmds...)
}

// Update follows the scan and the change across organizations, then the
// list, then the action table.
func (m *Usage) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case scanTickMsg:
		if msg.idx != m.idx {
			return m, nil
		}
		m.refill()
		if msg.owner != m.id {
			return m, nil
		}
		return m, again(m.c, m.idx, m.id)
	case scannedMsg:
		m.refill()
		return m, nil
	}
	if cmd, took := across.Follow(m.c, m.list, &m.bulk, m.scope(), msg); took {
		if _, tick := msg.(across.TickMsg); tick || m.bulk != nil && !m.bulk.Running() {
			m.refill() // the index follows the change as it applies
		}
		return m, cmd
	}
	return m, m.list.Route(msg, m.actions)
}

func (m *Usage) scope() string { return "conn:" + m.tc.ID }

// refill shows the index as it is now: new organizations as the scan finds
// them, changes as they apply, removals gone.
func (m *Usage) refill() {
	uses := m.idx.Using(m.tc.ID)
	have := map[string]bool{}
	for _, u := range uses {
		have[u.Org.ID] = true
		m.list.Put(u)
	}
	for _, u := range m.list.Items() {
		if !have[u.Org.ID] {
			m.list.Drop(u.Org.ID)
		}
	}
}

// SetSize lays the screen out: a title line over the list.
func (m *Usage) SetSize(w, h int) { m.list.SetSize(w, h-1) }

// View draws the title line and the list.
func (m *Usage) View() string {
	s := m.c.Styles
	line := ScanLine(m.c, m.idx)
	if m.bulk.Running() {
		line = m.bulk.Status(m.c)
	}
	title := s.Title.Render(common.Clean(m.tc.Name)) + s.Muted.Render(fmt.Sprintf(" in %s · %s",
		table.Plural(m.list.Count(), "organization"), line))
	return title + "\n" + m.list.View()
}

// Crumb is the breadcrumb's part.
func (m *Usage) Crumb() string { return common.Clean(m.tc.Name) }

// Capturing reports whether the filter is taking keys.
func (m *Usage) Capturing() bool { return m.list.Capturing() }

// Help is the filter's keys while it has the focus, else the screen's.
func (m *Usage) Help() help.KeyMap { return m.list.Help(m.actions().Bindings(m.c)) }

func (m *Usage) more() tea.Cmd {
	return dialog.Open(dialog.NewMenu(m.c, "More options: "+common.Clean(m.tc.Name), dialog.Items(m.c, m.actions())))
}
