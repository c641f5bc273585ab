package members

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
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

// removedMsg is the answer to a removal; verifiedMsg the listing's verdict.
type removedMsg struct {
	org     string
	results []client.MemberResult
}

type verifiedMsg struct {
	org     string
	results []client.MemberResult
}

// restoredMsg says an undo has ended: the list reloads.
type restoredMsg struct{ org string }

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
		list += fmt.Sprintf(" and %d more", len(ts)-3)
	}
	body := fmt.Sprintf("Remove %s from %s: %s.\n\nThe users stay in the tenant. Removal takes a few seconds to show; z undoes it for %s.",
		what, common.Clean(m.org.Name), list, common.UndoWindow)
	return dialog.Guard(m.c, "Remove "+what+"?", body, "Remove", m.org.Name, remove(m.c, m.org, ts))
}

// retryFailed asks again for the members whose removal failed.
func (m *Model) retryFailed() tea.Cmd {
	var ts []client.Member
	for _, id := range m.list.Failed() {
		if mem, ok := m.list.Item(id); ok {
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

// remove is the change that removes ts from o. It captures everything it
// needs: its outcome reaches the root whether or not this tab still exists.
func remove(c *common.Common, o client.Organization, ts []client.Member) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.UserID
	}
	return common.Change(removingMsg{org: o.ID, ids: ids}, func() common.Outcome {
		results := cl.RemoveMembers(ctx, o.ID, ids)
		var done []string
		failures := 0
		for _, r := range results {
			if r.Outcome == client.Done {
				done = append(done, r.UserID)
			} else {
				failures++
			}
		}
		out := common.Outcome{Result: removedMsg{org: o.ID, results: results}}
		switch {
		case failures > 0 && len(done) > 0:
			out.Status = common.StatusMsg{Level: common.Warning, Text: fmt.Sprintf("%d removed, %d failed (marked: R retries)", len(done), failures)}
		case failures > 0:
			out.Status = common.StatusMsg{Level: common.Failure, Text: fmt.Sprintf("%d removal(s) failed (marked: R retries)", failures)}
		default:
			out.Status = common.StatusMsg{Level: common.Success, Text: fmt.Sprintf("removed %d member(s) from %s", len(done), common.Clean(o.Name))}
		}
		if len(done) > 0 {
			out.Undo = &common.UndoMsg{Label: fmt.Sprintf("removal of %d member(s) from %s", len(done), common.Clean(o.Name)),
				Run: restore(c, o, ts, done)}
			out.Then = func() tea.Msg { return verifiedMsg{org: o.ID, results: cl.VerifyRemoved(ctx, o.ID, done)} }
		}
		return out
	})
}

// restore is the undo of a removal: the members go back with their roles.
func restore(c *common.Common, o client.Organization, all []client.Member, ids []string) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	back := map[string]bool{}
	for _, id := range ids {
		back[id] = true
	}
	return common.Change(nil, func() common.Outcome {
		failed := 0
		for _, r := range cl.AddMembers(ctx, o.ID, ids) {
			if r.Outcome == client.Failed {
				failed++
			}
		}
		for _, mem := range all {
			if !back[mem.UserID] || len(mem.Roles) == 0 {
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
		st := common.StatusMsg{Level: common.Success, Text: "restored the members with their roles"}
		if failed > 0 {
			st = common.StatusMsg{Level: common.Failure, Text: fmt.Sprintf("undo: %d step(s) failed; refresh to see where things stand", failed)}
		}
		return common.Outcome{Status: st, Result: restoredMsg{org: o.ID}}
	})
}

func (m *Model) onRemoving(msg removingMsg) tea.Cmd {
	for _, id := range msg.ids {
		m.list.SetState(id, list.State{Phase: list.Pending, Note: "removing…"})
	}
	m.list.Unmark(msg.ids...)
	return m.list.Spin()
}

func (m *Model) onRemoved(msg removedMsg) {
	for _, r := range msg.results {
		if r.Outcome == client.Done {
			m.list.SetState(r.UserID, list.State{Phase: list.Pending, Note: "removing…"})
			continue
		}
		m.list.SetState(r.UserID, list.State{Phase: list.Failed, Note: "failed: " + common.Explain(r.Err)})
		m.list.Mark(r.UserID) // kept marked, so R (or d) retries them
	}
}

func (m *Model) onVerified(msg verifiedMsg) {
	var gone []string
	for _, r := range msg.results {
		if r.Outcome == client.Confirmed {
			gone = append(gone, r.UserID)
			continue
		}
		m.list.SetState(r.UserID, list.State{Phase: list.Unverified, Note: "unverified: " + common.Explain(r.Err)})
	}
	m.list.Drop(gone...)
}
