// Package connections is an organization's Connections tab: each enabled or
// disabled connection with its settings, toggled, edited, removed (with
// undo) or enabled from the tenant's connections.
package connections

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Connections tab.
type Model struct{ list.Tab[client.Connection] }

// Spec is the Connections tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Connections, Title: "Connections", Aliases: []string{"c"}, Eager: true,
		Key: keymap.Named("connections"), New: common.MakePane(New)}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	return list.MakeOrgTab(c, o, Spec(), list.Spec[client.Connection]{
		One:   "connection",
		Noun:  "connections",
		Empty: "no connections enabled for this organization",
		Columns: []table.Column{{Title: "CONNECTION", Min: 14, Flex: 3}, {Title: "STRATEGY", Min: 13, Flex: 1},
			{Title: "ENABLED", Min: 7}, {Title: "AUTO-MEMBER", Min: 11}, {Title: "BUTTON", Min: 6}, {Title: "SIGNUP", Min: 6}},
		ID:  func(cn client.Connection) string { return cn.ID },
		Row: Row,
		Copy: func(cn client.Connection) []common.Copyable {
			return []common.Copyable{{Label: "Connection ID", Value: cn.ID}, {Label: "Name", Value: cn.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+o.ID+"/connections")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Connection], error) {
			conns, err := cl.Connections(ctx, o.ID)
			return client.Page[client.Connection]{Items: conns}, err
		},
	}, (*Model).actions)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// Row is how a connection shows: settings that do not apply to its
// strategy show as "–".
func Row(cn client.Connection) table.Row {
	button, signup := "–", "–"
	if client.IsEnterprise(cn.Strategy) {
		button = onOff(cn.ShowAsButton)
	}
	if client.IsDatabase(cn.Strategy) {
		signup = onOff(cn.SignupEnabled)
	}
	return table.NewRow(cn.ID, cn.Name, cn.Strategy, onOff(cn.Enabled), onOff(cn.AssignMembershipOnLogin), button, signup)
}

// Update handles change outcomes, the list's messages, then the action table.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case changingMsg:
		if msg.org == m.Org.ID {
			m.List().SetState(msg.id, list.State{Phase: list.Pending, Note: msg.what})
			return m, m.List().Spin()
		}
	case changedMsg:
		if msg.err == nil { // the tenant's index of who uses what follows changes made here
			cn := msg.conn
			cn.ID = msg.id
			crossorg.IndexOf(m.Common.Client).Put(msg.org, cn, msg.removed)
		}
		if msg.org == m.Org.ID {
			return m, m.onChanged(msg)
		}
	case pickMsg:
		if msg.org == m.Org.ID {
			return m, m.onPick(msg)
		}
	}
	return m, m.Route(msg)
}

// actions is the tab's action table: keys, menu and help.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	cn, ok := m.List().Selected()
	none := m.NeedsSelection()
	more := "More options"
	if ok {
		more += ": " + common.Clean(cn.Name)
	}
	toggle := "Disable (keep settings)"
	if ok && !cn.Enabled {
		toggle = "Enable (keep settings)"
	}
	run := func() tea.Cmd { return m.toggle(cn) }
	needs := []client.Action{client.ToggleConnection}
	if m.legacy() { // no enabled flag on this tenant: disabling is removing, and z brings it back
		toggle, run, needs = "Remove — z puts it back with its settings", func() tea.Cmd { return m.remove(cn) }, []client.Action{client.RemoveConnection}
	}
	return common.Actions{
		{Key: k.Toggle, Label: toggle, Needs: needs, Unavailable: none, Run: run},
		{Key: k.Edit, Label: "Edit settings", Needs: []client.Action{client.EditConnection}, Unavailable: none, Run: func() tea.Cmd { return m.edit(cn) }},
		{Key: k.Remove, Label: "Remove from organization", Needs: []client.Action{client.RemoveConnection}, Unavailable: none, Run: func() tea.Cmd { return m.remove(cn) }},
		m.CopyAction(),
		{Key: k.New, Label: "Enable another connection", Needs: []client.Action{client.EnableConnection, client.ReadTenantConnections}, Run: m.pick, Opens: true},
		m.MoreAction(more, nil),
		m.JSONAction(func(cn client.Connection) string { return "Connection " + cn.Name + " in " + m.Org.Name },
			func(cn client.Connection) client.Entity { return client.ConnectionEntity(m.Org.ID, cn.ID, cn.Legacy) }),
	}
}

// View draws the list.
func (m *Model) View() string {
	m.List().SetHidden(enabledColumn, m.legacy()) // an enabled flag the tenant does not have means nothing
	return m.Tab.View()
}

// enabledColumn is the ENABLED column's place.
const enabledColumn = 2

// legacy reports whether the tenant lacks the newer connections family,
// as its listed connections say.
func (m *Model) legacy() bool {
	for _, cn := range m.List().Items() {
		if cn.Legacy {
			return true
		}
	}
	return false
}
