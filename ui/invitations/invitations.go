// Package invitations is an organization's Invitations tab.
package invitations

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Invitations tab.
type Model struct {
	c    *common.Common
	list *list.Model[client.Invitation]
}

var _ common.Pane = (*Model)(nil)

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	org := o
	return &Model{c: c, list: list.New(c, list.Spec[client.Invitation]{
		Empty: "no pending invitations",
		Columns: []table.Column{{Title: "INVITEE", Min: 16, Flex: 3}, {Title: "INVITER", Min: 10, Flex: 2},
			{Title: "EXPIRES", Min: 14}, {Title: "ROLES", Min: 5}},
		ID:  func(inv client.Invitation) string { return inv.ID },
		Row: func(inv client.Invitation) table.Row { return Row(inv, time.Now()) },
		Org: &org,
		Copy: func(inv client.Invitation) []common.Copyable {
			return []common.Copyable{{Label: "Invitation ID", Value: inv.ID}, {Label: "Invitee", Value: inv.Invitee},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+org.ID+"/invitations")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Invitation], error) {
			invs, err := cl.Invitations(ctx, org.ID)
			return client.Page[client.Invitation]{Items: invs}, err
		},
	})}
}

// Row is how an invitation shows, its expiry relative to now.
func Row(inv client.Invitation, now time.Time) table.Row {
	return table.NewRow(inv.ID, inv.Invitee, inv.Inviter, Expiry(inv.ExpiresAt, now), fmt.Sprint(len(inv.Roles)))
}

// Init loads the invitations.
func (m *Model) Init() tea.Cmd { return m.list.Init() }

// Expiry says when an invitation lapses, relative to now, in days or hours.
func Expiry(at, now time.Time) string {
	d := at.Sub(now)
	span := func(d time.Duration) string {
		if d >= 48*time.Hour {
			return strconv.Itoa(int(d/(24*time.Hour))) + " days"
		}
		return strconv.Itoa(max(int(d/time.Hour), 1)) + " h"
	}
	switch {
	case at.IsZero():
		return "–"
	case d < 0:
		return "expired " + span(-d) + " ago"
	}
	return "in " + span(d)
}

// Update handles the list's messages, then the action table.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	return m, m.list.Route(msg, m.actions)
}

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.c.Keys
	_, ok := m.list.Selected()
	none := func() string {
		if !ok {
			return "no invitation selected"
		}
		return ""
	}
	return common.Actions{
		{Key: k.Copy, Label: "Copy…", Unavailable: none, Run: m.list.CopyMenu},
		{Key: k.More, Run: func() tea.Cmd {
			return dialog.Open(dialog.NewMenu(m.c, "More options", dialog.Items(m.c, m.actions())))
		}},
	}
}

// SetSize lays the tab out.
func (m *Model) SetSize(w, h int) { m.list.SetSize(w, h) }

// View draws the list.
func (m *Model) View() string { return m.list.View() }

// Title is the tab label with the count once loaded.
func (m *Model) Title() string { return m.list.Title("Invitations") }

// Capturing reports whether the filter takes keys.
func (m *Model) Capturing() bool { return m.list.Capturing() }

// Help is the filter's keys while it has the focus, else the tab's.
func (m *Model) Help() help.KeyMap { return m.list.Help(m.actions().Bindings(m.c)) }
