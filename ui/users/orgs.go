package users

import (
	"cmp"
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Membership is one of a person's organizations and their roles there.
type Membership = client.Membership

// Orgs is one person's organizations.
type Orgs struct {
	across.Runner[Membership]
	c    *common.Common
	user client.User
	list *list.Model[Membership]
}

var _ common.Screen = (*Orgs)(nil)

// NewOrgs is u's organizations: their list (one call a page) and their
// roles in each (one call each, where the token may read them).
func NewOrgs(c *common.Common, u client.User) *Orgs {
	m := &Orgs{c: c, user: u}
	m.Runner = across.NewRunner(c, across.RunnerSpec[Membership]{
		Scope: m.scope(), Title: common.Clean(cmp.Or(u.Name, u.Email)), Subject: common.Clean(u.Email),
		Idle:  func() string { return common.Clean(u.Email) },
		Org:   func(ms Membership) client.Organization { return ms.Org },
		Again: m.again,
		List: list.Spec[Membership]{
			Noun:     "organizations",
			Empty:    common.Clean(u.Email) + " is in no organization",
			Markable: true,
			Columns:  []table.Column{{Title: "ORGANIZATION", Min: 14, Flex: 2}, {Title: "ROLES", Min: 10, Flex: 3}, {Title: "ID", Min: 20}},
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
		},
	}, m.actions)
	m.list = m.List()
	return m
}

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
	if cmd, took := m.Follow(msg); took {
		return m, cmd
	}
	return m, m.Route(msg)
}

// Crumb is the breadcrumb's part.
func (m *Orgs) Crumb() string { return common.Clean(cmp.Or(m.user.Email, m.user.UserID)) }
