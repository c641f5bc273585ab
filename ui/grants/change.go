package grants

import (
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
)

// choicesMsg is the tenant's grants not yet associated, for the picker.
type choicesMsg struct {
	org    string
	list   any // the list that asked: another tab's answer is dropped
	grants []Grant
	err    error
}

// choices reads the tenant's grants (and their names) for the picker.
func (m *Model) choices() tea.Cmd {
	ctx, cl, org, l := m.Common.Ctx, m.Common.Client, m.Org.ID, m.List()
	have := map[string]bool{}
	for _, g := range m.List().Items() {
		have[g.ID] = true
	}
	return func() tea.Msg {
		gs, err := cl.ClientGrants(ctx)
		gs = slices.DeleteFunc(gs, func(g client.ClientGrant) bool { return have[g.ID] })
		return choicesMsg{org: org, list: l, grants: named(ctx, cl, gs), err: err}
	}
}

// picker offers the grants not yet associated; one whose
// organization_usage is deny is shown, and says why it cannot be picked.
func (m *Model) picker(msg choicesMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "cannot list the tenant's client grants: "+common.Explain(msg.err))
	}
	if len(msg.grants) == 0 {
		return common.Status(common.Info, "every client grant of the tenant is associated with "+common.Clean(m.Org.Name))
	}
	items := make([]dialog.Item, 0, len(msg.grants))
	for _, g := range msg.grants {
		it := dialog.Item{Label: label(g), Then: m.confirmAdd(g)}
		if u := g.OrganizationUsage; u != "allow" && u != "require" {
			it.Reason, it.Then = "organization usage is "+cmpOr(u, "deny"), nil
		}
		items = append(items, it)
	}
	return dialog.Open(dialog.NewMenu(m.Common, "Associate a client grant with "+common.Clean(m.Org.Name), items))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// label is a grant in one line: API, application, scopes.
func label(g Grant) string {
	r := row(g)
	return r.Cells[0] + " · " + r.Cells[2] + " · " + r.Cells[3]
}

func (m *Model) confirmAdd(g Grant) tea.Cmd {
	r := row(g)
	body := common.Clean(m.Org.Name) + "'s machine-to-machine tokens may then be issued to " + r.Cells[2] +
		" for " + r.Cells[0] + " (" + r.Cells[1] + ") with " + r.Cells[3] + ". z removes it again for " + common.UndoWindow.String() + "."
	return dialog.Guard(m.Common, "Associate this grant?", body, "Associate", m.Org.Name, m.add(g, false))
}

// fields are a grant's values, for the audit's before and after.
func fields(g Grant) map[string]any {
	return map[string]any{"grant_id": g.ID, "client_id": g.ClientID, "audience": g.Audience, "scope": g.Scopes}
}

// add is the change that associates g, undone by removing it; restore
// says it puts back a grant removed.
func (m *Model) add(g Grant, restore bool) tea.Cmd {
	ctx, cl, o, news := m.Common.Ctx, m.Common.Client, m.Org, m.News()
	name := what(g)
	undoOf := m.UndoOf
	return common.Change(nil, func() common.Outcome {
		d := audit.Detail{OrgName: o.Name, Names: map[string]string{g.ID: name}, After: fields(g)}
		if err := cl.AssociateClientGrant(audit.WithDetail(ctx, d), o.ID, g.ID); err != nil {
			return common.Failed("associate "+name, err)
		}
		out := list.Made(news, "associated "+name, g)
		out.Undo = undoOf("associating "+name, m.removal(g, true))
		if restore {
			out.Status.Text, out.Undo = "put back "+name, nil
		}
		return out
	})
}

// what names a grant in a status line: its API and application.
func what(g Grant) string {
	r := row(g)
	return r.Cells[0] + " for " + r.Cells[2]
}

// remove asks, then takes g from the organization.
func (m *Model) remove(g Grant) tea.Cmd {
	r := row(g)
	body := common.Clean(m.Org.Name) + "'s machine-to-machine tokens are no longer issued to " + r.Cells[2] + " for " +
		r.Cells[0] + " (" + r.Cells[1] + "). The grant stays the tenant's; z associates it again for " + common.UndoWindow.String() + "."
	return dialog.Guard(m.Common, "Remove this grant from "+common.Clean(m.Org.Name)+"?", body, "Remove", m.Org.Name, m.removal(g, false))
}

// removal is the change that removes g; undo says it undoes associating it.
func (m *Model) removal(g Grant, undo bool) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	name := what(g)
	d := audit.Detail{OrgName: o.Name, Names: map[string]string{g.ID: name}, Before: fields(g)}
	var putBack tea.Cmd
	if !undo {
		putBack = m.add(g, true)
	}
	return m.Removal("remove", name, g.ID, func() error {
		return cl.RemoveOrgClientGrant(audit.WithDetail(ctx, d), o.ID, g.ID)
	}, putBack)
}
