package ui

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/org"
	"github.com/orgdash/orgdash/ui/table"
)

// This file is a tab as a newcomer would add one, to show what it takes:
// the roles members hold in an organization, each removable, on
// list.Tab and the client's RemoveRoles. Added for real it is this code
// in a package of its own (ui/roles/roles.go), one line in org.Tabs and
// its key in keymap/keymap.go; here the session's OrgTabs puts it on the
// page instead.

// grant is one role a member holds.
type grant struct {
	member client.Member
	role   client.Role
}

// rolesTab is the Roles tab.
type rolesTab struct{ list.Tab[grant] }

func rolesSpec(k key.Binding) common.TabSpec {
	s := common.TabSpec{Tab: "roles", Title: "Roles", Aliases: []string{"r"},
		Key: func(*keymap.KeyMap) key.Binding { return k }}
	s.New = func(c *common.Common, o client.Organization) common.Pane { return newRolesTab(c, o, s) }
	return s
}

func newRolesTab(c *common.Common, o client.Organization, spec common.TabSpec) *rolesTab {
	m := &rolesTab{}
	id := func(g grant) string { return g.member.UserID + " " + g.role.ID }
	m.Tab = list.NewOrgTab(c, o, spec, list.Spec[grant]{
		One: "role", Noun: "roles", Empty: "no member holds a role here",
		Columns: []table.Column{{Title: "MEMBER", Min: 12, Flex: 2}, {Title: "ROLE", Min: 8, Flex: 1}},
		ID:      id,
		Row:     func(g grant) table.Row { return table.NewRow(id(g), g.member.Email, g.role.Name) },
		Fetch: func(ctx context.Context, cl client.Client, from string) (client.Page[grant], error) {
			p, err := cl.Members(ctx, o.ID, from)
			var gs []grant
			for _, mem := range p.Items {
				for _, r := range mem.Roles {
					gs = append(gs, grant{mem, r})
				}
			}
			return client.Page[grant]{Items: gs, Next: p.Next}, err
		},
	}, m.actions)
	return m
}

func (m *rolesTab) Update(msg tea.Msg) (common.Pane, tea.Cmd) { return m, m.Route(msg) }

func (m *rolesTab) actions() common.Actions {
	g, none := m.Selection()
	o, cl, ctx, news := m.Org, m.Common.Client, m.Common.Ctx, m.News()
	what := common.Clean(g.role.Name) + " from " + common.Clean(g.member.Email)
	remove := common.Change(nil, func() common.Outcome {
		if err := cl.RemoveRoles(ctx, o.ID, g.member.UserID, []string{g.role.ID}); err != nil {
			return common.Outcome{Status: common.StatusMsg{Level: common.Failure, Text: common.Explain(err)}}
		}
		return list.Removed[grant](news, "took "+what, g.member.UserID+" "+g.role.ID)
	})
	return common.Actions{
		{Key: m.Common.Keys.Remove, Label: "Remove role", Needs: []client.Action{client.RemoveRoles}, Unavailable: none,
			Run: func() tea.Cmd {
				return dialog.Guard(m.Common, "Take "+what+"?", "In "+common.Clean(o.Name)+".", "Remove", o.Name, remove)
			}},
		m.CopyAction(),
		m.MoreAction("More options", nil),
	}
}

// A tab made of a spec, list.Tab and an existing write works on an
// organization's page like the dashboard's own: its key shows it with its
// count, help names its action, d asks and takes the role on the tenant,
// the row goes.
func TestFlowATabAddedFromASpec(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 1, Members: 3})
		eq := key.NewBinding(key.WithKeys("="), key.WithHelp("=", "roles")) // a key nothing has
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.OrgTabs = append(org.Tabs(), rolesSpec(eq)) })
		f.want("1 organization")
		f.press("enter")
		f.want("Roles") // in the tab bar
		grants := 0
		ids := f.memberIDs("acme")
		for _, id := range ids {
			rs, err := f.admin.Organization.MemberRoles(context.Background(), f.orgID("acme"), id)
			if err != nil {
				t.Fatal(err)
			}
			grants += len(rs.Roles)
		}
		f.press("=")
		f.wait(fmt.Sprintf("Roles (%d)", grants))
		f.want("MEMBER", "ROLE", "d remove")
		id := ids[0]
		before, err := f.admin.Organization.MemberRoles(context.Background(), f.orgID("acme"), id)
		if err != nil || len(before.Roles) == 0 {
			t.Fatalf("the first member holds no role to take: %v %v", before, err)
		}
		f.press("d")
		f.want("Take " + before.Roles[0].GetName() + " from")
		f.confirm("y")
		f.wait("took " + before.Roles[0].GetName())
		after, err := f.admin.Organization.MemberRoles(context.Background(), f.orgID("acme"), id)
		if err != nil || len(after.Roles) != len(before.Roles)-1 {
			t.Fatalf("the tenant has %v after taking one of %v: %v", after.Roles, before.Roles, err)
		}
		f.want(fmt.Sprintf("Roles (%d)", grants-1)) // its row gone
	})
}
