package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// startChange shows a change's pending rows to the screens, then runs it,
// counted in flight until its outcome is in.
func (m *Model) startChange(msg common.ChangeMsg) tea.Cmd {
	if m.stopping {
		return common.Status(common.Warning, "the session is stopping: nothing new is sent")
	}
	var shown tea.Cmd
	if msg.Pending != nil {
		shown = m.broadcast(msg.Pending)
	}
	return tea.Batch(shown, m.c.Run(msg))
}

// applyOutcome is the session's part of every change's end, whichever
// screen started it and whether or not it is still open: the status line,
// the undo offer, follow-up work; then the screens showing the rows update.
func (m *Model) applyOutcome(o common.Outcome) tea.Cmd {
	var cmds []tea.Cmd
	if o.Status.Text != "" {
		cmds = append(cmds, m.footer.SetStatus(o.Status))
	}
	if o.Undo != nil {
		cmds = append(cmds, m.offerUndo(*o.Undo))
	}
	if u := m.undo; u != nil && o.Deleted != "" && u.org == o.Deleted {
		// what it would restore into is gone: z would only fail
		m.undo = nil
		m.footer.SetUndo("", time.Time{})
	}
	if o.Result != nil {
		cmds = append(cmds, m.broadcast(o.Result))
	}
	if m.c.Changes != nil {
		if o.Touched != nil {
			m.c.Changes.Publish(m.c.Session, *o.Touched)
		}
		for _, t := range o.Touches {
			m.c.Changes.Publish(m.c.Session, t)
		}
	}
	return tea.Batch(append(cmds, o.Then)...)
}

// watchChanges waits for what the server's other sessions change.
func watchChanges(c *common.Common, version uint64) tea.Cmd {
	if c.Changes == nil {
		return nil
	}
	return func() tea.Msg {
		ts, v, err := c.Changes.Next(c.Ctx, c.Session, version)
		if err != nil {
			return nil // the session ended
		}
		return changesMsg{touched: ts, version: v}
	}
}

// changesMsg is news of other sessions' changes.
type changesMsg struct {
	touched []common.Touched
	version uint64
}

func (m *Model) onChanges(msg changesMsg) tea.Cmd {
	cmds := []tea.Cmd{watchChanges(m.c, msg.version)}
	for _, t := range msg.touched {
		cmds = append(cmds, m.broadcast(common.TouchedMsg{Touched: t}))
	}
	return tea.Batch(cmds...)
}

// refreshTickMsg is the auto-refresh interval passing.
type refreshTickMsg struct{}

// autoRefresh reloads the shown screen every c.Refresh, then waits again.
func (m *Model) autoRefresh() tea.Cmd {
	if m.c.Refresh <= 0 {
		return nil
	}
	m.refreshAt = m.now().Add(m.c.Refresh)
	return common.Tick(m.c.Ctx, m.c.Refresh, func(time.Time) tea.Msg { return refreshTickMsg{} })
}

func (m *Model) onRefreshTick() tea.Cmd {
	cmds := []tea.Cmd{m.autoRefresh()}
	if m.dialog == nil && !m.helpOpen && !m.jumping && !m.top().Capturing() {
		cmds = append(cmds, m.toTop(common.RefreshMsg{Auto: true}))
	}
	return tea.Batch(cmds...)
}

// refreshState says the auto-refresh's state for the header: "" when
// off, else its interval and when it next reloads, or why it will not.
func (m *Model) refreshState() string {
	if m.c.Refresh <= 0 {
		return ""
	}
	s := "⟳ every " + m.c.Refresh.String()
	switch {
	case m.dialog != nil:
		return s + ", paused while a dialog is open"
	case m.helpOpen || m.jumping || m.top().Capturing():
		return s + ", paused while you type"
	}
	return s + ", next at " + m.refreshAt.Local().Format("15:04:05")
}

// undoOffer is the removal that z puts back, until its window closes.
type undoOffer struct {
	org   string // the organization it restores into
	label string
	run   tea.Cmd
	until time.Time
}

func (m *Model) offerUndo(u common.UndoMsg) tea.Cmd {
	m.undo = &undoOffer{org: u.Org, label: u.Label, run: u.Run, until: m.now().Add(common.UndoWindow)}
	m.footer.SetUndo(u.Label, m.undo.until)
	return m.countdown()
}

func (m *Model) runUndo() tea.Cmd {
	u := m.undo
	m.undo = nil
	m.footer.SetUndo("", time.Time{})
	if u == nil || m.now().After(u.until) {
		return common.Status(common.Info, "nothing to undo (deleting an organization cannot be undone)")
	}
	return tea.Batch(u.run, common.Status(common.Info, "undoing: "+u.label))
}
