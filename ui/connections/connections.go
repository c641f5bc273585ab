// Package connections is an organization's Connections tab: each enabled or
// disabled connection with its settings.
package connections

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Connections tab.
type Model struct {
	c       *common.Common
	org     client.Organization
	table   table.Model
	conns   map[string]client.Connection
	pending map[string]bool   // changes sent and not answered
	failed  map[string]string // why the last change of a row failed
	seq     int
	loading bool
	err     error
}

var _ common.Pane = (*Model)(nil)

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	m := &Model{c: c, org: o, conns: map[string]client.Connection{}, pending: map[string]bool{}, failed: map[string]string{},
		table: table.New(c.Keys, c.Styles, "no connections enabled for this organization",
			table.Column{Title: "CONNECTION", Min: 14, Flex: 3},
			table.Column{Title: "STRATEGY", Min: 13, Flex: 1},
			table.Column{Title: "ENABLED", Min: 7},
			table.Column{Title: "AUTO-MEMBER", Min: 11},
			table.Column{Title: "BUTTON", Min: 6},
			table.Column{Title: "SIGNUP", Min: 6})}
	m.table.Gutter = func(id string) string {
		switch {
		case m.pending[id]:
			return "…"
		case m.failed[id] != "":
			return m.c.Styles.Error.Render("✗")
		}
		return ""
	}
	m.table.Note = func(id string) string {
		if why := m.failed[id]; why != "" {
			return m.c.Styles.Error.Render(why)
		}
		return ""
	}
	return m
}

type loadedMsg struct {
	seq   int
	conns []client.Connection
	err   error
}

// Init loads the connections.
func (m *Model) Init() tea.Cmd {
	m.seq = m.c.NextID()
	m.loading, m.err = true, nil
	ctx, cl, id, seq := m.c.Ctx, m.c.Client, m.org.ID, m.seq
	return func() tea.Msg {
		conns, err := cl.Connections(ctx, id)
		return loadedMsg{seq: seq, conns: conns, err: err}
	}
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

// Update handles the list and keys.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading = false
		if gone, ok := common.Gone(msg.err, m.org); ok {
			return m, func() tea.Msg { return gone }
		}
		m.err = msg.err
		rows := make([]table.Row, 0, len(msg.conns))
		m.conns = map[string]client.Connection{}
		for _, cn := range msg.conns {
			m.conns[cn.ID] = cn
			rows = append(rows, Row(cn))
		}
		m.table.SetRows(rows)
	case startMsg:
		if msg.org == m.org.ID {
			return m, m.onStart(msg)
		}
	case changedMsg:
		if msg.org == m.org.ID {
			return m, m.onChanged(msg)
		}
	case pickMsg:
		if msg.org == m.org.ID {
			return m, m.onPick(msg)
		}
	case common.RefreshMsg:
		return m, m.Init()
	case tea.MouseWheelMsg:
		m.table.HandleKey(msg)
	case tea.KeyPressMsg:
		k := m.c.Keys
		switch {
		case m.table.HandleKey(msg):
		case key.Matches(msg, k.Back):
			return m, common.Back
		case key.Matches(msg, k.Copy):
			return m, m.copyID()
		case key.Matches(msg, k.Refresh):
			return m, m.Init()
		case key.Matches(msg, k.Toggle):
			return m, m.toggle()
		case key.Matches(msg, k.Edit):
			return m, m.edit()
		case key.Matches(msg, k.Remove):
			return m, m.remove()
		case key.Matches(msg, k.New):
			return m, m.pick()
		case key.Matches(msg, k.More):
			return m, m.menu()
		}
	}
	return m, nil
}

// SetSize lays the tab out.
func (m *Model) SetSize(w, h int) { m.table.SetSize(w, h-1) }

// View draws the table and a status line.
func (m *Model) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	return m.table.View() + "\n" + m.table.Status(m.loading, m.err)
}

// Title is the tab label with the count once loaded.
func (m *Model) Title() string {
	return table.Title("Connections", m.table.Total(), m.seq != 0 && !m.loading)
}

// Capturing is always false: the tab takes no text.
func (m *Model) Capturing() bool { return false }

// Help lists the usable bindings.
func (m *Model) Help() help.KeyMap {
	k := m.c.Keys
	toggle, edit := m.c.Usable(k.Toggle, client.ToggleConnection), m.c.Usable(k.Edit, client.EditConnection)
	remove, add := m.c.Usable(k.Remove, client.RemoveConnection), m.c.Usable(k.New, client.EnableConnection)
	return common.HelpMap{Short: []key.Binding{toggle, edit, remove, add, k.More},
		Full: [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {toggle, edit, remove, add, k.More}, {k.Copy, k.Refresh, k.Back}}}
}
