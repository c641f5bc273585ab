// Package org is an organization's screen: the tabs of Tabs (Overview,
// Connections, Members, Invitations, Domains where the tenant has them,
// Activity). Opening it reads the organization, counts its members and lists its connections,
// invitations and discovery domains (one call each, for the tab titles);
// members load page by page when their tab is shown.
package org

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/doctor"
)

// Model is an organization's screen: a tab bar over the tabs of Tabs.
type Model struct {
	c       *common.Common
	org     client.Organization
	specs   []common.TabSpec
	tab     int // the shown tab's place in specs
	panes   []common.Pane
	started []bool
	width   int
	height  int
}

var _ common.Screen = (*Model)(nil)

// New makes the screen for o, on its Overview tab: its tabs are Tabs, or
// the session's own where it has them (c.OrgTabs, for a test's tab).
func New(c *common.Common, o client.Organization) *Model {
	specs := c.OrgTabs
	if specs == nil {
		specs = Tabs()
	}
	m := &Model{c: c, org: o, specs: specs, panes: make([]common.Pane, len(specs)), started: make([]bool, len(specs))}
	for i, s := range specs {
		m.panes[i] = s.New(c, o)
	}
	return m
}

// Init loads the first tab and, for the tab titles, starts the eager tabs
// (connections, invitations and discovery domains: one call each; the last
// also says whether the tenant has them) and asks the counters for their
// counts (members: one call).
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.show(m.tab)}
	for t, s := range m.specs {
		switch counter, ok := m.panes[t].(common.Counter); {
		case s.Eager && !m.started[t]:
			m.started[t] = true
			cmds = append(cmds, m.panes[t].Init())
		case ok && !m.started[t]:
			cmds = append(cmds, counter.Count())
		}
	}
	return tea.Batch(cmds...)
}

// index is where tab t is among the tabs, or -1.
func (m *Model) index(t common.Tab) int {
	return slices.IndexFunc(m.specs, func(s common.TabSpec) bool { return s.Tab == t })
}

// hidden reports whether tab t is hidden: a feature the tenant lacks, or
// has not said yet that it has.
func (m *Model) hidden(t int) bool {
	h, ok := m.panes[t].(common.Hideable)
	return ok && h.Hidden()
}

// step is the next shown tab from the current one, forwards or back.
func (m *Model) step(by int) int {
	t, n := m.tab, len(m.specs)
	for range n {
		t = (t + by + n) % n
		if !m.hidden(t) {
			break
		}
	}
	return t
}

// show switches to tab t, loading it the first time.
func (m *Model) show(t int) tea.Cmd {
	if t < 0 {
		return nil
	}
	if m.hidden(t) {
		return common.Status(common.Info, "this tenant has no "+strings.ToLower(m.specs[t].Title)+" tab")
	}
	if w, ok := m.panes[m.tab].(common.Watcher); ok && t != m.tab {
		w.SetShown(false)
	}
	m.tab = t
	m.panes[t].SetSize(m.width, m.height-2)
	var cmd tea.Cmd
	if !m.started[t] {
		m.started[t] = true
		cmd = m.panes[t].Init()
	}
	if w, ok := m.panes[t].(common.Watcher); ok {
		cmd = tea.Batch(cmd, w.SetShown(true))
	}
	return cmd
}

// Update routes keys to the tab bar or the shown pane, and async results to every started pane.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.GoneMsg:
		if msg.ID != m.org.ID {
			return m, nil
		}
		return m, func() tea.Msg {
			return common.PopMsg{Refresh: true, Status: "organization " + common.Clean(m.org.Name) + " no longer exists (deleted elsewhere); the list was refreshed"}
		}
	case DeletedMsg:
		if msg.Org.ID != m.org.ID {
			return m, nil
		}
		if msg.Err != nil {
			return m, nil // the organizations list reports it
		}
		return m, func() tea.Msg { return common.PopMsg{Refresh: true} }
	case common.JumpTabMsg:
		return m, m.show(m.index(msg.Tab))
	case EditedMsg:
		if msg.Org.ID == m.org.ID {
			m.org = msg.Org // the crumb and the tabs' titles follow a rename
		}
		return m, m.forward(m.index(common.Overview), msg)
	case common.CountedMsg: // every tab may show a count, shown or not
		var cmds []tea.Cmd
		for t := range m.panes {
			cmds = append(cmds, m.forward(t, msg))
		}
		return m, tea.Batch(cmds...)
	case common.RefreshMsg:
		return m, m.forward(m.tab, msg)
	case tea.KeyPressMsg:
		if m.panes[m.tab].Capturing() {
			return m, m.forward(m.tab, msg)
		}
		k := m.c.Keys
		switch {
		case key.Matches(msg, k.NextTab):
			return m, m.show(m.step(1))
		case key.Matches(msg, k.PrevTab):
			return m, m.show(m.step(-1))
		}
		for t, s := range m.specs {
			if key.Matches(msg, s.Key(k)) {
				return m, m.show(t)
			}
		}
		if cmd, took := (common.Actions{DeleteAction(m.c, m.org, true), doctor.CheckupAction(m.c, m.org)}).Handle(m.c, msg); took {
			return m, cmd // D deletes, ! checks, from every tab
		}
		return m, m.forward(m.tab, msg)
	case tea.MouseClickMsg:
		if msg.Y == 0 { // the tab bar: a click opens the tab under it
			if t, ok := m.tabAt(msg.X); ok {
				return m, m.show(t)
			}
			return m, nil
		}
		msg.Y -= 2 // the tab bar and the line under it
		return m, m.forward(m.tab, msg)
	case tea.MouseMsg, tea.PasteMsg:
		return m, m.forward(m.tab, msg)
	}
	var cmds []tea.Cmd
	for t := range m.panes {
		if m.started[t] {
			cmds = append(cmds, m.forward(t, msg))
		}
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) forward(t int, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.panes[t], cmd = m.panes[t].Update(msg)
	return cmd
}

// SetSize lays out the tab bar and the shown pane.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.panes[m.tab].SetSize(w, h-2)
}

// View draws the tab bar and the shown pane.
func (m *Model) View() string {
	labels, _ := m.tabLabels()
	return strings.Join(labels, m.c.Styles.Muted.Render("│")) + "\n\n" + m.panes[m.tab].View()
}

// tabLabels are the shown tabs as the bar draws them, with their tabs.
func (m *Model) tabLabels() ([]string, []int) {
	s := m.c.Styles
	tabs, which := make([]string, 0, len(m.panes)), make([]int, 0, len(m.panes))
	active := -1
	for t, p := range m.panes {
		if m.hidden(t) {
			continue
		}
		which = append(which, t)
		if t == m.tab {
			active = len(tabs)
			tabs = append(tabs, s.TabActive.Render(p.Title()))
		} else {
			tabs = append(tabs, s.TabInactive.Render(p.Title()))
		}
	}
	return fitTabs(tabs, which, active, m.width)
}

// tabAt is the tab drawn at column x of the bar.
func (m *Model) tabAt(x int) (int, bool) {
	end := 0
	labels, which := m.tabLabels()
	for i, label := range labels {
		end += lipgloss.Width(label)
		if x < end {
			return which[i], true
		}
		end++ // the separator
	}
	return 0, false
}

// Org is the organization shown, as its last edit left it.
func (m *Model) Org() client.Organization { return m.org }

// Crumb is the organization's name and the shown tab.
func (m *Model) Crumb() string { return common.Clean(m.org.Name) + " › " + m.specs[m.tab].Title }

// Capturing reports whether the shown pane takes text.
func (m *Model) Capturing() bool { return m.panes[m.tab].Capturing() }

// Help is the shown pane's bindings and the tab keys.
func (m *Model) Help() help.KeyMap {
	k := m.c.Keys
	ph := m.panes[m.tab].Help()
	if m.panes[m.tab].Capturing() {
		return ph
	}
	tabs := []key.Binding{k.NextTab, k.PrevTab}
	for t, s := range m.specs {
		if !m.hidden(t) {
			tabs = append(tabs, s.Key(k))
		}
	}
	tabs = append(tabs,
		common.Actions{DeleteAction(m.c, m.org, true), doctor.CheckupAction(m.c, m.org)}.Bindings(m.c)...)
	full := append([][]key.Binding{tabs}, ph.FullHelp()...)
	return common.HelpMap{Short: append(ph.ShortHelp(), k.NextTab, k.Back), Full: full}
}
