// Package members is an organization's Members tab: every member with
// roles, loaded a page at a time as needed, filterable, sortable and markable, with
// removal and its undo (which puts the rows back without reloading).
package members

import (
	"context"
	"fmt"
	"github.com/orgdash/orgdash/doctor"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	uidoctor "github.com/orgdash/orgdash/ui/doctor"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Members tab.
type Model struct{ list.Tab[client.Member] }

// Spec is the Members tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Members, Title: "Members", Aliases: []string{"m"}, Eager: false,
		Key: keymap.Named("members"), New: common.MakePane(New)}
}

// New makes the tab for o; Init starts loading.
func New(c *common.Common, o client.Organization) *Model {
	s := &searcher{orgID: o.ID}
	return list.MakeOrgTab(c, o, Spec(), list.Spec[client.Member]{
		One:   "member",
		Noun:  "members",
		Empty: "no members",
		Columns: []table.Column{{Title: "NAME", Min: 10, Flex: 3}, {Title: "EMAIL", Min: 12, Flex: 4},
			{Title: "USER ID", Min: 12, Flex: 3}, {Title: "ROLES", Min: 8, Flex: 2}},
		ID: func(mem client.Member) string { return mem.UserID },
		Row: func(mem client.Member) table.Row {
			return Row(mem, s.rolesUnread(mem, c.Reason(client.ReadMemberRoles)))
		},
		Lacks: func() string {
			if why := c.Reason(client.ReadMemberRoles); why != "" {
				return "ROLES unknown: " + why
			}
			return ""
		},
		Markable: true,
		Fetch: func(ctx context.Context, cl client.Client, from string) (client.Page[client.Member], error) {
			return cl.Members(ctx, o.ID, from)
		},
		Search:     s.search,
		Count:      func(ctx context.Context, cl client.Client) (int, error) { return cl.CountMembers(ctx, o.ID) },
		CountScope: CountScope(o.ID),
		Copy: func(mem client.Member) []common.Copyable {
			return []common.Copyable{{Label: "User ID", Value: mem.UserID}, {Label: "Email", Value: mem.Email}, {Label: "Name", Value: mem.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, common.UserPath(mem.UserID))}}
		},
	}, (*Model).actions)
}

// Row is how a member shows in the table; rolesUnread is why their roles
// could not be read ("needs read:organization_member_roles"), "" if they were.
func Row(mem client.Member, rolesUnread string) table.Row {
	return table.NewRow(mem.UserID, mem.Name, mem.Email, mem.UserID, RolesCell(mem, rolesUnread))
}

// RolesCell is a member's roles, or "— unknown" when they could not be
// read (an empty cell would say the member has none); the list says why
// under its rows.
func RolesCell(mem client.Member, rolesUnread string) string {
	if rolesUnread != "" {
		return "— unknown"
	}
	roles := make([]string, len(mem.Roles))
	for i, r := range mem.Roles {
		roles[i] = r.Name
	}
	return strings.Join(roles, ", ")
}

// Update handles removal outcomes, the list's own messages, then the action table.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case removingMsg:
		if msg.org == m.Org.ID {
			return m, m.onRemoving(msg)
		}
	case removedMsg:
		if msg.org == m.Org.ID {
			m.onRemoved(msg)
		}
	case foundMsg:
		if msg.org == m.Org.ID {
			return m, m.pickFound(msg)
		}
	case rolesMsg:
		if msg.org == m.Org.ID {
			return m, m.pickRoles(msg)
		}
	case putMsg:
		if msg.org == m.Org.ID {
			for _, mem := range msg.members {
				m.List().Put(mem)
			}
		}
	}
	return m, m.Route(msg)
}

// actions is the tab's action table: keys, menu and help.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	ts := m.List().Targets()
	label := "Remove member"
	if len(ts) > 1 {
		label = fmt.Sprintf("Remove %s marked members", table.Count(len(ts)))
	}
	none := m.NeedsSelection()
	failed := m.List().Failed()
	retry := "Retry failed removals"
	if len(failed) > 0 {
		retry = "Retry " + table.Plural(len(failed), "failed removal")
	}
	return common.Actions{
		{Key: k.Remove, Label: label, Needs: []client.Action{client.RemoveMembers}, Unavailable: none,
			Run: func() tea.Cmd { return m.confirmRemove(ts) }},
		{Key: k.Retry, Label: retry, Needs: []client.Action{client.RemoveMembers}, Unavailable: func() string {
			if len(failed) == 0 {
				return "no removal has failed"
			}
			return ""
		}, Run: m.retryFailed},
		{Key: k.Open, Label: "Details", Needs: []client.Action{client.ReadUserOrganizations}, Unavailable: none, Run: func() tea.Cmd {
			mem, _ := m.List().Selected()
			return common.Push(NewDetail(m.Common, m.Org, mem))
		}},
		{Key: k.Mark, Label: "Mark / unmark", Unavailable: none, Run: m.List().MarkCmd},
		m.CopyAction(),
		m.addAction(), m.assignRoles(ts, none), m.removeRoles(ts, none),
		m.whyAction(),
		m.more(),
		m.JSONAction(func(mem client.Member) string { return "User " + mem.Email }, func(mem client.Member) client.Entity {
			return client.UserEntity(mem.UserID)
		}),
	}
}

// more is the More options row; with no member it opens nothing.
func (m *Model) more() common.Action {
	a := m.MoreAction("More options", nil)
	if len(m.List().Targets()) == 0 {
		a.Run = func() tea.Cmd { return nil }
	}
	return a
}

// CountScope names an organization's member count in a common.CountedMsg.
func CountScope(orgID string) string { return "members:" + orgID }

// Count asks the tenant how many members there are, before the tab is shown.
func (m *Model) Count() tea.Cmd { return m.List().CountCmd() }

// whyAction is w on the selected member: why can't they log in here?
func (m *Model) whyAction() common.Action {
	mem, ok := m.List().Selected()
	return uidoctor.WhyAction(m.Common, doctor.Question{Email: mem.Email, Org: m.Org.Name}, ok)
}
