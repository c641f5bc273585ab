// Package grants is an organization's Machine-to-Machine Access tab: the
// tenant's client grants associated with the organization (each an
// application's access to an API, with its scopes), which its
// machine-to-machine tokens may be issued for; associate one, remove one.
package grants

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Tab is the Machine-to-Machine Access tab's name for ":" and for news.
const Tab common.Tab = "m2m"

// Grant is a client grant as the tab shows it: with its API's and its
// application's names, where the tenant lets them be read.
type Grant struct {
	client.ClientGrant
	API, App string // names; "" where unknown
}

// Model is the Machine-to-Machine Access tab.
type Model struct{ list.Tab[Grant] }

var _ common.Pane = (*Model)(nil)

// Spec is the Machine-to-Machine Access tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: Tab, Title: "M2M Access", Aliases: []string{"grants", "client-grants", "machine"},
		Key: keymap.Named("m2m-tab"), New: common.MakePane(New)}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	return list.MakeOrgTab(c, o, Spec(), list.Spec[Grant]{
		One:   "grant",
		Noun:  "organization client grants",
		Empty: "no machine-to-machine grant is associated: n associates one",
		Columns: []table.Column{{Title: "API", Min: 12, Flex: 2}, {Title: "IDENTIFIER", Min: 30, Flex: 2},
			{Title: "APPLICATION", Min: 12, Flex: 2}, {Title: "SCOPES", Min: 12, Flex: 3}},
		ID:  func(g Grant) string { return g.ID },
		Row: row,
		Copy: func(g Grant) []common.Copyable {
			return []common.Copyable{{Label: "Grant ID", Value: g.ID}, {Label: "Client ID", Value: g.ClientID},
				{Label: "API identifier", Value: g.Audience}, {Label: "Scopes", Value: strings.Join(g.Scopes, " ")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[Grant], error) {
			gs, err := cl.OrgClientGrants(ctx, o.ID)
			if err != nil {
				return client.Page[Grant]{}, err
			}
			return client.Page[Grant]{Items: named(ctx, cl, gs)}, nil
		},
	}, (*Model).actions)
}

// named gives each grant its API's and application's names, from one call
// each; a tenant that will not tell (a scope the token lacks) leaves the
// API's identifier and the client id shown instead.
func named(ctx context.Context, cl client.Client, gs []client.ClientGrant) []Grant {
	apis, apps := map[string]string{}, map[string]string{}
	if len(gs) > 0 {
		if rs, err := cl.ResourceServers(ctx); err == nil {
			for _, r := range rs {
				apis[r.Identifier] = r.Name
			}
		}
		if as, err := cl.Applications(ctx); err == nil {
			for _, a := range as {
				apps[a.ID] = a.Name
			}
		}
	}
	out := make([]Grant, 0, len(gs))
	for _, g := range gs {
		out = append(out, Grant{ClientGrant: g, API: apis[g.Audience], App: apps[g.ClientID]})
	}
	return out
}

func row(g Grant) table.Row {
	api := common.Clean(g.API)
	if api == "" {
		api = "(unnamed)"
	}
	app := common.Clean(g.ClientID)
	if g.App != "" {
		app = common.Clean(g.App)
	}
	scopes := common.Clean(strings.Join(g.Scopes, " "))
	if len(g.Scopes) == 0 {
		scopes = "(none)"
	}
	return table.NewRow(g.ID, api, common.Clean(g.Audience), app, scopes)
}

// Update handles the tab's changes, then the list's messages and keys.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case choicesMsg:
		if msg.org != m.Org.ID || msg.list != m.List() {
			return m, nil
		}
		return m, m.picker(msg)
	}
	return m, m.Route(msg)
}

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	g, none := m.Selection()
	return common.Actions{
		{Key: dialog.Named(k.New, "associate grant"), Label: "Associate a grant…",
			Needs: []client.Action{client.AssociateClientGrant, client.ReadClientGrants}, Run: m.choices, Opens: true},
		{Key: dialog.Named(k.Remove, "remove grant"), Label: "Remove from the organization", Needs: []client.Action{client.RemoveOrgClientGrant},
			Unavailable: none, Run: func() tea.Cmd { return m.remove(g) }},
		m.CopyAction(),
		m.MoreAction("More options", nil),
	}
}
