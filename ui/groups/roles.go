package groups

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// The roles a group gives are a call a group (GET …/groups/{id}/roles):
// the tab reads them for the groups on screen (and a screen's worth
// below), only while it is shown, once per load of the list. Until a
// group's answer is in, its cell says it is being read.

const rolesColumn = "ROLES IT GIVES"

// roleRead is one group's roles, once read, or why they could not be.
type roleRead struct {
	done  bool
	roles []client.Role
	err   error
}

// roleReads are the groups' roles asked for during one load of the list.
type roleReads struct {
	load   int                 // the list's load they belong to
	byID   map[string]roleRead // asked for (done once answered), by group id
	failed error               // the last read that failed
}

// rolesMsg is a group's roles, read for the list's load.
type rolesMsg struct {
	list  *list.Model[client.Group] // the tab's: another tab's answers are not its
	load  int
	group string
	roles []client.Role
	err   error
}

// readRoles asks for the roles of the groups on screen not yet asked
// for, while the tab is shown and the token may read them.
func (m *Model) readRoles() tea.Cmd {
	if m.roles.load != m.List().Load() { // the list reloaded: its roles too
		m.roles = roleReads{load: m.List().Load()}
	}
	if !m.shown || m.Common.Reason(client.ReadGroupRoles) != "" {
		return nil
	}
	if m.roles.byID == nil {
		m.roles.byID = map[string]roleRead{}
	}
	var cmds []tea.Cmd
	ctx, cl, org, l, load := m.Common.Ctx, m.Common.Client, m.Org.ID, m.List(), m.roles.load
	for _, g := range m.List().OnScreen() {
		if _, asked := m.roles.byID[g.ID]; asked {
			continue
		}
		m.roles.byID[g.ID] = roleRead{}
		id := g.ID
		cmds = append(cmds, func() tea.Msg {
			roles, err := cl.GroupRoles(ctx, org, id)
			return rolesMsg{list: l, load: load, group: id, roles: roles, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// onRoles shows a group's roles in its row.
func (m *Model) onRoles(r rolesMsg) {
	if r.load != m.roles.load || m.roles.byID == nil {
		return // an answer for a load the list has moved on from
	}
	m.roles.byID[r.group] = roleRead{done: true, roles: r.roles, err: r.err}
	if r.err != nil {
		m.roles.failed = r.err
	}
	if g, ok := m.List().Item(r.group); ok {
		m.List().Put(g) // redraws its row
	}
}

// rolesCell is what the roles column says of a group: the roles' names,
// "none", "— unknown" where they could not be read (the list says why),
// or "reading…" until they are.
func (m *Model) rolesCell(id string) string {
	if m.Common.Reason(client.ReadGroupRoles) != "" {
		return "— unknown"
	}
	r := m.roles.byID[id]
	switch {
	case m.roles.load != m.List().Load() || !r.done:
		return "reading…"
	case r.err != nil:
		return "— unknown"
	case len(r.roles) == 0:
		return "none"
	}
	names := make([]string, len(r.roles))
	for i, role := range r.roles {
		names[i] = role.Name
	}
	return strings.Join(names, ", ")
}

// rolesLack says, under the list, why roles show as unknown.
func (m *Model) rolesLack() string {
	if why := m.Common.Reason(client.ReadGroupRoles); why != "" {
		return rolesColumn + " unknown: " + why
	}
	if m.roles.failed != nil && m.roles.load == m.List().Load() {
		n := 0
		for _, r := range m.roles.byID {
			if r.done && r.err != nil {
				n++
			}
		}
		return rolesColumn + " of " + table.Plural(n, "group") + " unknown: " + common.Explain(m.roles.failed)
	}
	return ""
}
