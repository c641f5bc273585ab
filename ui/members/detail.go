package members

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Detail is a member's page: who they are, their logins, their roles in
// this organization, and every organization they are in, each one enter
// away.
type Detail struct {
	c      *common.Common
	org    client.Organization
	member client.Member
	user   client.User
	loaded bool
	err    error
	orgs   table.Model
	width  int
	height int
	// the member's effective roles (see effective.go)
	eff       []client.EffectiveRole
	effErr    error
	effLoaded bool
}

var _ common.Screen = (*Detail)(nil)

// userMsg is the user read for a detail page.
type userMsg struct {
	d    *Detail
	user client.User
	err  error
}

// NewDetail is mem's page, opened from org's Members.
func NewDetail(c *common.Common, org client.Organization, mem client.Member) *Detail {
	return &Detail{c: c, org: org, member: mem,
		orgs: table.New(c.Keys, c.Styles, "in no organization", table.Column{Title: "ORGANIZATION", Min: 14, Flex: 2},
			table.Column{Title: "DISPLAY NAME", Min: 14, Flex: 3}, table.Column{Title: "ID", Min: 20})}
}

// Init reads the user (two calls) and their effective roles.
func (d *Detail) Init() tea.Cmd {
	ctx, cl, id := d.c.Ctx, d.c.Client, d.member.UserID
	return tea.Batch(func() tea.Msg {
		u, err := cl.User(ctx, id)
		return userMsg{d: d, user: u, err: err}
	}, d.readEffective())
}

// Update shows the user; enter opens the organization under the cursor.
func (d *Detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case effectiveMsg:
		if msg.d == d {
			d.eff, d.effErr, d.effLoaded = msg.roles, msg.err, true
		}
	case userMsg:
		if msg.d != d {
			return d, nil
		}
		d.loaded, d.err, d.user = true, msg.err, msg.user
		rows := make([]table.Row, 0, len(msg.user.Organizations))
		for _, o := range msg.user.Organizations {
			rows = append(rows, table.NewRow(o.ID, o.Name, o.DisplayName, o.ID))
		}
		d.orgs.SetRows(rows)
	case tea.KeyPressMsg:
		k := d.c.Keys
		switch {
		case d.orgs.HandleKey(msg):
		case key.Matches(msg, k.Open):
			if r, ok := d.orgs.Selected(); ok {
				for _, o := range d.user.Organizations {
					if o.ID == r.ID {
						return d, func() tea.Msg { return common.OpenOrgMsg{Org: o} }
					}
				}
			}
		case key.Matches(msg, k.Copy):
			return d, common.Copy(d.member.UserID)
		case key.Matches(msg, k.Back), key.Matches(msg, k.Close):
			return d, common.Back
		case key.Matches(msg, k.Refresh):
			return d, d.Init()
		}
	}
	return d, nil
}

// View draws the person, then their organizations.
func (d *Detail) View() string {
	s := d.c.Styles
	row := func(label, value string) string {
		return s.Label.Render(fmt.Sprintf("%-14s", label)) + s.Value.Render(value)
	}
	u := d.user
	lines := []string{
		row("Name", common.Clean(d.member.Name)),
		row("Email", common.Clean(d.member.Email)),
		row("User ID", common.Clean(d.member.UserID)),
		row("Roles here", rolesHere(d.member, d.c.Reason(client.ReadMemberRoles))),
	}
	lines = append(lines, d.effectiveLines(row)...)
	switch {
	case d.err != nil:
		lines = append(lines, "", s.Error.Render(common.Explain(d.err)))
	case !d.loaded:
		lines = append(lines, "", s.Muted.Render("reading the user…"))
	default:
		var ids []string
		for _, i := range u.Identities {
			ids = append(ids, common.Clean(i.Connection)+" ("+common.Clean(i.Provider)+")")
		}
		last := "never, or not told"
		if !u.LastLogin.IsZero() {
			last = u.LastLogin.Local().Format(time.DateTime)
		}
		blocked := "no"
		if u.Blocked {
			blocked = s.Danger.Render("yes: cannot log in")
		}
		lines = append(lines, row("Logins with", cmp.Or(strings.Join(ids, ", "), "–")), row("Last login", last),
			row("Logins", fmt.Sprint(u.Logins)), row("Blocked", blocked), "",
			s.Section.Render(fmt.Sprintf("Member of %s", table.Plural(len(u.Organizations), "organization"))))
		d.orgs.SetStyles(s)
		d.orgs.SetSize(d.width, max(d.height-len(lines)-1, 3))
		lines = append(lines, d.orgs.View())
	}
	return strings.Join(lines, "\n")
}

// SetSize gives the page its room.
func (d *Detail) SetSize(w, h int) { d.width, d.height = w, h }

// Crumb is the member, under the organization's crumb.
func (d *Detail) Crumb() string {
	return cmp.Or(common.Clean(d.member.Email), common.Clean(d.member.UserID))
}

// Help is moving among the organizations, opening one, and going back.
func (d *Detail) Help() help.KeyMap {
	k := d.c.Keys
	open := key.NewBinding(key.WithKeys(k.Open.Keys()...), key.WithHelp(k.Open.Help().Key, "open organization"))
	short := []key.Binding{k.Up, k.Down, open, k.Copy, k.Refresh, k.Back}
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}

// Capturing reports false: the page takes no text.
func (d *Detail) Capturing() bool { return false }

// rolesHere is the member's roles on their page, or why they are not known.
func rolesHere(mem client.Member, rolesUnread string) string {
	if rolesUnread != "" {
		return "unknown: " + rolesUnread
	}
	return common.Clean(cmp.Or(RolesCell(mem, ""), "none"))
}
