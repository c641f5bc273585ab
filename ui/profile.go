package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/orgs"
)

// switchedMsg is a profile switch's outcome.
type switchedMsg struct {
	name string
	ten  common.Tenancy
	err  error
}

// pickProfile offers the profiles the session may open now.
func (m *Model) pickProfile() tea.Cmd {
	var names []string
	if m.c.Profiles != nil {
		names = m.c.Profiles()
	}
	switch {
	case len(names) == 0 || m.c.Switch == nil:
		return common.Status(common.Info, "no profiles to switch to: add them to the config file (see the README)")
	case len(names) == 1 && names[0] == m.c.Profile:
		return common.Status(common.Info, "no other profile is open to you now")
	}
	items := make([]dialog.Item, 0, len(names))
	for _, name := range names {
		label := name
		if l, ok := m.c.ProfileLabels[name]; ok {
			label = common.Clean(l)
		}
		if name == m.c.Profile {
			label += " (current)"
		}
		sw := m.c.Switch
		items = append(items, dialog.Item{Label: label, Then: func() tea.Msg {
			ten, err := sw(name)
			return switchedMsg{name: name, ten: ten, err: err}
		}})
	}
	return dialog.Open(dialog.NewMenu(m.c, "Switch profile", items))
}

// onSwitched moves the session to the new tenant, starting from its
// organizations.
func (m *Model) onSwitched(msg switchedMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "profile "+msg.name+": "+common.Explain(msg.err))
	}
	m.c.Client, m.c.Profile, m.c.Protected = msg.ten.Client, msg.ten.Profile, msg.ten.Protected
	m.stack = []common.Screen{orgs.New(m.c)}
	m.undo = nil
	m.footer.SetUndo("", m.now())
	m.layout()
	return tea.Batch(m.top().Init(), watchBudget(m.c, 0), common.Status(common.Info, "switched to profile "+msg.name))
}
