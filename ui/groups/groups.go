// Package groups is an organization's Groups tab: its groups (provisioned
// by SCIM) and the roles each gives its members there (Early Access),
// where the tenant has them. It reads. Opening the page reads the first
// page of groups only (one call, for the title and to learn the tenant has
// them); the roles, a call a group, are read for the groups on screen
// while the tab is shown (roles.go).
package groups

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Tab is the Groups tab's name for ":" and for news.
const Tab common.Tab = "groups"

// Model is the Groups tab.
type Model struct {
	list.Tab[client.Group]
	shown bool      // the tab is on screen: the roles of the groups on it are read
	roles roleReads // of the list's current load
}

var (
	_ common.Hideable = (*Model)(nil)
	_ common.Watcher  = (*Model)(nil)
)

// Spec is the Groups tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: Tab, Title: "Groups", Aliases: []string{"g"}, Eager: true,
		Key: keymap.Named("groups-tab"), New: common.MakePane(New)}
}

// New makes the tab for o: it reads only.
func New(c *common.Common, o client.Organization) *Model {
	m := &Model{}
	m.Tab = list.NewOrgTab(c, o, Spec(), list.Spec[client.Group]{
		Optional: true, // hidden until the tenant says it has the feature, for good without it
		One:      "group",
		Noun:     "organization groups",
		Empty:    "no groups in this organization",
		Columns:  []table.Column{{Title: "GROUP", Min: 14, Flex: 2}, {Title: rolesColumn, Min: 16, Flex: 4}, {Title: "ID", Min: 20}},
		ID:       func(g client.Group) string { return g.ID },
		Row:      func(g client.Group) table.Row { return table.NewRow(g.ID, g.Name, m.rolesCell(g.ID), g.ID) },
		Lacks:    m.rolesLack,
		Copy: func(g client.Group) []common.Copyable {
			return []common.Copyable{{Label: "Group ID", Value: g.ID}, {Label: "Name", Value: g.Name}}
		},
		Fetch: func(ctx context.Context, cl client.Client, from string) (client.Page[client.Group], error) {
			return cl.OrgGroups(ctx, o.ID, from)
		},
	}, func() common.Actions {
		return common.Actions{m.CopyAction(), m.jsonAction(c), m.MoreAction("More options", nil)}
	})
	return m
}

// jsonAction is J on a group: offered as elsewhere, but never available,
// so that J says why rather than doing nothing. orgdash reads a group only
// in its organization's list (GET /organizations/{id}/groups, Early
// Access); Auth0's tenant-level GET /groups/{id} (read:groups) is not among
// the calls it makes, nor in the simulator, yet.
func (m *Model) jsonAction(c *common.Common) common.Action {
	return common.Action{Key: c.Keys.ViewJSON, Label: "View JSON", Unavailable: func() string {
		return "orgdash reads a group only in its organization's list, not by GET /groups/{id} (y copies its ID)"
	}}
}

// SetShown starts reading the roles of the groups on screen when the tab
// is shown; hidden, it reads no more.
func (m *Model) SetShown(shown bool) tea.Cmd {
	m.shown = shown
	return m.readRoles()
}

// Update shows the roles read, gives msg to the list, then the action
// table, and reads the roles of groups that came on screen.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	if r, ok := msg.(rolesMsg); ok {
		if r.list == m.List() {
			m.onRoles(r)
		}
		return m, nil
	}
	return m, tea.Batch(m.Route(msg), m.readRoles())
}
