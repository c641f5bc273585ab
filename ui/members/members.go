// Package members is an organization's Members tab: every member with
// roles, streamed page by page, filterable.
package members

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Members tab.
type Model struct {
	c       *common.Common
	org     client.Organization
	table   table.Model
	filter  table.Filter
	spinner spinner.Model
	members map[string]client.Member
	marks   map[string]bool
	states  map[string]rowState
	seq     int
	loading bool
	err     error
	width   int
}

var _ common.Pane = (*Model)(nil)

// New makes the tab for o; Init starts loading.
func New(c *common.Common, o client.Organization) *Model {
	m := &Model{c: c, org: o, filter: table.NewFilter(c.Keys), spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		members: map[string]client.Member{}, marks: map[string]bool{}, states: map[string]rowState{},
		table: table.New(c.Keys, c.Styles, "no members",
			table.Column{Title: "NAME", Min: 10, Flex: 3},
			table.Column{Title: "EMAIL", Min: 12, Flex: 4},
			table.Column{Title: "USER ID", Min: 12, Flex: 3},
			table.Column{Title: "ROLES", Min: 8, Flex: 2})}
	m.table.Gutter, m.table.Note = m.gutter, m.note
	return m
}

type pageMsg struct {
	seq  int
	page client.Page[client.Member]
	err  error
}

func fetch(c *common.Common, orgID string, seq int, from string) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return func() tea.Msg {
		p, err := cl.Members(ctx, orgID, from)
		return pageMsg{seq: seq, page: p, err: err}
	}
}

// Init starts loading the members.
func (m *Model) Init() tea.Cmd {
	m.seq = m.c.NextID()
	m.loading, m.err = true, nil
	m.members = map[string]client.Member{}
	m.marks = map[string]bool{}
	m.table.SetRows(nil)
	return tea.Batch(fetch(m.c, m.org.ID, m.seq, ""), m.spinner.Tick)
}

// Row is how a member shows in the table.
func Row(mem client.Member) table.Row {
	roles := make([]string, len(mem.Roles))
	for i, r := range mem.Roles {
		roles[i] = r.Name
	}
	return table.NewRow(mem.UserID, mem.Name, mem.Email, mem.UserID, strings.Join(roles, ", "))
}

// Update handles pages, keys and refreshes.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		if gone, ok := common.Gone(msg.err, m.org); ok {
			return m, func() tea.Msg { return gone }
		}
		rows := make([]table.Row, 0, len(msg.page.Items))
		for _, mem := range msg.page.Items {
			m.members[mem.UserID] = mem
			rows = append(rows, Row(mem))
		}
		m.table.Append(rows...)
		if msg.err != nil {
			m.loading, m.err = false, msg.err
			return m, nil
		}
		if msg.page.Next != "" {
			return m, fetch(m.c, m.org.ID, m.seq, msg.page.Next)
		}
		m.loading = false
	case startMsg:
		if msg.org == m.org.ID {
			return m, m.onStart(msg)
		}
	case removedMsg:
		if msg.org == m.org.ID {
			return m, m.onRemoved(msg)
		}
	case verifiedMsg:
		if msg.org == m.org.ID {
			return m, m.onVerified(msg)
		}
	case restoredMsg:
		if msg.org == m.org.ID {
			return m, m.onRestored(msg)
		}
	case markMsg:
		m.toggleMark()
	case common.RefreshMsg:
		return m, m.Init()
	case spinner.TickMsg:
		if m.loading || m.busy() {
			var cmd tea.Cmd
			m.spinner, cmd = m.spinner.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg, tea.PasteMsg:
		return m, m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.table.HandleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.Msg) tea.Cmd {
	if cmd, took := m.filter.Route(msg, &m.table); took {
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := m.c.Keys
	switch {
	case m.table.HandleKey(k):
	case key.Matches(k, keys.Back):
		return common.Back
	case key.Matches(k, keys.Copy):
		return m.copyID()
	case key.Matches(k, keys.Refresh):
		return m.Init()
	case key.Matches(k, keys.Mark):
		m.toggleMark()
	case key.Matches(k, keys.MarkAll):
		m.markAll()
	case key.Matches(k, keys.Unmark):
		m.marks = map[string]bool{}
	case key.Matches(k, keys.Remove):
		return m.confirmRemove()
	case key.Matches(k, keys.More):
		return m.menu()
	}
	return nil
}

// busy reports whether a removal is still settling.
func (m *Model) busy() bool {
	for _, st := range m.states {
		if st.phase == removing {
			return true
		}
	}
	return false
}

// SetSize lays the tab out.
func (m *Model) SetSize(w, h int) {
	m.width = w
	m.table.SetSize(w, h-1)
}

// View draws the table and the filter, position or error line.
func (m *Model) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	bottom := s.Muted.Render(m.table.Position())
	if f := m.filter.View(s, m.width/2); f != "" {
		bottom = f + "  " + bottom
	}
	if m.loading {
		bottom += "  " + m.spinner.View() + s.Muted.Render(" loading…")
	}
	if n := len(m.marks); n > 0 {
		bottom += "  " + s.Marked.Render(table.Count(n)+" marked")
	}
	if m.err != nil {
		bottom = s.Error.Render(common.Explain(m.err))
	}
	return m.table.View() + "\n" + bottom
}

// Title is the tab label with the count so far.
func (m *Model) Title() string {
	n := table.Count(m.table.Total())
	switch {
	case m.seq == 0:
		return "Members"
	case m.loading:
		return "Members (" + n + "…)"
	}
	return "Members (" + n + ")"
}

// Capturing reports whether the filter takes keys.
func (m *Model) Capturing() bool { return m.filter.Active() }

// Help lists the usable bindings.
func (m *Model) Help() help.KeyMap {
	k := m.c.Keys
	remove := m.c.Usable(k.Remove, client.RemoveMembers)
	return common.HelpMap{
		Short: []key.Binding{k.Mark, remove, k.More, k.Filter, k.Copy},
		Full: [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
			{k.Mark, k.MarkAll, k.Unmark, remove, k.More}, {k.Filter, k.Copy, k.Refresh, k.Back}},
	}
}
