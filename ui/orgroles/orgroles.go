// Package orgroles is an organization's Roles tab: its own roles
// (organization-level roles, Early Access), where the tenant has them:
// list, create, delete, and who holds each.
package orgroles

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Tab is the Roles tab's name for ":" and for news.
const Tab common.Tab = "roles"

// Model is the Roles tab.
type Model struct{ list.Tab[client.Role] }

var _ common.Hideable = (*Model)(nil)

// Spec is the Roles tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: Tab, Title: "Roles", Aliases: []string{"org-roles"}, Eager: true,
		Key: keymap.Named("roles-tab"), New: common.MakePane(New)}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	return list.MakeOrgTab(c, o, Spec(), list.Spec[client.Role]{
		Optional: true, // hidden until the tenant says it has the feature, for good without it
		One:      "role",
		Noun:     "organization roles",
		Empty:    "no roles of its own: n creates one",
		Columns:  []table.Column{{Title: "ROLE", Min: 14, Flex: 2}, {Title: "DESCRIPTION", Min: 14, Flex: 4}, {Title: "ID", Min: 20}},
		ID:       func(r client.Role) string { return r.ID },
		Row:      func(r client.Role) table.Row { return table.NewRow(r.ID, r.Name, r.Description, r.ID) },
		Copy: func(r client.Role) []common.Copyable {
			return []common.Copyable{{Label: "Role ID", Value: r.ID}, {Label: "Name", Value: r.Name}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Role], error) {
			rs, err := cl.OrgRoles(ctx, o.ID)
			return client.Page[client.Role]{Items: rs}, err
		},
	}, (*Model).actions)
}

// Update handles the tab's changes, then the list's messages and keys.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case holdersMsg:
		if msg.org == m.Org.ID && msg.list == m.List() {
			return m, m.showHolders(msg)
		}
		return m, nil
	}
	return m, m.Route(msg)
}

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	r, none := m.Selection()
	return common.Actions{
		{Key: dialog.Named(k.New, "create role"), Label: "Create a role…", Needs: []client.Action{client.CreateOrgRole}, Run: m.createForm},
		{Key: dialog.Named(k.Open, "members"), Label: "Who holds it", Needs: []client.Action{client.ReadMembers}, Unavailable: none,
			Run: func() tea.Cmd { return m.holders(r) }, Opens: true},
		{Key: dialog.Named(k.Remove, "delete role"), Label: "Delete role", Needs: []client.Action{client.DeleteOrgRole}, Unavailable: none,
			Run: func() tea.Cmd { return m.remove(r) }},
		m.CopyAction(),
		m.MoreAction("More options", nil),
	}
}
