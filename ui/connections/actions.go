package connections

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
)

// changingMsg marks a row whose change is about to be sent.
type changingMsg struct {
	org, id string
	what    string // "disabling…"
}

// changedMsg is the answer to a change of one connection.
type changedMsg struct {
	org     string
	id      string
	conn    client.Connection // the connection as it is now
	removed bool
	prev    client.Connection // as it was
	err     error
}

// pickMsg carries the tenant connections for the "enable" picker.
type pickMsg struct {
	org   string
	conns []client.TenantConnection
	err   error
}

// lastEnabled reports whether cn is the organization's only enabled connection.
func (m *Model) lastEnabled(cn client.Connection) bool {
	if !cn.Enabled {
		return false
	}
	for _, other := range m.list.Items() {
		if other.ID != cn.ID && other.Enabled {
			return false
		}
	}
	return true
}

// change is a change of connection prev of o, run by the root: fn makes
// the call with values it captured; done is what success says; undo, when
// set, is offered after success.
func change(o client.Organization, prev client.Connection, what, done string, undo func() *common.UndoMsg,
	fn func() (client.Connection, bool, error)) tea.Cmd {
	return common.Change(changingMsg{org: o.ID, id: prev.ID, what: what}, func() common.Outcome {
		conn, removed, err := fn()
		out := common.Outcome{Result: changedMsg{org: o.ID, id: prev.ID, conn: conn, removed: removed, prev: prev, err: err}}
		if err != nil {
			out.Status = common.StatusMsg{Level: common.Failure, Text: common.Clean(prev.Name) + ": " + common.Explain(err)}
			return out
		}
		out.Status = common.StatusMsg{Level: common.Success, Text: done}
		if undo != nil {
			out.Undo = undo()
		}
		return out
	})
}

func (m *Model) toggle(cn client.Connection) tea.Cmd {
	ctx, cl, o := m.c.Ctx, m.c.Client, m.org
	verb := map[bool]string{true: "enabled", false: "disabled"}[!cn.Enabled]
	run := change(o, cn, map[bool]string{true: "enabling…", false: "disabling…"}[!cn.Enabled],
		verb+" "+common.Clean(cn.Name)+"; its settings are kept", nil, func() (client.Connection, bool, error) {
			c, err := cl.SetConnectionEnabled(ctx, o.ID, cn.ID, !cn.Enabled)
			return c, false, err
		})
	switch {
	case m.lastEnabled(cn):
		return dialog.Guard(m.c, "Disable the last enabled connection?",
			fmt.Sprintf("%s is the only enabled connection of %s. With it off, members could no longer log in to the organization. Its settings are kept.",
				common.Clean(cn.Name), common.Clean(o.Name)), "Disable", o.Name, run)
	case m.c.Protected:
		return dialog.Guard(m.c, verbTitle(!cn.Enabled)+" "+common.Clean(cn.Name)+"?",
			fmt.Sprintf("%s %s for %s; its settings are kept.", verbTitle(!cn.Enabled), common.Clean(cn.Name), common.Clean(o.Name)),
			verbTitle(!cn.Enabled), o.Name, run)
	}
	return run
}

func (m *Model) edit(cn client.Connection) tea.Cmd {
	ctx, cl, o := m.c.Ctx, m.c.Client, m.org
	return dialog.Open(dialog.NewSettings(m.c, "Settings of "+common.Clean(cn.Name), cn.Strategy, cn.ConnectionSettings,
		func(s client.ConnectionSettings) tea.Cmd {
			return change(o, cn, "saving…", "saved the settings of "+common.Clean(cn.Name), nil, func() (client.Connection, bool, error) {
				c, err := cl.UpdateConnection(ctx, o.ID, cn.ID, s)
				return c, false, err
			})
		}))
}

func (m *Model) remove(cn client.Connection) tea.Cmd {
	ctx, cl, o := m.c.Ctx, m.c.Client, m.org
	body := fmt.Sprintf("Remove %s (%s) from %s. Its organization settings go with it; z puts it back with the same settings for %s.",
		common.Clean(cn.Name), cn.Strategy, common.Clean(o.Name), common.UndoWindow)
	if m.lastEnabled(cn) {
		body += "\n\nIt is the only enabled connection: members could no longer log in."
	}
	c := m.c
	undo := func() *common.UndoMsg {
		return &common.UndoMsg{Label: "removal of " + common.Clean(cn.Name), Run: restore(c, o, cn)}
	}
	return dialog.Guard(m.c, "Remove connection "+common.Clean(cn.Name)+"?", body, "Remove", o.Name,
		change(o, cn, "removing…", "removed "+common.Clean(cn.Name), undo, func() (client.Connection, bool, error) {
			return cn, true, cl.RemoveConnection(ctx, o.ID, cn.ID)
		}))
}

// restore is the undo of a removal: enabled again with the same settings
// (and turned off again if it was off).
func restore(c *common.Common, o client.Organization, cn client.Connection) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return change(o, cn, "restoring…", "restored "+common.Clean(cn.Name)+" with its settings", nil, func() (client.Connection, bool, error) {
		got, err := cl.EnableConnection(ctx, o.ID, cn.ID, cn.ConnectionSettings)
		if err == nil && !cn.Enabled {
			got, err = cl.SetConnectionEnabled(ctx, o.ID, cn.ID, false)
		}
		return got, false, err
	})
}

// pick loads the tenant's connections for the enable picker.
func (m *Model) pick() tea.Cmd {
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	return func() tea.Msg {
		conns, err := cl.TenantConnections(ctx)
		return pickMsg{org: org, conns: conns, err: err}
	}
}

func (m *Model) onPick(msg pickMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, common.Explain(msg.err))
	}
	ctx, cl, o := m.c.Ctx, m.c.Client, m.org
	var items []dialog.Item
	for _, tc := range msg.conns {
		if _, have := m.list.Item(tc.ID); have {
			continue
		}
		cn := client.Connection{ID: tc.ID, Name: tc.Name, Strategy: tc.Strategy}
		defaults := client.ConnectionSettings{ShowAsButton: true}
		items = append(items, dialog.Item{Label: common.Clean(tc.Name), Then: dialog.Open(dialog.NewSettings(m.c,
			"Enable "+common.Clean(tc.Name)+" ("+tc.Strategy+")", tc.Strategy, defaults, func(s client.ConnectionSettings) tea.Cmd {
				return change(o, cn, "enabling…", "enabled "+common.Clean(tc.Name), nil, func() (client.Connection, bool, error) {
					c, err := cl.EnableConnection(ctx, o.ID, tc.ID, s)
					return c, false, err
				})
			}))})
	}
	if len(items) == 0 {
		return common.Status(common.Info, "every tenant connection is already enabled here")
	}
	return dialog.Open(dialog.NewMenu(m.c, "Enable a connection for "+common.Clean(o.Name), items))
}

// onChanged updates the row a change was about.
func (m *Model) onChanged(msg changedMsg) tea.Cmd {
	if gone, ok := common.Gone(msg.err, m.org); ok {
		return func() tea.Msg { return gone }
	}
	if msg.err != nil {
		if _, shown := m.list.Item(msg.id); shown {
			m.list.SetState(msg.id, list.State{Phase: list.Failed, Note: "failed: " + common.Explain(msg.err)})
		}
		return nil
	}
	m.list.ClearState(msg.id)
	if msg.removed {
		m.list.Drop(msg.id)
		return nil
	}
	conn := msg.conn
	if conn.Name == "" { // some answers omit the connection's details
		conn.Name, conn.Strategy = msg.prev.Name, msg.prev.Strategy
	}
	m.list.Put(conn)
	return nil
}

func verbTitle(enable bool) string {
	if enable {
		return "Enable"
	}
	return "Disable"
}
