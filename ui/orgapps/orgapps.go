// Package orgapps is an organization's Applications tab: the
// applications associated with it and whether its members may use each
// (Early Access), where the tenant has them. It reads; changing them is
// left to the Auth0 Dashboard for now.
package orgapps

import (
	"context"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Tab is the Applications tab's name for ":" and for news.
const Tab common.Tab = "applications"

// Spec is the Applications tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: Tab, Title: "Applications", Aliases: []string{"apps", "clients"}, Eager: true,
		Key: keymap.Named("applications-tab"), New: common.MakePane(New)}
}

// New makes the tab for o: it reads only.
func New(c *common.Common, o client.Organization) *list.ReadTab[client.OrgApplication] {
	return list.NewReadTab(c, o, Spec(), list.Spec[client.OrgApplication]{
		Optional: true, // hidden until the tenant says it has the feature, for good without it
		One:      "application",
		Noun:     "organization applications",
		Empty:    "no application is associated with this organization",
		Columns:  []table.Column{{Title: "APPLICATION", Min: 16, Flex: 3}, {Title: "MEMBER ACCESS", Min: 13}, {Title: "CLIENT ID", Min: 20, Flex: 1}},
		ID:       func(a client.OrgApplication) string { return a.ClientID },
		Row: func(a client.OrgApplication) table.Row {
			access := "no"
			if a.MemberAccess {
				access = "yes"
			}
			return table.NewRow(a.ClientID, a.Name, access, a.ClientID)
		},
		Copy: func(a client.OrgApplication) []common.Copyable {
			return []common.Copyable{{Label: "Client ID", Value: a.ClientID}, {Label: "Name", Value: a.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "applications/"+a.ClientID+"/settings")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.OrgApplication], error) {
			as, err := cl.OrgApplications(ctx, o.ID)
			return client.Page[client.OrgApplication]{Items: as}, err
		},
	})
}
