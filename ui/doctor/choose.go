package doctor

import (
	"cmp"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// The application a login goes through is taken from the person's recent
// log events; where they name none (or the wrong one), enter on the Why
// screen picks it from the tenant's applications, and the chain is walked
// again for it.

// appsMsg carries the applications to choose from.
type appsMsg struct {
	seq  int
	apps []client.Application
	err  error
}

// chosenMsg is the application picked.
type chosenMsg struct {
	seq int
	id  string
}

func (m *Why) chooseAction() common.Action {
	return common.Action{Key: dialog.Named(m.c.Keys.Open, "choose application"), Label: "Choose the application…", Needs: []client.Action{client.ReadApplications},
		Unavailable: func() string {
			if m.loading {
				return "still walking the chain"
			}
			return ""
		},
		Run: func() tea.Cmd {
			ctx, cl, seq := m.c.Ctx, m.c.Client, m.seq
			return func() tea.Msg {
				apps, err := cl.Applications(ctx)
				return appsMsg{seq: seq, apps: apps, err: err}
			}
		}}
}

// onApps opens the picker: each application with how it uses organizations.
func (m *Why) onApps(msg appsMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	if msg.err != nil {
		return common.Status(common.Failure, common.Explain(msg.err))
	}
	items := make([]dialog.Item, 0, len(msg.apps))
	for _, a := range msg.apps {
		id, seq := a.ID, m.seq
		items = append(items, dialog.Item{Label: common.Clean(a.Name) + "  (" + cmp.Or(a.OrgUsage, "deny") + ")",
			Then: func() tea.Msg { return chosenMsg{seq: seq, id: id} }})
	}
	return dialog.Open(dialog.NewMenu(m.c, "Which application do they log in to?", items))
}

// onChosen walks the chain again through the application picked.
func (m *Why) onChosen(msg chosenMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	m.q.ClientID = msg.id
	return m.Init()
}
