// Package users is the People screens: the people a search finds (u, or
// :user EMAIL|NAME|ID), and one person's organizations with their roles in
// each, to remove them from some or all, or add them to another. What they
// cost grows with that person's organizations, not with the tenant.
package users

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the people a search found.
type Model struct {
	list.Tab[client.User]
	c    *common.Common
	text string
	list *list.Model[client.User]
}

var _ common.Screen = (*Model)(nil)

// New is the people found by text: an email exactly, a user id, or words of
// a name or email (one call).
func New(c *common.Common, text string) *Model {
	m := &Model{c: c, text: text}
	m.Tab = list.NewTab(c, list.Spec[client.User]{
		One: "person", Header: m.header,
		Noun:    "people",
		Empty:   "nobody matches " + common.Clean(text),
		Columns: []table.Column{{Title: "NAME", Min: 12, Flex: 2}, {Title: "EMAIL", Min: 16, Flex: 3}, {Title: "USER ID", Min: 20, Flex: 1}},
		ID:      func(u client.User) string { return u.UserID },
		Row:     func(u client.User) table.Row { return table.NewRow(u.UserID, u.Name, u.Email, u.UserID) },
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.User], error) {
			if strings.Contains(text, "|") { // a user id, such as auth0|123
				u, err := cl.User(ctx, text)
				if client.KindOf(err) == client.NotFound {
					return client.Page[client.User]{}, nil
				}
				return client.Page[client.User]{Items: []client.User{u}}, err
			}
			us, err := cl.FindUsers(ctx, text)
			return client.Page[client.User]{Items: us}, err
		},
		Copy: func(u client.User) []common.Copyable {
			return []common.Copyable{{Label: "User ID", Value: u.UserID}, {Label: "Email", Value: u.Email}, {Label: "Name", Value: u.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "users/"+u.UserID)}}
		},
	}, m.actions)
	m.list = m.List()
	return m
}

// Find asks what to search for, then opens the people found.
func Find(c *common.Common) tea.Cmd {
	text := ""
	return dialog.Open(dialog.NewForm(c, "Find people", func() tea.Cmd { return common.Push(New(c, strings.TrimSpace(text))) },
		huh.NewInput().Title("Email, name or user id").Description("An email exactly, a user id, or words of a name or an email.").
			Value(&text).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errNothing
			}
			return nil
		})))
}

var errNothing = &client.Error{Kind: client.Invalid, Message: "type an email, a name or a user id"}

// Update handles the list's messages, then the action table.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	return m, m.Route(msg)
}

func (m *Model) actions() common.Actions {
	k := m.c.Keys
	u, none := m.Selection()
	return common.Actions{
		{Key: k.Open, Label: "Their organizations", Needs: []client.Action{client.ReadUserOrganizations}, Unavailable: none,
			Run: func() tea.Cmd { return common.Push(NewOrgs(m.c, u)) }},
		m.CopyAction(),
		m.MoreAction("More options: "+common.Clean(u.Email), none),
	}
}

// header is the title line over the list.
func (m *Model) header() string {
	s := m.c.Styles
	n := m.list.Count()
	people := table.Count(n) + " people"
	if n == 1 {
		people = "1 person"
	}
	found := " found for " + common.Clean(m.text)
	if n >= client.MaxFound {
		found = " found for " + common.Clean(m.text) + ": the first " + table.Count(client.MaxFound) + ", say more to narrow it"
	}
	return s.Title.Render(people) + s.Muted.Render(found)
}

// Crumb is the breadcrumb's part.
func (m *Model) Crumb() string { return "People: " + common.Clean(m.text) }
