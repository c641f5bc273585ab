package members

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// removingMsg marks the rows of a removal about to be sent.
type removingMsg struct {
	org string
	ids []string
}

// removedMsg is how a removal ended, member by member.
type removedMsg struct {
	org     string
	results []client.MemberResult
}

// putMsg is members as a change left them (added, restored by an undo,
// given or relieved of roles): their rows show it, and nothing is reloaded.
type putMsg struct {
	org     string
	members []client.Member
}

// confirmRemove asks before removing ts.
func (m *Model) confirmRemove(ts []client.Member) tea.Cmd {
	if len(ts) == 0 {
		return nil
	}
	what := "1 member"
	if len(ts) > 1 {
		what = table.Count(len(ts)) + " members"
	}
	names := make([]string, 0, 3)
	for _, t := range ts[:min(len(ts), 3)] {
		names = append(names, label(t))
	}
	list := strings.Join(names, ", ")
	if len(ts) > 3 {
		list += " and " + table.Count(len(ts)-3) + " more"
	}
	plan := m.Common.Client.Tracker().Estimate(limits.OrgMembersWrite, client.MemberCalls(len(ts)))
	body := fmt.Sprintf("Remove %s from %s: %s.\n\nThe users stay in the tenant. Removal takes a few seconds to show; z undoes it for %s.\n\nPlan: %s, then a check that they are gone.",
		what, common.Clean(m.Org.Name), list, common.UndoWindow, plan)
	all := m.List().Complete() && len(ts) == m.List().Total()
	return dialog.GuardBulk(m.Common, "Remove "+what+"?", body, "Remove", m.Org.Name, len(ts), all, remove(m.Common, m.Org, ts))
}

// retryFailed asks again for the members whose removal failed.
func (m *Model) retryFailed() tea.Cmd {
	var ts []client.Member
	for _, id := range m.List().Failed() {
		if mem, ok := m.List().Item(id); ok {
			ts = append(ts, mem)
		}
	}
	return m.confirmRemove(ts)
}

func label(mem client.Member) string {
	if mem.Email != "" {
		return common.Clean(mem.Email)
	}
	return common.Clean(mem.UserID)
}

// detail names the organization and the members for the audit log.
func detail(ctx context.Context, o client.Organization, ts []client.Member) context.Context {
	names := make(map[string]string, len(ts))
	for _, t := range ts {
		names[t.UserID] = t.Email
		if t.Email == "" {
			names[t.UserID] = t.Name
		}
	}
	return audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: names})
}

// remove is the change that removes ts from o, until the tenant confirms
// it. It captures everything it needs: its outcome reaches the root
// whether or not this tab still exists. The undo it offers puts back
// exactly the members this change removed.
func remove(c *common.Common, o client.Organization, ts []client.Member) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.UserID
	}
	return common.Change(removingMsg{org: o.ID, ids: ids}, func() common.Outcome {
		start := time.Now()
		results := cl.RemoveMembers(detail(ctx, o, ts), o.ID, ids)
		took := time.Since(start)
		n := map[client.Outcome]int{}
		var removed []string
		for _, r := range results {
			n[r.Outcome]++
			if r.Outcome == client.Confirmed || r.Outcome == client.Unverified {
				removed = append(removed, r.UserID) // putting back a member still listed does no harm
			}
		}
		out := common.Outcome{Result: removedMsg{org: o.ID, results: results}, Status: removalStatus(o, n, took),
			Touched: &common.Touched{Org: o.ID, Tab: common.Members}}
		if len(removed) > 0 {
			out.Undo = &common.UndoMsg{Org: o.ID, Label: "removal of " + table.Plural(len(removed), "member") + " from " + common.Clean(o.Name),
				Run: restore(c, o, ts, removed, n[client.Absent])}
		}
		return out
	})
}

// removalStatus says how a removal ended, counting each kind of outcome.
func removalStatus(o client.Organization, n map[client.Outcome]int, took time.Duration) common.StatusMsg {
	var parts []string
	add := func(k client.Outcome, what string) {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[k], what))
		}
	}
	add(client.Unverified, "unverified")
	add(client.Failed, "failed (marked: R retries)")
	add(client.Cancelled, "cancelled before they were sent")
	add(client.Absent, "already removed elsewhere")
	st := common.StatusMsg{Level: common.Success, Text: "removed " + table.Plural(n[client.Confirmed], "member") + " from " + common.Clean(o.Name)}
	if took >= time.Second {
		st.Text += " in " + took.Round(time.Second).String() + ", checked"
	}
	if len(parts) > 0 {
		st.Level = common.Warning
		if n[client.Confirmed] == 0 {
			st.Text = "nothing removed from " + common.Clean(o.Name)
			if n[client.Unverified] == 0 {
				st.Level = common.Failure
			}
		}
		st.Text += "; " + strings.Join(parts, ", ")
	}
	return st
}

// restore is the undo of a removal: the members it removed go back with
// their roles; those someone else had removed first stay out.
func restore(c *common.Common, o client.Organization, all []client.Member, ids []string, absent int) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	back := map[string]bool{}
	var ts []client.Member
	for _, id := range ids {
		back[id] = true
	}
	for _, mem := range all {
		if back[mem.UserID] {
			ts = append(ts, mem)
		}
	}
	return common.Change(nil, func() common.Outcome {
		ctx := detail(ctx, o, ts)
		failed := 0
		added := map[string]bool{}
		for _, r := range cl.AddMembers(ctx, o.ID, ids) {
			if r.Outcome != client.Done {
				failed++
			} else {
				added[r.UserID] = true
			}
		}
		var put []client.Member
		for _, mem := range ts {
			if added[mem.UserID] {
				put = append(put, mem)
			}
		}
		for _, mem := range ts {
			if len(mem.Roles) == 0 {
				continue
			}
			roles := make([]string, len(mem.Roles))
			for i, r := range mem.Roles {
				roles[i] = r.ID
			}
			if cl.AssignRoles(ctx, o.ID, mem.UserID, roles) != nil {
				failed++
			}
		}
		st := common.StatusMsg{Level: common.Success, Text: "restored " + table.Plural(len(ids), "member") + " with their roles"}
		if absent > 0 {
			st.Text += fmt.Sprintf("; %d already removed elsewhere: not restored", absent)
		}
		if failed > 0 {
			st = common.StatusMsg{Level: common.Failure, Text: "undo: " + table.Plural(failed, "step") + " failed; refresh to see where things stand"}
		}
		return common.Outcome{Status: st, Result: putMsg{org: o.ID, members: put}, Touched: &common.Touched{Org: o.ID, Tab: common.Members}}
	})
}

func (m *Model) onRemoving(msg removingMsg) tea.Cmd {
	for _, id := range msg.ids {
		m.List().SetState(id, list.State{Phase: list.Pending, Note: "removing…"})
	}
	m.List().Unmark(msg.ids...)
	return m.List().Spin()
}

func (m *Model) onRemoved(msg removedMsg) {
	var gone []string
	for _, r := range msg.results {
		switch r.Outcome {
		case client.Confirmed, client.Done, client.Absent:
			gone = append(gone, r.UserID)
		case client.Unverified:
			m.List().SetState(r.UserID, list.State{Phase: list.Unverified, Note: "unverified: " + common.Explain(r.Err)})
		case client.Cancelled:
			m.List().SetState(r.UserID, list.State{Phase: list.Failed, Note: "not sent: cancelled"})
			m.List().Mark(r.UserID)
		default:
			m.List().SetState(r.UserID, list.State{Phase: list.Failed, Note: "failed: " + common.Explain(r.Err)})
			m.List().Mark(r.UserID) // kept marked, so R (or d) retries them
		}
	}
	m.List().Drop(gone...)
}
