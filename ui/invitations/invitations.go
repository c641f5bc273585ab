// Package invitations is an organization's Invitations tab.
package invitations

import (
	"charm.land/bubbles/v2/key"
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Invitations tab.
type Model struct {
	c     *common.Common
	org   client.Organization
	list  *list.Model[client.Invitation]
	names map[string]string // role id → name, once the tenant's roles are in
}

// roleNamesMsg is the tenant's roles, to name those of the invitations.
type roleNamesMsg struct {
	list  *list.Model[client.Invitation]
	roles []client.Role
}

var _ common.Pane = (*Model)(nil)

// Spec is the Invitations tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Invitations, Title: "Invitations", Aliases: []string{"i"}, Eager: true,
		Key: func(k *keymap.KeyMap) key.Binding { return k.Invites },
		New: func(c *common.Common, o client.Organization) common.Pane { return New(c, o) }}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	org := o
	m := &Model{c: c, org: o}
	m.list = list.New(c, list.Spec[client.Invitation]{
		Noun:  "invitations",
		Empty: "no pending invitations",
		Columns: []table.Column{{Title: "INVITEE", Min: 16, Flex: 3}, {Title: "INVITER", Min: 10, Flex: 2},
			{Title: "EXPIRES", Min: 17}, {Title: "ROLES", Min: 8, Flex: 2}},
		ID:  func(inv client.Invitation) string { return inv.ID },
		Row: func(inv client.Invitation) table.Row { return Row(inv, m.names, time.Now()) },
		Org: &org,
		Copy: func(inv client.Invitation) []common.Copyable {
			return []common.Copyable{{Label: "Invitation ID", Value: inv.ID}, {Label: "Invitee", Value: inv.Invitee},
				{Label: "Invitation link", Value: inv.URL},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+org.ID+"/invitations")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Invitation], error) {
			invs, err := cl.Invitations(ctx, org.ID)
			return client.Page[client.Invitation]{Items: invs}, err
		},
	})
	return m
}

// Row is how an invitation shows: its roles by name where names knows
// them (else how many), its expiry relative to now.
func Row(inv client.Invitation, names map[string]string, now time.Time) table.Row {
	return table.NewRow(inv.ID, inv.Invitee, inv.Inviter, Expiry(inv.ExpiresAt, now), roleNames(inv, names))
}

// roleNames are inv's roles by name where names knows them, else how many.
func roleNames(inv client.Invitation, names map[string]string) string {
	if names == nil || len(inv.Roles) == 0 {
		return fmt.Sprint(len(inv.Roles))
	}
	named := make([]string, len(inv.Roles))
	for i, id := range inv.Roles {
		named[i] = cmp.Or(names[id], id)
	}
	return strings.Join(named, ", ")
}

// Init loads the invitations and, where the token may read them, the
// tenant's roles, to name the invitations' (one call).
func (m *Model) Init() tea.Cmd {
	if m.names != nil || !m.c.Client.Capabilities().Can(client.ReadRoles).Allowed {
		return m.list.Init()
	}
	ctx, cl, l := m.c.Ctx, m.c.Client, m.list
	return tea.Batch(m.list.Init(), func() tea.Msg {
		rs, err := cl.Roles(ctx)
		if err != nil {
			return nil // the count stays
		}
		return roleNamesMsg{list: l, roles: rs}
	})
}

// Expiry says when an invitation lapses, relative to now, in days or
// hours, rounded to the nearest: a 7-day invitation made a moment ago
// lapses "in 7 days", not 6 and 23 hours' worth of "6 days".
func Expiry(at, now time.Time) string {
	d := at.Sub(now)
	span := func(d time.Duration) string {
		if d >= 47*time.Hour+30*time.Minute {
			return strconv.Itoa(int(d.Round(24*time.Hour)/(24*time.Hour))) + " days"
		}
		return strconv.Itoa(max(int(d.Round(time.Hour)/time.Hour), 1)) + " h"
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
	if t, ok := msg.(common.TouchedMsg); ok && t.Org == m.org.ID && t.Tab == common.Invitations {
		return m, m.list.Route(common.RefreshMsg{Auto: true}, m.actions) // another session changed them
	}
	if r, ok := msg.(resendMsg); ok && r.org == m.org.ID {
		return m, m.resend(r.inv)
	}
	if c, ok := msg.(choicesMsg); ok && c.org == m.org.ID {
		return m, m.inviteForm(c)
	}
	if i, ok := msg.(invitedMsg); ok && i.org == m.org.ID {
		for _, inv := range i.invs {
			m.list.Put(inv)
		}
		return m, nil
	}
	if r, ok := msg.(revokedMsg); ok && r.org == m.org.ID {
		if r.err == nil {
			m.list.Drop(r.id)
		}
		return m, nil
	}
	if r, ok := msg.(roleNamesMsg); ok && r.list == m.list {
		m.names = map[string]string{}
		for _, role := range r.roles {
			m.names[role.ID] = role.Name
		}
		for _, inv := range m.list.Items() { // redrawn with the names
			m.list.Put(inv)
		}
		return m, nil
	}
	return m, m.list.Route(msg, m.actions)
}

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.c.Keys
	inv, ok := m.list.Selected()
	none := func() string {
		if !ok {
			return "no invitation selected"
		}
		return ""
	}
	return common.Actions{
		m.inviteAction(),
		{Key: k.Open, Label: "Details", Unavailable: none, Run: func() tea.Cmd { return m.details(inv) }},
		{Key: k.Remove, Label: "Revoke invitation", Needs: []client.Action{client.RevokeInvitation}, Unavailable: none,
			Run: func() tea.Cmd { return m.revoke(inv) }},
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
