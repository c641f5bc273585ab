package members

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// A member's effective roles on their page: every role they hold in the
// organization and where it comes from, directly or through which
// groups. A tenant without groups shows no such section: the roles there
// are the direct ones, already under "Roles here".

// effectiveMsg is a member's effective roles, read for a detail page.
type effectiveMsg struct {
	d     *Detail
	roles []client.EffectiveRole
	err   error
}

// readEffective reads the member's effective roles (a call, and one per
// role a group gives).
func (d *Detail) readEffective() tea.Cmd {
	ctx, cl, org, id := d.c.Ctx, d.c.Client, d.org.ID, d.member.UserID
	return func() tea.Msg {
		roles, err := cl.EffectiveRoles(ctx, org, id)
		return effectiveMsg{d: d, roles: roles, err: err}
	}
}

// effectiveLines are the page's lines for the effective roles: none where
// the tenant lacks groups.
func (d *Detail) effectiveLines(row func(label, value string) string) []string {
	switch {
	case !d.effLoaded || client.KindOf(d.effErr) == client.Unsupported:
		return nil
	case d.effErr != nil:
		return []string{row("Effective", "unknown: "+common.Explain(d.effErr))}
	case len(d.eff) == 0:
		return []string{row("Effective", "none")}
	}
	lines := make([]string, 0, len(d.eff))
	for i, r := range d.eff {
		label := ""
		if i == 0 {
			label = "Effective"
		}
		lines = append(lines, row(label, common.Clean(r.Name)+" — "+source(r)))
	}
	return lines
}

// source says where an effective role comes from: "direct", "through
// finance", "direct, and through finance, support".
func source(r client.EffectiveRole) string {
	var groups []string
	for _, g := range r.Groups {
		groups = append(groups, common.Clean(g))
	}
	through := "through a group"
	if len(groups) > 0 {
		through = "through " + strings.Join(groups, ", ")
	}
	switch {
	case r.Direct && r.ThroughGroups:
		return "direct, and " + through
	case r.ThroughGroups:
		return through
	}
	return "direct"
}
