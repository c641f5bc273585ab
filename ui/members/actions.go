package members

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// phase is where a member's removal stands.
type phase int

const (
	removing   phase = iota // sent, or accepted and still listed
	failed                  // Auth0 refused it
	unverified              // accepted, but still listed when we stopped looking
)

// rowState is a member's pending or finished action.
type rowState struct {
	phase phase
	note  string
}

// removedMsg is the answer to a removal; verifiedMsg the listing's verdict.
type removedMsg struct {
	org     string
	results []client.MemberResult
	members []client.Member // as they were, for undo
}

type verifiedMsg struct {
	org     string
	results []client.MemberResult
}

// restoredMsg is the answer to an undo.
type restoredMsg struct {
	org    string
	failed int
}

// targets are the marked members, or the one under the cursor.
func (m *Model) targets() []client.Member {
	var out []client.Member
	for _, r := range m.table.Rows() {
		if m.marks[r.ID] {
			out = append(out, m.members[r.ID])
		}
	}
	if len(out) == 0 {
		if r, ok := m.table.Selected(); ok {
			out = append(out, m.members[r.ID])
		}
	}
	return out
}

func (m *Model) toggleMark() {
	if r, ok := m.table.Selected(); ok {
		if m.marks[r.ID] {
			delete(m.marks, r.ID)
		} else {
			m.marks[r.ID] = true
		}
		m.table.SetCursor(m.table.Cursor() + 1)
	}
}

func (m *Model) markAll() {
	for _, id := range m.table.VisibleIDs() {
		m.marks[id] = true
	}
}

// confirmRemove asks before removing the targets.
func (m *Model) confirmRemove() tea.Cmd {
	if ok, why := m.c.Can(client.RemoveMembers); !ok {
		return why
	}
	ts := m.targets()
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
	return dialog.Guard(m.c, "Remove "+what+"?", body, "Remove", m.org.Name, m.remove(ts))
}

func label(mem client.Member) string {
	if mem.Email != "" {
		return common.Clean(mem.Email)
	}
	return common.Clean(mem.UserID)
}

// remove sends the removal; the rows show "removing…" until it settles.
func (m *Model) remove(ts []client.Member) tea.Cmd {
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.UserID
	}
	return func() tea.Msg {
		return startMsg{org: org, ids: ids, run: func() tea.Msg {
			return removedMsg{org: org, results: cl.RemoveMembers(ctx, org, ids), members: ts}
		}}
	}
}

// startMsg marks the rows pending on the UI goroutine, then runs the call.
type startMsg struct {
	org string
	ids []string
	run tea.Cmd
}

func (m *Model) onStart(msg startMsg) tea.Cmd {
	m.c.Began()
	for _, id := range msg.ids {
		m.states[id] = rowState{phase: removing, note: "removing…"}
		delete(m.marks, id)
	}
	return tea.Batch(msg.run, m.spinner.Tick)
}

func (m *Model) onRemoved(msg removedMsg) tea.Cmd {
	m.c.Ended()
	var done []string
	failures := 0
	for _, r := range msg.results {
		if r.Outcome == client.Done {
			done = append(done, r.UserID)
			continue
		}
		failures++
		m.states[r.UserID] = rowState{phase: failed, note: "failed: " + common.Explain(r.Err)}
	}
	var cmds []tea.Cmd
	if len(done) > 0 {
		ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
		cmds = append(cmds, func() tea.Msg {
			return verifiedMsg{org: org, results: cl.VerifyRemoved(ctx, org, done)}
		})
		cmds = append(cmds, common.Offer(fmt.Sprintf("removal of %d member(s) from %s", len(done), common.Clean(m.org.Name)),
			m.restore(msg.members, done)))
	}
	switch {
	case failures > 0 && len(done) > 0:
		cmds = append(cmds, common.Status(common.Warning, fmt.Sprintf("%d removed, %d failed (see the rows)", len(done), failures)))
	case failures > 0:
		cmds = append(cmds, common.Status(common.Failure, fmt.Sprintf("%d removal(s) failed (see the rows)", failures)))
	default:
		cmds = append(cmds, common.Status(common.Success, fmt.Sprintf("removed %d member(s); waiting for the tenant to stop listing them", len(done))))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onVerified(msg verifiedMsg) tea.Cmd {
	var gone []string
	for _, r := range msg.results {
		switch r.Outcome {
		case client.Confirmed:
			gone = append(gone, r.UserID)
			delete(m.states, r.UserID)
			delete(m.members, r.UserID)
		default:
			m.states[r.UserID] = rowState{phase: unverified, note: "unverified: " + common.Explain(r.Err)}
		}
	}
	m.table.Remove(gone...)
	return nil
}

// restore is the undo of a removal: the members go back with their roles.
func (m *Model) restore(all []client.Member, ids []string) tea.Cmd {
	ctx, cl, org := m.c.Ctx, m.c.Client, m.org.ID
	back := map[string]bool{}
	for _, id := range ids {
		back[id] = true
	}
	return func() tea.Msg {
		failed := 0
		for _, r := range cl.AddMembers(ctx, org, ids) {
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
			if cl.AssignRoles(ctx, org, mem.UserID, roles) != nil {
				failed++
			}
		}
		return restoredMsg{org: org, failed: failed}
	}
}

func (m *Model) onRestored(msg restoredMsg) tea.Cmd {
	status := common.Status(common.Success, "restored the members with their roles")
	if msg.failed > 0 {
		status = common.Status(common.Failure, fmt.Sprintf("undo: %d step(s) failed; refresh to see where things stand", msg.failed))
	}
	return tea.Batch(m.Init(), status)
}

// menu is the More Options menu for the row or the marked rows.
func (m *Model) menu() tea.Cmd {
	n := len(m.targets())
	if n == 0 {
		return nil
	}
	what := "Remove member"
	if n > 1 {
		what = fmt.Sprintf("Remove %d marked members", n)
	}
	items := []dialog.Item{
		{Label: what, Key: "d", Reason: m.c.Reason(client.RemoveMembers), Then: m.confirmRemove()},
		{Label: "Mark / unmark", Key: "space", Then: func() tea.Msg { return markMsg{} }},
		{Label: "Copy user id", Key: "y", Then: m.copyID()},
	}
	return dialog.Open(dialog.NewMenu(m.c, "More options", items))
}

// markMsg toggles the mark of the row under the cursor (from the menu).
type markMsg struct{}

func (m *Model) copyID() tea.Cmd {
	if r, ok := m.table.Selected(); ok {
		return common.Copy(r.ID)
	}
	return nil
}

// gutter draws a row's mark or the state of its action.
func (m *Model) gutter(id string) string {
	s := m.c.Styles
	if st, ok := m.states[id]; ok {
		switch st.phase {
		case removing:
			return m.spinner.View()
		case failed:
			return s.Error.Render("✗")
		default:
			return s.Warn.Render("?")
		}
	}
	if m.marks[id] {
		return s.Marked.Render("●")
	}
	return ""
}

func (m *Model) note(id string) string {
	st, ok := m.states[id]
	if !ok {
		return ""
	}
	switch st.phase {
	case failed:
		return m.c.Styles.Error.Render(st.note)
	case unverified:
		return m.c.Styles.Warn.Render(st.note)
	}
	return m.c.Styles.Muted.Render(st.note)
}
