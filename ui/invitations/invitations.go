// Package invitations is an organization's Invitations tab.
package invitations

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Invitations tab.
type Model struct {
	list.Tab[client.Invitation]
	names map[string]string // role id → name, once the tenant's roles are in
	// namesAsked: the tenant's roles were asked for (once a tab's life)
	namesAsked bool
}

// roleNamesMsg is the tenant's roles, to name those of the invitations.
type roleNamesMsg struct {
	list  *list.Model[client.Invitation]
	roles []client.Role
}

// Spec is the Invitations tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Invitations, Title: "Invitations", Aliases: []string{"i"}, Eager: true,
		Key: keymap.Named("invitations"), New: common.MakePane(New)}
}

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	m := &Model{}
	m.Tab = list.NewOrgTab(c, o, Spec(), list.Spec[client.Invitation]{
		One:   "invitation",
		Noun:  "invitations",
		Empty: "no pending invitations",
		Columns: []table.Column{{Title: "INVITEE", Min: 16, Flex: 3}, {Title: "INVITER", Min: 10, Flex: 2},
			{Title: "EXPIRES", Min: 17}, {Title: "ROLES", Min: 8, Flex: 2}},
		ID:  func(inv client.Invitation) string { return inv.ID },
		Row: func(inv client.Invitation) table.Row { return Row(inv, m.names, time.Now()) },
		Copy: func(inv client.Invitation) []common.Copyable {
			return []common.Copyable{{Label: "Invitation ID", Value: inv.ID}, {Label: "Invitee", Value: inv.Invitee},
				{Label: "Invitation link", Value: inv.URL},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "organizations/"+o.ID+"/invitations")}}
		},
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.Invitation], error) {
			invs, err := cl.Invitations(ctx, o.ID)
			return client.Page[client.Invitation]{Items: invs}, err
		},
	}, m.actions)
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

// Init loads the invitations. The tenant's roles, to name the
// invitations' (one call), are read once an invitation with roles is
// listed: see nameRoles.
func (m *Model) Init() tea.Cmd { return m.List().Init() }

// nameRoles reads the tenant's roles, once, when an invitation listed
// carries roles and the token may read them: an organization without
// such invitations costs no call for them.
func (m *Model) nameRoles() tea.Cmd {
	if m.namesAsked || !m.Common.Client.Capabilities().Can(client.ReadRoles).Allowed ||
		!slices.ContainsFunc(m.List().Items(), func(inv client.Invitation) bool { return len(inv.Roles) > 0 }) {
		return nil
	}
	m.namesAsked = true
	ctx, cl, l := m.Common.Ctx, m.Common.Client, m.List()
	return func() tea.Msg {
		rs, err := cl.Roles(ctx)
		if err != nil {
			return nil // the count stays
		}
		return roleNamesMsg{list: l, roles: rs}
	}
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
	if r, ok := msg.(resendMsg); ok && r.org == m.Org.ID {
		return m, m.resend(r.inv)
	}
	if c, ok := msg.(choicesMsg); ok && c.org == m.Org.ID {
		return m, m.inviteForm(c)
	}
	if i, ok := msg.(invitedMsg); ok && i.org == m.Org.ID {
		for _, inv := range i.invs {
			m.List().Put(inv)
		}
		return m, nil
	}
	if r, ok := msg.(revokedMsg); ok && r.org == m.Org.ID {
		if r.err == nil {
			m.List().Drop(r.id)
		}
		return m, nil
	}
	if r, ok := msg.(roleNamesMsg); ok && r.list == m.List() {
		m.names = map[string]string{}
		for _, role := range r.roles {
			m.names[role.ID] = role.Name
		}
		for _, inv := range m.List().Items() { // redrawn with the names
			m.List().Put(inv)
		}
		return m, nil
	}
	return m, tea.Batch(m.Route(msg), m.nameRoles())
}

// actions is the tab's action table.
func (m *Model) actions() common.Actions {
	k := m.Common.Keys
	inv, none := m.Selection()
	return common.Actions{
		m.inviteAction(),
		{Key: k.Open, Label: "Details", Unavailable: none, Run: func() tea.Cmd { return m.details(inv) }},
		{Key: k.Remove, Label: "Revoke invitation", Needs: []client.Action{client.RevokeInvitation}, Unavailable: none,
			Run: func() tea.Cmd { return m.revoke(inv) }},
		m.CopyAction(),
		m.MoreAction("More options", nil),
		m.JSONAction(func(inv client.Invitation) string { return "Invitation of " + inv.Invitee }, func(inv client.Invitation) client.Entity {
			return client.InvitationEntity(m.Org.ID, inv.ID)
		}),
	}
}
