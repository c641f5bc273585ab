// Package groups is an organization's Groups tab: its groups (provisioned
// by SCIM) and the roles each gives its members there (Early Access),
// where the tenant has them. It reads.
package groups

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Tab is the Groups tab's name for ":" and for news.
const Tab common.Tab = "groups"

// Spec is the Groups tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: Tab, Title: "Groups", Aliases: []string{"g"}, Eager: true,
		Key: func(k *keymap.KeyMap) key.Binding { return k.Groups },
		New: func(c *common.Common, o client.Organization) common.Pane { return New(c, o) }}
}

// New makes the tab for o: it reads only.
func New(c *common.Common, o client.Organization) *list.ReadTab[client.Group] {
	return list.NewReadTab(c, o, Spec(), list.Spec[client.Group]{
		Optional: true, // hidden until the tenant says it has the feature, for good without it
		One:      "group",
		Noun:     "organization groups",
		Empty:    "no groups in this organization",
		Columns:  []table.Column{{Title: "GROUP", Min: 14, Flex: 2}, {Title: "ROLES IT GIVES", Min: 16, Flex: 4}, {Title: "ID", Min: 20}},
		ID:       func(g client.Group) string { return g.ID },
		Row: func(g client.Group) table.Row {
			names := make([]string, len(g.Roles))
			for i, r := range g.Roles {
				names[i] = r.Name
			}
			roles := strings.Join(names, ", ")
			if roles == "" {
				roles = "none"
			}
			return table.NewRow(g.ID, g.Name, roles, g.ID)
		},
		Copy: func(g client.Group) []common.Copyable {
			return []common.Copyable{{Label: "Group ID", Value: g.ID}, {Label: "Name", Value: g.Name}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Group], error) {
			gs, err := cl.OrgGroups(ctx, o.ID)
			return client.Page[client.Group]{Items: gs}, err
		},
	})
}
