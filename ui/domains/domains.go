// Package domains is an organization's Domains tab: its discovery domains
// (home-realm discovery by email domain), where the tenant has them.
package domains

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

// Model is the Domains tab.
type Model struct {
	list.Tab[client.DiscoveryDomain]
}

var _ common.Hideable = (*Model)(nil)

// Spec is the Domains tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Domains, Title: "Domains", Aliases: []string{"d"}, Eager: true,
		Key: keymap.Named("domains"), New: common.MakePane(New)}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	return list.MakeOrgTab(c, o, Spec(), list.Spec[client.DiscoveryDomain]{
		Optional: true, // hidden until the tenant says it has the feature, for good without it
		One:      "domain",
		Noun:     "discovery domains",
		Empty:    "no discovery domains: n adds one",
		Columns: []table.Column{{Title: "DOMAIN", Min: 16, Flex: 3}, {Title: "STATUS", Min: 8},
			{Title: "DISCOVERY", Min: 9}, {Title: "ID", Min: 12, Flex: 1}},
		ID:  func(d client.DiscoveryDomain) string { return d.ID },
		Row: row,
		Copy: func(d client.DiscoveryDomain) []common.Copyable {
			return []common.Copyable{{Label: "Domain", Value: d.Domain}, {Label: "Domain ID", Value: d.ID},
				{Label: "TXT record host", Value: d.TXTHost}, {Label: "TXT record value", Value: d.TXTValue},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+o.ID+"/overview")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.DiscoveryDomain], error) {
			ds, err := cl.DiscoveryDomains(ctx, o.ID)
			return client.Page[client.DiscoveryDomain]{Items: ds}, err
		},
	}, (*Model).actions)
}

func row(d client.DiscoveryDomain) table.Row {
	return table.NewRow(d.ID, d.Domain, client.DomainStatus(d.Verified), onOff(d.UseForDiscovery), d.ID)
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// Update gives msg to the list (a change's result among them), then the
// action table.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) { return m, m.Route(msg) }

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	d, none := m.Selection()
	return common.Actions{
		{Key: dialog.Named(k.New, "add domain"), Label: "Add a domain…", Needs: []client.Action{client.AddDomain}, Run: m.addForm},
		{Key: k.Open, Label: "Details", Unavailable: none, Run: func() tea.Cmd { return m.details(d) }},
		{Key: dialog.Named(k.Toggle, "discovery on/off"), Label: map[bool]string{true: "Stop using for discovery", false: "Use for discovery"}[d.UseForDiscovery],
			Needs: []client.Action{client.EditDomain}, Unavailable: none,
			Run: func() tea.Cmd { return m.confirmEdit(d, d.Verified, !d.UseForDiscovery) }},
		{Key: dialog.Named(k.Edit, "edit domain"), Label: "Edit status and discovery…", Needs: []client.Action{client.EditDomain}, Unavailable: none,
			Run: func() tea.Cmd { return m.editForm(d) }},
		{Key: k.Remove, Label: "Remove domain", Needs: []client.Action{client.RemoveDomain}, Unavailable: none,
			Run: func() tea.Cmd { return m.remove(d) }},
		m.CopyAction(),
		m.MoreAction("More options", nil),
		m.JSONAction(func(d client.DiscoveryDomain) string { return "Domain " + d.Domain }, func(d client.DiscoveryDomain) client.Entity {
			return client.DomainEntity(m.Org.ID, d.ID)
		}),
	}
}
