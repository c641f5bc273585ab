package members

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// rolesMsg is the tenant's roles, for a picker of what to assign or remove.
type rolesMsg struct {
	org     string
	assign  bool
	targets []client.Member
	roles   []client.Role
	err     error
}

// assignRoles is the menu's "assign roles" to the targets.
func (m *Model) assignRoles(ts []client.Member, none func() string) common.Action {
	return common.Action{Label: "Assign roles…", Needs: []client.Action{client.AssignRoles, client.ReadRoles}, Unavailable: none,
		Run: func() tea.Cmd { return m.loadRoles(ts, true) }, Opens: true}
}

// removeRoles is the menu's "remove roles" from the targets.
func (m *Model) removeRoles(ts []client.Member, none func() string) common.Action {
	return common.Action{Label: "Remove roles…", Needs: []client.Action{client.RemoveRoles, client.ReadRoles}, Unavailable: none,
		Run: func() tea.Cmd { return m.loadRoles(ts, false) }, Opens: true}
}

func (m *Model) loadRoles(ts []client.Member, assign bool) tea.Cmd {
	ctx, cl, org := m.Common.Ctx, m.Common.Client, m.Org.ID
	return func() tea.Msg {
		rs, err := cl.Roles(ctx)
		return rolesMsg{org: org, assign: assign, targets: ts, roles: rs, err: err}
	}
}

// pickRoles offers the roles to assign (those of the tenant some target
// lacks: one every target holds has nothing to add) or to remove (those
// the targets hold), by name.
func (m *Model) pickRoles(msg rolesMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "roles: "+common.Explain(msg.err))
	}
	held := map[string]int{} // how many targets hold each role
	for _, t := range msg.targets {
		for _, r := range t.Roles {
			held[r.ID]++
		}
	}
	var opts []huh.Option[string]
	for _, r := range msg.roles {
		if (msg.assign && held[r.ID] < len(msg.targets)) || (!msg.assign && held[r.ID] > 0) {
			opts = append(opts, huh.NewOption(common.Clean(r.Name), r.ID))
		}
	}
	switch {
	case len(opts) == 0 && msg.assign:
		return common.Status(common.Info, "no roles to assign: "+map[bool]string{true: "the member holds", false: "the members hold"}[len(msg.targets) == 1]+" every role of the tenant")
	case len(opts) == 0:
		return common.Status(common.Info, "no roles to remove: the members hold none")
	}
	verb := map[bool]string{true: "Assign", false: "Remove"}[msg.assign]
	var chosen []string
	pick := huh.NewMultiSelect[string]().Title("Roles").Description("x picks, enter goes on").Options(opts...).Value(&chosen).
		Height(min(len(opts), 8) + 2) // every role in view, up to eight; the title and description take two lines
	return dialog.Open(dialog.NewForm(m.Common, verb+" roles: "+whom(msg.targets), func() tea.Cmd {
		if len(chosen) == 0 {
			return common.Status(common.Info, "no role picked: nothing changed")
		}
		return m.confirmRoles(msg, chosen)
	}, pick))
}

func whom(ts []client.Member) string {
	if len(ts) == 1 {
		return label(ts[0])
	}
	return table.Plural(len(ts), "member")
}

func (m *Model) confirmRoles(msg rolesMsg, ids []string) tea.Cmd {
	names := make([]string, 0, len(ids))
	byID := map[string]client.Role{}
	for _, r := range msg.roles {
		byID[r.ID] = r
	}
	for _, id := range ids {
		names = append(names, common.Clean(byID[id].Name))
	}
	verb := map[bool]string{true: "Assign", false: "Remove"}[msg.assign]
	title := verb + " " + strings.Join(names, ", ") + " " + map[bool]string{true: "to", false: "from"}[msg.assign] + " " + whom(msg.targets) + "?"
	body := "In " + common.Clean(m.Org.Name) + " only. z undoes it for " + common.UndoWindow.String() + "."
	return dialog.Open(dialog.NewConfirm(m.Common, title, body, verb, changeRoles(m.Common, m.Org, msg.targets, pickRoles(ids, byID), msg.assign)))
}

func pickRoles(ids []string, byID map[string]client.Role) []client.Role {
	out := make([]client.Role, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out
}

// changeRoles assigns (or removes) roles to each target, asking only for
// what changes; the undo does the opposite for exactly that.
func changeRoles(c *common.Common, o client.Organization, ts []client.Member, roles []client.Role, assign bool) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return common.Change(nil, func() common.Outcome {
		ctx := detail(ctx, o, ts)
		var changed []client.Member
		done := map[string][]client.Role{}
		failed, unknown := 0, 0
		for _, t := range ts {
			var ids []string
			var which []client.Role
			for _, r := range roles {
				has := slices.ContainsFunc(t.Roles, func(x client.Role) bool { return x.ID == r.ID })
				if has != assign {
					ids, which = append(ids, r.ID), append(which, r)
				}
			}
			if len(ids) == 0 {
				continue
			}
			call := cl.RemoveRoles
			if assign {
				call = cl.AssignRoles
			}
			if err := call(ctx, o.ID, t.UserID, ids); client.KindOf(err) == client.Undetermined {
				unknown++ // the answer was lost and could not be read back
				continue
			} else if err != nil {
				failed++
				continue
			}
			t.Roles = apply(t.Roles, which, assign)
			done[t.UserID] = which
			changed = append(changed, t)
		}
		verb := map[bool]string{true: "assigned roles to ", false: "removed roles from "}[assign]
		st := common.StatusMsg{Level: common.Success, Text: verb + table.Plural(len(changed), "member")}
		if failed > 0 {
			st = common.StatusMsg{Level: common.Warning, Text: st.Text + "; " + table.Plural(failed, "member") + " failed"}
		}
		if unknown > 0 {
			st = common.StatusMsg{Level: common.Warning, Text: st.Text + "; " + table.Plural(unknown, "member") + " not known (the answer was lost and could not be read back: r shows the roles)"}
		}
		out := common.Outcome{Status: st, Result: putMsg{org: o.ID, members: changed}, Touched: &common.Touched{Org: o.ID, Tab: common.Members}}
		if len(changed) > 0 {
			out.Undo = &common.UndoMsg{Org: o.ID, Label: strings.ToLower(verb) + table.Plural(len(changed), "member"), Run: undoRoles(c, o, changed, done, assign)}
		}
		return out
	})
}

// undoRoles takes back exactly what a change of roles did.
func undoRoles(c *common.Common, o client.Organization, ms []client.Member, did map[string][]client.Role, assigned bool) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return common.Change(nil, func() common.Outcome {
		ctx := audit.WithDetail(ctx, audit.Detail{OrgName: o.Name})
		var back []client.Member
		for _, mem := range ms {
			ids := make([]string, len(did[mem.UserID]))
			for i, r := range did[mem.UserID] {
				ids[i] = r.ID
			}
			call := cl.AssignRoles
			if assigned {
				call = cl.RemoveRoles
			}
			if call(ctx, o.ID, mem.UserID, ids) == nil {
				mem.Roles = apply(mem.Roles, did[mem.UserID], !assigned)
				back = append(back, mem)
			}
		}
		return common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: "put the roles of " + table.Plural(len(back), "member") + " back"},
			Result: putMsg{org: o.ID, members: back}, Touched: &common.Touched{Org: o.ID, Tab: common.Members}}
	})
}

// apply adds or takes roles from have.
func apply(have, roles []client.Role, add bool) []client.Role {
	out := slices.Clone(have)
	for _, r := range roles {
		i := slices.IndexFunc(out, func(x client.Role) bool { return x.ID == r.ID })
		switch {
		case add && i < 0:
			out = append(out, r)
		case !add && i >= 0:
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}
