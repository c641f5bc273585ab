package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/tenantconns"
	"github.com/orgdash/orgdash/ui/users"
)

// foundConnMsg is the tenant connection a ":connection NAME" named.
type foundConnMsg struct {
	name string
	tc   client.TenantConnection
	err  error
}

// findConnection looks name up among the tenant's connections (one call):
// its name or id, exactly, else the only one whose name starts so.
func (m *Model) findConnection(name string) tea.Cmd {
	if name == "" {
		return common.Status(common.Warning, "usage: :connection NAME (or its con_ id)")
	}
	ctx, cl := m.c.Ctx, m.c.Client
	return func() tea.Msg {
		tcs, err := cl.TenantConnections(ctx)
		if err != nil {
			return foundConnMsg{name: name, err: err}
		}
		var starts []client.TenantConnection
		for _, tc := range tcs {
			if tc.Name == name || tc.ID == name {
				return foundConnMsg{name: name, tc: tc}
			}
			if strings.HasPrefix(strings.ToLower(tc.Name), strings.ToLower(name)) {
				starts = append(starts, tc)
			}
		}
		if len(starts) == 1 {
			return foundConnMsg{name: name, tc: starts[0]}
		}
		return foundConnMsg{name: name, err: &client.Error{Kind: client.NotFound, Message: "no connection named " + name}}
	}
}

func (m *Model) onFoundConn(msg foundConnMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Warning, common.Explain(msg.err))
	}
	m.stack = m.stack[:1]
	s := tenantconns.NewUsage(m.c, msg.tc)
	m.stack = append(m.stack, s)
	m.layout()
	return s.Init()
}

// findUser opens the people found by text (an email, a name, a user id).
func (m *Model) findUser(text string) tea.Cmd {
	if text == "" {
		return common.Status(common.Warning, "usage: :user EMAIL, NAME or user id")
	}
	m.stack = m.stack[:1]
	s := users.New(m.c, text)
	m.stack = append(m.stack, s)
	m.layout()
	return s.Init()
}

// connNamesMsg is the tenant's connection names, for the jump line to complete.
type connNamesMsg struct{ names []string }

// askConnNames reads the tenant's connections once a session, when the
// token may, so ":connection NAME" completes; nil once asked.
func (m *Model) askConnNames() tea.Cmd {
	if m.connAsked || !m.c.Client.Capabilities().Can(client.ReadConnections).Allowed {
		return nil
	}
	m.connAsked = true
	ctx, cl := m.c.Ctx, m.c.Client
	return func() tea.Msg {
		tcs, err := cl.TenantConnections(ctx)
		if err != nil {
			return nil // the line still takes a name typed out
		}
		names := make([]string, len(tcs))
		for i, tc := range tcs {
			names[i] = tc.Name
		}
		return connNamesMsg{names: names}
	}
}

func (m *Model) onConnNames(msg connNamesMsg) tea.Cmd {
	m.connNames = msg.names
	if m.jumping {
		m.refreshSuggestions()
	}
	return nil
}
