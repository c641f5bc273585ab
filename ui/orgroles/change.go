package orgroles

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
)

// holdersMsg is who holds a role, for its members dialog.
type holdersMsg struct {
	org     string
	list    any // the list that asked: another tab's answer is dropped
	role    client.Role
	members []client.Member
	err     error
}

// fields are a role's values, for the audit's before and after.
func fields(r client.Role) map[string]any {
	return map[string]any{"name": r.Name, "description": r.Description}
}

// createForm asks for a name (1–50 characters, not one of the
// organization's already) and a description.
func (m *Model) createForm() tea.Cmd {
	var r client.Role
	taken := map[string]bool{}
	for _, x := range m.List().Items() {
		taken[x.Name] = true
	}
	return dialog.Open(dialog.NewForm(m.Common, "Create a role of "+common.Clean(m.Org.Name)+"'s own", func() tea.Cmd {
		r.Name, r.Description = strings.TrimSpace(r.Name), strings.TrimSpace(r.Description)
		body := "Only " + common.Clean(m.Org.Name) + " has it; its members can then be given it. z deletes it again for " + common.UndoWindow.String() + "."
		return dialog.Guard(m.Common, "Create "+common.Clean(r.Name)+"?", body, "Create", m.Org.Name, m.create(r, false))
	},
		huh.NewInput().Title("Name").CharLimit(50).Value(&r.Name).Validate(func(s string) error {
			switch s = strings.TrimSpace(s); {
			case s == "":
				return errors.New("a role needs a name")
			case taken[s]:
				return errors.New(s + " is already one of this organization's roles")
			}
			return nil
		}),
		huh.NewInput().Title("Description").Description("What the role is for (optional).").CharLimit(140).Value(&r.Description),
	))
}

// create is the change that makes r, undone by deleting it; again says it
// makes again a role deleted.
func (m *Model) create(r client.Role, again bool) tea.Cmd {
	ctx, cl, o, news := m.Common.Ctx, m.Common.Client, m.Org, m.News()
	name := common.Clean(r.Name)
	undoOf := m.UndoOf
	return common.Change(nil, func() common.Outcome {
		d := audit.Detail{OrgName: o.Name, After: fields(r)}
		made, err := cl.CreateOrgRole(audit.WithDetail(ctx, d), o.ID, r.Name, r.Description)
		if err != nil {
			return common.Failed("create "+name, err)
		}
		out := list.Made(news, "created "+name, made)
		out.Undo = undoOf("creating "+name, m.deletion(made, true))
		if again {
			out.Status.Text, out.Undo = "made "+name+" again (a new role: its members were not given it back)", nil
		}
		return out
	})
}

// remove asks, then deletes r. Auth0 cannot bring a role back, so z makes
// a new one with its name and description, held by nobody.
func (m *Model) remove(r client.Role) tea.Cmd {
	body := "Everyone in " + common.Clean(m.Org.Name) + " who holds it loses it (enter lists them). z makes it again for " +
		common.UndoWindow.String() + ", with its name and description, but nobody holds the new role."
	return dialog.Guard(m.Common, "Delete "+common.Clean(r.Name)+"?", body, "Delete", m.Org.Name, m.deletion(r, false))
}

// deletion is the change that deletes r; undo says it undoes making it.
func (m *Model) deletion(r client.Role, undo bool) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	d := audit.Detail{OrgName: o.Name, Names: map[string]string{r.ID: r.Name}, Before: fields(r)}
	var putBack tea.Cmd
	if !undo {
		putBack = m.create(r, true)
	}
	return m.Removal("delete", common.Clean(r.Name), r.ID, func() error {
		return cl.DeleteOrgRole(audit.WithDetail(ctx, d), o.ID, r.ID)
	}, putBack)
}

// holders reads who holds r.
func (m *Model) holders(r client.Role) tea.Cmd {
	ctx, cl, org, l := m.Common.Ctx, m.Common.Client, m.Org.ID, m.List()
	return func() tea.Msg {
		ms, err := cl.OrgRoleMembers(ctx, org, r.ID)
		return holdersMsg{org: org, list: l, role: r, members: ms, err: err}
	}
}

// showHolders lists who holds a role, each copyable.
func (m *Model) showHolders(msg holdersMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "who holds "+common.Clean(msg.role.Name)+": "+common.Explain(msg.err))
	}
	items := make([]dialog.Item, 0, len(msg.members))
	for _, mem := range msg.members {
		who := common.Clean(mem.Email)
		if who == "" {
			who = common.Clean(mem.UserID)
		}
		items = append(items, dialog.Item{Label: who, Then: common.CopyCmd(common.Copyable{Label: "User ID", Value: mem.UserID})})
	}
	title := fmt.Sprintf("%s: held by %d in %s (enter copies the user id)", common.Clean(msg.role.Name), len(msg.members), common.Clean(m.Org.Name))
	if len(items) == 0 {
		title = common.Clean(msg.role.Name) + ": nobody in " + common.Clean(m.Org.Name) + " holds it"
	}
	return dialog.Open(dialog.NewMenu(m.Common, title, items))
}
