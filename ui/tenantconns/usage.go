package tenantconns

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Usage is one connection's organizations: those that enable it (or have
// it disabled), with its settings in each, as the scan read them.
type Usage struct {
	across.Runner[crossorg.Use]
	c    *common.Common
	tc   client.TenantConnection
	idx  *crossorg.Index
	list *list.Model[crossorg.Use]
	id   int // owns its scan ticks
}

var _ common.Screen = (*Usage)(nil)

// NewUsage makes the screen for tc; Init goes on with the scan if it is not done.
func NewUsage(c *common.Common, tc client.TenantConnection) *Usage {
	m := &Usage{c: c, tc: tc, idx: crossorg.IndexOf(c.Client), id: c.NextID()}
	m.Runner = across.NewRunner(c, across.RunnerSpec[crossorg.Use]{
		Scope: m.scope(), Title: common.Clean(tc.Name), Subject: common.Clean(tc.Name),
		Idle:  func() string { return ScanLine(c, m.idx) },
		Org:   func(u crossorg.Use) client.Organization { return u.Org },
		Again: m.again,
		List: list.Spec[crossorg.Use]{
			Noun:     "organizations",
			Empty:    "no organization read so far uses " + common.Clean(tc.Name),
			Markable: true,
			Columns: []table.Column{{Title: "ORGANIZATION", Min: 14, Flex: 3}, {Title: "ENABLED", Min: 7},
				{Title: "AUTO-MEMBER", Min: 11}, {Title: "BUTTON", Min: 6}, {Title: "SIGNUP", Min: 6}, {Title: "ID", Min: 20}},
			Row: func(u crossorg.Use) table.Row {
				dash := func(on, applies bool) string {
					if !applies {
						return "–"
					}
					return map[bool]string{true: "on", false: "off"}[on]
				}
				return table.NewRow(u.Org.ID, u.Org.Name, dash(u.Conn.Enabled, !u.Conn.Legacy), dash(u.Conn.AssignMembershipOnLogin, true),
					dash(u.Conn.ShowAsButton, client.IsEnterprise(tc.Strategy)), dash(u.Conn.SignupEnabled, client.IsDatabase(tc.Strategy)), u.Org.ID)
			},
			Fetch: func(context.Context, client.Client, string) (client.Page[crossorg.Use], error) {
				uses := crossorg.IndexOf(c.Client).Using(tc.ID)
				return client.Page[crossorg.Use]{Items: uses}, nil
			},
			Copy: func(u crossorg.Use) []common.Copyable {
				return []common.Copyable{{Label: "Organization ID", Value: u.Org.ID}, {Label: "Organization name", Value: u.Org.Name},
					{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+u.Org.ID+"/connections")}}
			},
		},
	}, m.actions)
	m.list = m.List()
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
	if cmd, took := m.Follow(msg); took {
		if _, tick := msg.(across.TickMsg); tick || m.Bulk() != nil && !m.Bulk().Running() {
			m.refill() // the index follows the change as it applies
		}
		return m, cmd
	}
	return m, m.Route(msg)
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

// Crumb is the breadcrumb's part.
func (m *Usage) Crumb() string { return common.Clean(m.tc.Name) }
