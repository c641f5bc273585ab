package connections

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// changedMsg is the answer to a change of one connection.
type changedMsg struct {
	org     string
	id      string
	conn    client.Connection // the connection as it is now
	removed bool
	prev    client.Connection // as it was, for undo
	done    string            // what to say on success
	err     error
}

// pickMsg carries the tenant connections for the "enable" picker.
type pickMsg struct {
	org   string
	conns []client.TenantConnection
	err   error
}

// startMsg marks a row pending on the UI goroutine, then runs the call.
type startMsg struct {
	org, id string
	run     tea.Cmd
}

func (m *Model) selected() (client.Connection, bool) {
	r, ok := m.table.Selected()
	if !ok {
		return client.Connection{}, false
	}
	cn, ok := m.conns[r.ID]
	return cn, ok
}

// lastEnabled reports whether cn is the organization's only enabled connection.
func (m *Model) lastEnabled(cn client.Connection) bool {
	if !cn.Enabled {
		return false
	}
	for _, other := range m.conns {
		if other.ID != cn.ID && other.Enabled {
			return false
		}
	}
	return true
}

// call runs fn for connection prev, reporting the result as changedMsg.
func (m *Model) call(prev client.Connection, done string, fn func() (client.Connection, bool, error)) tea.Cmd {
	org, id := m.org.ID, prev.ID
	return func() tea.Msg {
		return startMsg{org: org, id: id, run: func() tea.Msg {
			conn, removed, err := fn()
			return changedMsg{org: org, id: id, conn: conn, removed: removed, prev: prev, done: done, err: err}
		}}
	}
}

func (m *Model) toggle() tea.Cmd {
	cn, ok := m.selected()
	if !ok {
		return nil
	}
	if ok, why := m.c.Can(client.ToggleConnection); !ok {
		return why
	}
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	verb := map[bool]string{true: "enabled", false: "disabled"}[!cn.Enabled]
	run := m.call(cn, verb+" "+common.Clean(cn.Name)+"; its settings are kept", func() (client.Connection, bool, error) {
		c, err := cl.SetConnectionEnabled(ctx, org, cn.ID, !cn.Enabled)
		return c, false, err
	})
	switch {
	case m.lastEnabled(cn):
		return dialog.Guard(m.c, "Disable the last enabled connection?",
			fmt.Sprintf("%s is the only enabled connection of %s. With it off, members could no longer log in to the organization. Its settings are kept.",
				common.Clean(cn.Name), common.Clean(m.org.Name)), "Disable", m.org.Name, run)
	case m.c.Protected:
		return dialog.Guard(m.c, verbTitle(!cn.Enabled)+" "+common.Clean(cn.Name)+"?",
			fmt.Sprintf("%s %s for %s; its settings are kept.", verbTitle(!cn.Enabled), common.Clean(cn.Name), common.Clean(m.org.Name)),
			verbTitle(!cn.Enabled), m.org.Name, run)
	}
	return run
}

func (m *Model) edit() tea.Cmd {
	cn, ok := m.selected()
	if !ok {
		return nil
	}
	if ok, why := m.c.Can(client.EditConnection); !ok {
		return why
	}
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	return dialog.Open(dialog.NewSettings(m.c, "Settings of "+common.Clean(cn.Name), cn.Strategy, cn.ConnectionSettings,
		func(s client.ConnectionSettings) tea.Cmd {
			return m.call(cn, "saved the settings of "+common.Clean(cn.Name), func() (client.Connection, bool, error) {
				c, err := cl.UpdateConnection(ctx, org, cn.ID, s)
				return c, false, err
			})
		}))
}

func (m *Model) remove() tea.Cmd {
	cn, ok := m.selected()
	if !ok {
		return nil
	}
	if ok, why := m.c.Can(client.RemoveConnection); !ok {
		return why
	}
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	body := fmt.Sprintf("Remove %s (%s) from %s. Its organization settings go with it; z puts it back with the same settings for %s.",
		common.Clean(cn.Name), cn.Strategy, common.Clean(m.org.Name), common.UndoWindow)
	if m.lastEnabled(cn) {
		body += "\n\nIt is the only enabled connection: members could no longer log in."
	}
	return dialog.Guard(m.c, "Remove connection "+common.Clean(cn.Name)+"?", body, "Remove", m.org.Name,
		m.call(cn, "removed "+common.Clean(cn.Name), func() (client.Connection, bool, error) {
			return cn, true, cl.RemoveConnection(ctx, org, cn.ID)
		}))
}

// restore is the undo of a removal: enabled again with the same settings
// (and turned off again if it was off).
func (m *Model) restore(cn client.Connection) tea.Cmd {
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	return m.call(cn, "restored "+common.Clean(cn.Name)+" with its settings", func() (client.Connection, bool, error) {
		c, err := cl.EnableConnection(ctx, org, cn.ID, cn.ConnectionSettings)
		if err == nil && !cn.Enabled {
			c, err = cl.SetConnectionEnabled(ctx, org, cn.ID, false)
		}
		return c, false, err
	})
}

// pick loads the tenant's connections for the enable picker.
func (m *Model) pick() tea.Cmd {
	if ok, why := m.c.Can(client.EnableConnection); !ok {
		return why
	}
	if ok, why := m.c.Can(client.ReadTenantConnections); !ok {
		return why
	}
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
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	var items []dialog.Item
	for _, tc := range msg.conns {
		if _, have := m.conns[tc.ID]; have {
			continue
		}
		defaults := client.ConnectionSettings{ShowAsButton: true}
		items = append(items, dialog.Item{Label: common.Clean(tc.Name), Key: "", Then: dialog.Open(dialog.NewSettings(m.c,
			"Enable "+common.Clean(tc.Name)+" ("+tc.Strategy+")", tc.Strategy, defaults, func(s client.ConnectionSettings) tea.Cmd {
				return m.call(client.Connection{ID: tc.ID, Name: tc.Name, Strategy: tc.Strategy}, "enabled "+common.Clean(tc.Name),
					func() (client.Connection, bool, error) {
						c, err := cl.EnableConnection(ctx, org, tc.ID, s)
						return c, false, err
					})
			}))})
	}
	if len(items) == 0 {
		return common.Status(common.Info, "every tenant connection is already enabled here")
	}
	return dialog.Open(dialog.NewMenu(m.c, "Enable a connection for "+common.Clean(m.org.Name), items))
}

func (m *Model) onStart(msg startMsg) tea.Cmd {
	m.c.Began()
	m.pending[msg.id] = true
	return msg.run
}

func (m *Model) onChanged(msg changedMsg) tea.Cmd {
	m.c.Ended()
	delete(m.pending, msg.id)
	if gone, ok := common.Gone(msg.err, m.org); ok {
		return func() tea.Msg { return gone }
	}
	if msg.err != nil {
		m.failed[msg.id] = "failed: " + common.Explain(msg.err)
		return common.Status(common.Failure, common.Explain(msg.err))
	}
	delete(m.failed, msg.id)
	var cmds []tea.Cmd
	if msg.removed {
		delete(m.conns, msg.id)
		m.table.Remove(msg.id)
		cmds = append(cmds, common.Offer("removal of "+common.Clean(msg.prev.Name), m.restore(msg.prev)))
	} else {
		conn := msg.conn
		if conn.Name == "" { // some answers omit the connection's details
			conn.Name, conn.Strategy = msg.prev.Name, msg.prev.Strategy
		}
		_, had := m.conns[conn.ID]
		m.conns[conn.ID] = conn
		if had {
			m.table.Replace(Row(conn))
		} else {
			m.table.Append(Row(conn))
		}
	}
	return tea.Batch(append(cmds, common.Status(common.Success, msg.done))...)
}

func (m *Model) menu() tea.Cmd {
	cn, ok := m.selected()
	items := []dialog.Item{}
	if ok {
		toggle := "Disable"
		if !cn.Enabled {
			toggle = "Enable"
		}
		items = append(items,
			dialog.Item{Label: toggle + " (keep settings)", Key: "t", Reason: m.c.Reason(client.ToggleConnection), Then: m.toggle()},
			dialog.Item{Label: "Edit settings", Key: "e", Reason: m.c.Reason(client.EditConnection), Then: m.edit()},
			dialog.Item{Label: "Remove from organization", Key: "d", Reason: m.c.Reason(client.RemoveConnection), Then: m.remove()},
			dialog.Item{Label: "Copy connection id", Key: "y", Then: m.copyID()})
	}
	reason := m.c.Reason(client.EnableConnection)
	if reason == "" {
		reason = m.c.Reason(client.ReadTenantConnections)
	}
	items = append(items, dialog.Item{Label: "Enable another connection", Key: "n", Reason: reason, Then: m.pick()})
	title := "More options"
	if ok {
		title += ": " + common.Clean(cn.Name)
	}
	return dialog.Open(dialog.NewMenu(m.c, title, items))
}

func (m *Model) copyID() tea.Cmd {
	if r, ok := m.table.Selected(); ok {
		return common.Copy(r.ID)
	}
	return nil
}

func verbTitle(enable bool) string {
	if enable {
		return "Enable"
	}
	return "Disable"
}
