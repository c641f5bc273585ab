package org

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/doctor"
	"github.com/orgdash/orgdash/ui/members"
	"github.com/orgdash/orgdash/ui/table"
)

// overview is the Overview tab: identity, branding, metadata, counts and
// the Danger Zone.
type overview struct {
	c          *common.Common
	org        client.Organization
	members    int   // -1 until counted
	membersErr error // why the count failed, nil if it did not
	seq        int
	loading    bool
	err        error
	width      int
	height     int
}

func newOverview(c *common.Common, o client.Organization) *overview {
	return &overview{c: c, org: o, members: -1}
}

type overviewMsg struct {
	seq int
	org client.Organization
	err error
}

func (p *overview) Init() tea.Cmd {
	p.seq = p.c.NextID()
	p.loading, p.err = true, nil
	ctx, cl, id, seq := p.c.Ctx, p.c.Client, p.org.ID, p.seq
	return func() tea.Msg {
		o, err := cl.Organization(ctx, id)
		return overviewMsg{seq: seq, org: o, err: err}
	}
}

func (p *overview) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case overviewMsg:
		if msg.seq != p.seq {
			return p, nil
		}
		p.loading = false
		if gone, ok := common.Gone(msg.err, p.org); ok {
			return p, func() tea.Msg { return gone }
		}
		if msg.err != nil {
			p.err = msg.err
			return p, nil
		}
		p.org = msg.org
	case EditedMsg:
		if msg.Org.ID == p.org.ID {
			p.org = msg.Org
		}
	case common.CountedMsg:
		if msg.Scope == members.CountScope(p.org.ID) {
			p.members, p.membersErr = msg.N, msg.Err
			if msg.Err != nil {
				p.members = -1
			}
		}
	case common.RefreshMsg:
		return p, p.Init()
	case tea.KeyPressMsg:
		k := p.c.Keys
		switch {
		case key.Matches(msg, k.Refresh):
			return p, p.Init()
		case key.Matches(msg, k.Back):
			return p, common.Back
		}
		cmd, _ := p.actions().Handle(p.c, msg)
		return p, cmd
	}
	return p, nil
}

// actions is the Overview's action table.
func (p *overview) actions() common.Actions {
	k := p.c.Keys
	return common.Actions{
		{Key: k.Copy, Label: "Copy…", Run: func() tea.Cmd {
			return dialog.CopyMenu(p.c, []common.Copyable{{Label: "ID", Value: p.org.ID}, {Label: "Name", Value: p.org.Name},
				{Label: "Display name", Value: p.org.DisplayName},
				{Label: "Dashboard URL", Value: common.DashboardURL(p.c.Client.Tenant().Domain, "organizations/"+p.org.ID+"/overview")}})
		}},
		EditAction(p.c, p.org),
		SettingsAction(p.c, p.org),
		doctor.CheckupAction(p.c, p.org),
		DeleteAction(p.c, p.org, true),
		{Key: k.More, Run: func() tea.Cmd {
			return dialog.Open(dialog.NewMenu(p.c, "More options: "+common.Clean(p.org.Name), dialog.Items(p.c, p.actions())))
		}},
		{Key: k.ViewJSON, Label: "View JSON", Needs: []client.Action{client.ViewOrganizationJSON}, Run: func() tea.Cmd {
			return dialog.ViewJSON(p.c, "Organization "+p.org.Name, client.OrganizationEntity(p.org.ID))
		}},
	}
}

func (p *overview) View() string {
	s := p.c.Styles
	row := func(label, value string) string {
		return s.Label.Render(fmt.Sprintf("%-14s", label)) + s.Value.Render(value)
	}
	lines := []string{
		row("ID", p.org.ID),
		row("Name", common.Clean(p.org.Name)),
		row("Display name", common.Clean(p.org.DisplayName)),
	}
	if p.org.LogoURL != "" {
		lines = append(lines, row("Logo", common.Clean(p.org.LogoURL)))
	}
	for _, c := range [][2]string{{"primary", "Primary"}, {"page_background", "Background"}} {
		if v := p.org.Colors[c[0]]; v != "" {
			lines = append(lines, row(c[1], s.Swatched(v, common.Clean(v))))
		}
	}
	if len(p.org.Metadata) == 0 {
		lines = append(lines, row("Metadata", s.Muted.Render("none")))
	}
	for i, k := range slices.Sorted(maps.Keys(p.org.Metadata)) {
		label := ""
		if i == 0 {
			label = "Metadata"
		}
		lines = append(lines, row(label, common.Clean(k)+" = "+common.Clean(p.org.Metadata[k])))
	}
	if line := settingsLine(p.org); line != "" {
		lines = append(lines, row("Settings", line))
	}
	members := s.Muted.Render("…")
	if p.members >= 0 {
		members = table.Count(p.members)
	} else if p.membersErr != nil {
		members = s.Warn.Render("unknown: " + common.Unread(p.membersErr))
	} else if !p.loading {
		members = s.Muted.Render("unknown")
	}
	lines = append(lines, row("Members", members), "", s.Section.Render("Health"))
	health := doctor.Health(p.c, p.org.ID, p.width) // the session's last checkup, wherever ! ran
	if health == nil {
		lines = append(lines, s.Muted.Render("Not checked yet: "+p.c.Keys.Doctor.Help().Key+" runs the doctor on this organization."))
	}
	lines = append(lines, health...)
	lines = append(lines, "",
		s.Danger.Render("Danger Zone"),
		s.Muted.Render(dangerText(p.c)))
	if p.err != nil {
		lines = append(lines, "", s.Error.Render(common.Explain(p.err)))
	}
	if len(lines) > p.height && p.height > 0 {
		lines = lines[:p.height]
	}
	return strings.Join(lines, "\n")
}

func (p *overview) SetSize(w, h int) { p.width, p.height = w, h }
func (p *overview) Title() string    { return "Overview" }
func (p *overview) Capturing() bool  { return false }

func (p *overview) Help() help.KeyMap {
	k := p.c.Keys
	as := p.actions().Bindings(p.c)
	short := slices.DeleteFunc(slices.Clone(as), func(b key.Binding) bool { // in the full help and the menu
		return b.Help().Key == k.Copy.Help().Key || b.Help().Key == k.ViewJSON.Help().Key
	})
	return common.HelpMap{Short: append(short, k.Refresh), Full: [][]key.Binding{append(as, k.Refresh, k.Back)}}
}

// dangerText is the Danger Zone's line: how to delete, or why one cannot.
func dangerText(c *common.Common) string {
	if why := c.Reason(client.DeleteOrganization); why != "" {
		return "Deleting this organization is unavailable: " + why + "."
	}
	return "Delete this organization: its memberships go, its users stay. Press D."
}
