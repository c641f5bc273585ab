package members

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// foundMsg is the people a search found, to pick whom to add.
type foundMsg struct {
	org   string
	query string
	users []client.User
	err   error
}

// addAction is the tab's "add members".
func (m *Model) addAction() common.Action {
	return common.Action{Key: m.Common.Keys.Add, Label: "Add members…", Needs: []client.Action{client.AddMembers, client.ReadUserOrganizations},
		Run: m.askWho}
}

// askWho asks for an email or a name to find people by.
func (m *Model) askWho() tea.Cmd {
	var text string
	find := huh.NewInput().Title("Find people").Description("An email address, or part of a name or email.").Value(&text).
		Validate(func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errNoText
			}
			return nil
		})
	ctx, cl, org := m.Common.Ctx, m.Common.Client, m.Org.ID
	return dialog.Open(dialog.NewForm(m.Common, "Add members to "+common.Clean(m.Org.Name), func() tea.Cmd {
		return func() tea.Msg {
			us, err := cl.FindUsers(ctx, text)
			return foundMsg{org: org, query: text, users: us, err: err}
		}
	}, find))
}

type noText struct{}

func (noText) Error() string { return "type an email or a name" }

var errNoText = noText{}

// pickFound offers the people found who are not members yet.
func (m *Model) pickFound(msg foundMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "find people: "+common.Explain(msg.err))
	}
	var opts []huh.Option[string]
	byID := map[string]client.User{}
	for _, u := range msg.users {
		if _, member := m.List().Item(u.UserID); member {
			continue
		}
		byID[u.UserID] = u
		opts = append(opts, huh.NewOption(common.Clean(u.Email)+"  "+common.Clean(u.Name), u.UserID))
	}
	if len(opts) == 0 {
		return common.Status(common.Info, "nobody new found for “"+common.Clean(msg.query)+"”")
	}
	var chosen []string
	pick := huh.NewMultiSelect[string]().Title("People").Description("x picks, enter goes on").Options(opts...).Value(&chosen).
		Height(min(len(opts), 8) + 2)
	return dialog.Open(dialog.NewForm(m.Common, "Add to "+common.Clean(m.Org.Name), func() tea.Cmd {
		if len(chosen) == 0 {
			return common.Status(common.Info, "nobody picked: nothing changed")
		}
		ms := make([]client.Member, len(chosen))
		for i, id := range chosen {
			u := byID[id]
			ms[i] = client.Member{UserID: u.UserID, Name: u.Name, Email: u.Email}
		}
		return m.confirmAdd(ms)
	}, pick))
}

func (m *Model) confirmAdd(ms []client.Member) tea.Cmd {
	names := make([]string, 0, 3)
	for _, mem := range ms[:min(len(ms), 3)] {
		names = append(names, label(mem))
	}
	list := strings.Join(names, ", ")
	if len(ms) > 3 {
		list += " and " + table.Count(len(ms)-3) + " more"
	}
	plan := m.Common.Client.Tracker().Estimate(limits.OrgMembersWrite, client.MemberCalls(len(ms)))
	body := "Add " + list + " to " + common.Clean(m.Org.Name) + ". Plan: " + plan.String() + ". z removes them again for " + common.UndoWindow.String() + "."
	return dialog.Guard(m.Common, "Add "+table.Plural(len(ms), "member")+"?", body, "Add", m.Org.Name, add(m.Common, m.Org, ms))
}

// add adds ms in batches within Auth0's cap; the undo removes those added.
func add(c *common.Common, o client.Organization, ms []client.Member) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	ids := make([]string, len(ms))
	for i, mem := range ms {
		ids[i] = mem.UserID
	}
	return common.Change(nil, func() common.Outcome {
		byID := make(map[string]client.Member, len(ms))
		for _, mem := range ms {
			byID[mem.UserID] = mem
		}
		var added []client.Member
		failed := 0
		for _, r := range cl.AddMembers(detail(ctx, o, ms), o.ID, ids) {
			if r.Outcome == client.Done {
				added = append(added, byID[r.UserID])
			} else {
				failed++
			}
		}
		st := common.StatusMsg{Level: common.Success, Text: "added " + table.Plural(len(added), "member") + " to " + common.Clean(o.Name)}
		if failed > 0 {
			st = common.StatusMsg{Level: common.Warning, Text: st.Text + "; " + table.Plural(failed, "addition") + " failed"}
		}
		out := common.Outcome{Status: st, Result: putMsg{org: o.ID, members: added}, Touched: &common.Touched{Org: o.ID, Tab: common.Members}}
		if len(added) > 0 {
			out.Undo = &common.UndoMsg{Org: o.ID, Label: "addition of " + table.Plural(len(added), "member"), Run: remove(c, o, added)}
		}
		return out
	})
}
