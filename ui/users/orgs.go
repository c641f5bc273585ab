package users

import (
	"cmp"
	"context"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Membership is one of a person's organizations and their roles there.
type Membership = client.Membership

// Orgs is one person's organizations.
type Orgs struct {
	c    *common.Common
	user client.User
	list *list.Model[Membership]
	bulk *across.Bulk
}

var _ common.Screen = (*Orgs)(nil)

// NewOrgs is u's organizations: their list (one call a page) and their
// roles in each (one call each, where the token may read them).
func NewOrgs(c *common.Common, u client.User) *Orgs {
	m := &Orgs{c: c, user: u}
	m.list = list.New(c, list.Spec[Membership]{
		Noun:     "organizations",
		Empty:    common.Clean(u.Email) + " is in no organization",
		Markable: true,
		Columns:  []table.Column{{Title: "ORGANIZATION", Min: 14, Flex: 2}, {Title: "ROLES", Min: 10, Flex: 3}, {Title: "ID", Min: 20}},
		ID:       func(ms Membership) string { return ms.Org.ID },
		Row: func(ms Membership) table.Row {
			return table.NewRow(ms.Org.ID, ms.Org.Name, strings.Join(client.RoleNames(ms.Roles), ", "), ms.Org.ID)
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[Membership], error) {
			ms, err := client.Memberships(ctx, cl, u.UserID)
			return client.Page[Membership]{Items: ms}, err
		},
		Copy: func(ms Membership) []common.Copyable {
			return []common.Copyable{{Label: "Organization ID", Value: ms.Org.ID}, {Label: "Organization name", Value: ms.Org.Name},
				{Label: "User ID", Value: u.UserID}}
		},
	})
	return m
}

// Init reads the organizations.
func (m *Orgs) Init() tea.Cmd { return m.list.Init() }

func (m *Orgs) scope() string { return "user:" + m.user.UserID }

// Update follows a change across organizations, then the list, then the action table.
func (m *Orgs) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case foundOrgMsg:
		if msg.user != m.user.UserID {
			return m, nil
		}
		return m, m.onFoundOrg(msg)
	}
	if cmd, took := across.Follow(m.c, m.list, &m.bulk, m.scope(), msg); took {
		return m, cmd
	}
	return m, m.list.Route(msg, m.actions)
}

// SetSize lays the screen out: a title line over the list.
func (m *Orgs) SetSize(w, h int) { m.list.SetSize(w, h-1) }

// View draws the title line and the list.
func (m *Orgs) View() string {
	s := m.c.Styles
	line := common.Clean(m.user.Email)
	if m.bulk.Running() {
		line = m.bulk.Status(m.c)
	}
	return s.Title.Render(common.Clean(cmp.Or(m.user.Name, m.user.Email))) + s.Muted.Render(" in "+
		table.Plural(m.list.Count(), "organization")+" · "+line) + "\n" + m.list.View()
}

// Crumb is the breadcrumb's part.
func (m *Orgs) Crumb() string { return common.Clean(cmp.Or(m.user.Email, m.user.UserID)) }

// Capturing reports whether the filter is taking keys.
func (m *Orgs) Capturing() bool { return m.list.Capturing() }

// Help is the filter's keys while it has the focus, else the screen's.
func (m *Orgs) Help() help.KeyMap { return m.list.Help(m.actions().Bindings(m.c)) }

func (m *Orgs) more() tea.Cmd {
	return dialog.Open(dialog.NewMenu(m.c, "More options: "+common.Clean(m.user.Email), dialog.Items(m.c, m.actions())))
}
