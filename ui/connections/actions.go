package connections

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/audit"
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
	note    string // what a read-back found after a lost answer
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
	for _, other := range m.List().Items() {
		if other.ID != cn.ID && other.Enabled {
			return false
		}
	}
	return true
}

// settingsMap is how settings read in the audit log's before and after.
func settingsMap(cn client.Connection) map[string]any {
	m := map[string]any{"is_enabled": cn.Enabled, "assign_membership_on_login": cn.AssignMembershipOnLogin,
		"show_as_button": cn.ShowAsButton, "is_signup_enabled": cn.SignupEnabled}
	if cn.OrgConnectionName != "" {
		m["organization_connection_name"] = cn.OrgConnectionName
	}
	if cn.AccessLevel != "" {
		m["organization_access_level"] = cn.AccessLevel
	}
	return m
}

// change is a change of connection prev of o, run by the root: fn makes
// the call with values it captured, on a context carrying the audit detail
// (before and after) and a receipt for a lost answer; done is what success
// says; undo, when set, is offered after success.
func change(ctx context.Context, o client.Organization, prev, next client.Connection, what, done string, undo func() *common.UndoMsg,
	fn func(context.Context) (client.Connection, bool, error)) tea.Cmd {
	return common.Change(changingMsg{org: o.ID, id: prev.ID, what: what}, func() common.Outcome {
		rc := &client.Receipt{}
		ctx := audit.WithDetail(client.WithReceipt(ctx, rc), audit.Detail{OrgName: o.Name,
			Names: map[string]string{prev.ID: prev.Name}, Before: settingsMap(prev), After: settingsMap(next)})
		conn, removed, err := fn(ctx)
		out := common.Outcome{Result: changedMsg{org: o.ID, id: prev.ID, conn: conn, removed: removed, prev: prev, err: err, note: rc.Note()},
			Touched: &common.Touched{Org: o.ID, Tab: common.Connections}}
		name := common.Clean(prev.Name)
		switch {
		case client.KindOf(err) == client.Undetermined:
			out.Status = common.StatusMsg{Level: common.Warning, Text: name + ": unverified: " + common.Explain(err)}
		case gone(err):
			out.Status = common.StatusMsg{Level: common.Warning, Text: name + " is no longer enabled for " + common.Clean(o.Name) + " (removed elsewhere); nothing was changed"}
		case err != nil:
			out.Status = common.StatusMsg{Level: common.Failure, Text: name + ": " + common.Explain(err)}
		default:
			out.Status = common.StatusMsg{Level: common.Success, Text: done}
			if note := rc.Note(); note != "" {
				out.Status.Text += " — " + note
			}
			if undo != nil {
				out.Undo = undo()
			}
		}
		return out
	})
}

// gone reports whether err says the connection is no longer the organization's.
func gone(err error) bool {
	var e *client.Error
	return errors.As(err, &e) && e.Kind == client.NotFound && strings.HasPrefix(e.Message, "No connection found")
}

func (m *Model) toggle(cn client.Connection) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	next := cn
	next.Enabled = !cn.Enabled
	verb := map[bool]string{true: "enabled", false: "disabled"}[next.Enabled]
	run := change(ctx, o, cn, next, map[bool]string{true: "enabling…", false: "disabling…"}[next.Enabled],
		verb+" "+common.Clean(cn.Name)+"; its settings are kept", nil, func(ctx context.Context) (client.Connection, bool, error) {
			c, err := cl.SetConnectionEnabled(ctx, o.ID, cn.ID, next.Enabled)
			return c, false, err
		})
	title := verbTitle(next.Enabled) + " " + common.Clean(cn.Name) + "?"
	body := fmt.Sprintf("%s %s for %s; its settings are kept.", verbTitle(next.Enabled), common.Clean(cn.Name), common.Clean(o.Name))
	if m.lastEnabled(cn) {
		title = "Disable the last enabled connection?"
		body = fmt.Sprintf("%s is the only enabled connection of %s. With it off, members could no longer log in to the organization. Its settings are kept.",
			common.Clean(cn.Name), common.Clean(o.Name))
	}
	return dialog.Guard(m.Common, title, body, verbTitle(next.Enabled), o.Name, run)
}

// diff says what an edit changes: "Auto-membership: on → off".
func diff(before, after client.ConnectionSettings, strategy string) string {
	var lines []string
	row := func(label string, a, b bool) {
		if a != b {
			lines = append(lines, fmt.Sprintf("%s: %s → %s", label, onOff(a), onOff(b)))
		}
	}
	row("Auto-membership", before.AssignMembershipOnLogin, after.AssignMembershipOnLogin)
	if client.IsEnterprise(strategy) {
		row("Show as a button", before.ShowAsButton, after.ShowAsButton)
	}
	if client.IsDatabase(strategy) {
		row("Signup", before.SignupEnabled, after.SignupEnabled)
	}
	text := func(label, a, b string) {
		if a != b {
			lines = append(lines, fmt.Sprintf("%s: %s → %s", label, unset(a), unset(b)))
		}
	}
	text("Name in this organization", common.Clean(before.OrgConnectionName), common.Clean(after.OrgConnectionName))
	text("Administrators' access", before.AccessLevel, after.AccessLevel)
	if len(lines) == 0 {
		return "Nothing changes: the settings are as they were."
	}
	return strings.Join(lines, "\n")
}

func unset(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

func (m *Model) edit(cn client.Connection) tea.Cmd {
	ctx, cl, o, c := m.Common.Ctx, m.Common.Client, m.Org, m.Common
	return dialog.Open(dialog.NewSettings(m.Common, "Settings of "+common.Clean(cn.Name), cn.Strategy, !cn.Legacy, cn.ConnectionSettings,
		func(s client.ConnectionSettings) tea.Cmd {
			next := cn
			next.ConnectionSettings = s
			run := change(ctx, o, cn, next, "saving…", "saved the settings of "+common.Clean(cn.Name), nil,
				func(ctx context.Context) (client.Connection, bool, error) {
					c, err := cl.UpdateConnection(ctx, o.ID, cn.ID, s)
					return c, false, err
				})
			return dialog.Guard(c, "Save the settings of "+common.Clean(cn.Name)+"?",
				"For "+common.Clean(o.Name)+":\n"+diff(cn.ConnectionSettings, s, cn.Strategy), "Save", o.Name, run)
		}))
}

func (m *Model) remove(cn client.Connection) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	body := fmt.Sprintf("Remove %s (%s) from %s. Its organization settings go with it; z puts it back with the same settings for %s.",
		common.Clean(cn.Name), cn.Strategy, common.Clean(o.Name), common.UndoWindow)
	if m.lastEnabled(cn) {
		body += "\n\nIt is the only enabled connection: members could no longer log in."
	}
	c := m.Common
	undo := func() *common.UndoMsg {
		return &common.UndoMsg{Org: o.ID, Label: "removal of " + common.Clean(cn.Name), Run: restore(c, o, cn)}
	}
	return dialog.Guard(m.Common, "Remove connection "+common.Clean(cn.Name)+"?", body, "Remove", o.Name,
		change(ctx, o, cn, client.Connection{ID: cn.ID, Name: cn.Name}, "removing…", "removed "+common.Clean(cn.Name), undo,
			func(ctx context.Context) (client.Connection, bool, error) {
				return cn, true, cl.RemoveConnection(ctx, o.ID, cn.ID)
			}))
}

// restore is the undo of a removal: enabled again with the same settings
// (and turned off again if it was off).
func restore(c *common.Common, o client.Organization, cn client.Connection) tea.Cmd {
	cl := c.Client
	return change(c.Ctx, o, client.Connection{ID: cn.ID, Name: cn.Name, Strategy: cn.Strategy}, cn, "restoring…",
		"restored "+common.Clean(cn.Name)+" with its settings", nil, func(ctx context.Context) (client.Connection, bool, error) {
			got, err := cl.EnableConnection(ctx, o.ID, cn.ID, cn.ConnectionSettings)
			if err == nil && !cn.Enabled {
				got, err = cl.SetConnectionEnabled(ctx, o.ID, cn.ID, false)
			}
			return got, false, err
		})
}

// pick loads the tenant's connections for the enable picker.
func (m *Model) pick() tea.Cmd {
	ctx, cl, org := m.Common.Ctx, m.Common.Client, m.Org.ID
	return func() tea.Msg {
		conns, err := cl.TenantConnections(ctx)
		return pickMsg{org: org, conns: conns, err: err}
	}
}

func (m *Model) onPick(msg pickMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, common.Explain(msg.err))
	}
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	var items []dialog.Item
	for _, tc := range msg.conns {
		if _, have := m.List().Item(tc.ID); have {
			continue
		}
		cn := client.Connection{ID: tc.ID, Name: tc.Name, Strategy: tc.Strategy}
		defaults := client.ConnectionSettings{ShowAsButton: true}
		c := m.Common
		name := ansi.Truncate(common.Clean(tc.Name), 32, "…") // a column, then the strategy
		label := name + strings.Repeat(" ", 33-ansi.StringWidth(name)) + m.Common.Styles.Muted.Render(common.Clean(tc.Strategy))
		items = append(items, dialog.Item{Label: label, Then: dialog.Open(dialog.NewSettings(m.Common,
			"Enable "+common.Clean(tc.Name)+" ("+tc.Strategy+")", tc.Strategy, !m.legacy(), defaults, func(s client.ConnectionSettings) tea.Cmd {
				next := cn
				next.Enabled, next.ConnectionSettings = true, s
				run := change(ctx, o, cn, next, "enabling…", "enabled "+common.Clean(tc.Name), nil,
					func(ctx context.Context) (client.Connection, bool, error) {
						c, err := cl.EnableConnection(ctx, o.ID, tc.ID, s)
						return c, false, err
					})
				return dialog.Guard(c, "Enable "+common.Clean(tc.Name)+" for "+common.Clean(o.Name)+"?",
					"With:\n"+diff(client.ConnectionSettings{}, s, tc.Strategy), "Enable", o.Name, run)
			}))})
	}
	if len(items) == 0 {
		return common.Status(common.Info, "every tenant connection is already enabled here")
	}
	return dialog.Open(dialog.NewMenu(m.Common, "Enable a connection for "+common.Clean(o.Name), items).Filterable())
}

// onChanged updates the row a change was about.
func (m *Model) onChanged(msg changedMsg) tea.Cmd {
	if gone, ok := common.Gone(msg.err, m.Org); ok {
		return func() tea.Msg { return gone }
	}
	switch {
	case gone(msg.err): // a stale row: that connection is not the organization's any more
		m.List().Drop(msg.id)
		return m.List().Init()
	case client.KindOf(msg.err) == client.Undetermined:
		m.List().SetState(msg.id, list.State{Phase: list.Unverified, Note: "unverified: " + common.Explain(msg.err)})
		return nil
	}
	if msg.err != nil {
		if _, shown := m.List().Item(msg.id); shown {
			m.List().SetState(msg.id, list.State{Phase: list.Failed, Note: "failed: " + common.Explain(msg.err)})
		}
		return nil
	}
	m.List().ClearState(msg.id)
	if msg.removed {
		m.List().Drop(msg.id)
		return nil
	}
	conn := msg.conn
	if conn.Name == "" { // some answers omit the connection's details
		conn.Name, conn.Strategy = msg.prev.Name, msg.prev.Strategy
	}
	_, shown := m.List().Item(conn.ID)
	m.List().Put(conn)
	if !shown { // a connection just enabled: the cursor goes to it
		m.List().Select(conn.ID)
	}
	return nil
}

func verbTitle(enable bool) string {
	if enable {
		return "Enable"
	}
	return "Disable"
}
