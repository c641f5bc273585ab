package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/ui/common"
)

// budgetMsg is a change of the tenant's rate-limit state.
type budgetMsg struct{ snap pace.Snapshot }

// countdownMsg redraws the "waiting Ns" countdown.
type countdownMsg struct{}

// watchBudget waits for the next change after version. The tracker is the
// tenant's: over SSH every session watches the same one.
func watchBudget(c *common.Common, version uint64) tea.Cmd {
	ctx, t := c.Ctx, c.Client.Tracker()
	return func() tea.Msg {
		s, err := t.Next(ctx, version)
		if err != nil {
			return nil // the session ended
		}
		return budgetMsg{s}
	}
}

func (m *Model) onBudget(msg budgetMsg) tea.Cmd {
	m.footer.SetBudget(msg.snap)
	return tea.Batch(watchBudget(m.c, msg.snap.Version), m.countdown())
}

// countdown keeps a tick going while calls wait, a bucket refills or an
// undo is open, so the seconds count down and the gauge stays live.
func (m *Model) countdown() tea.Cmd {
	snap := m.c.Client.Tracker().Snapshot()
	m.footer.SetBudget(snap)
	undoOpen := m.undo != nil && m.now().Before(m.undo.until)
	if m.ticking || (!snap.Waiting(m.now()) && !snap.Refilling(m.now()) && !undoOpen) {
		return nil
	}
	m.ticking = true
	return common.Tick(m.c.Ctx, time.Second, func(time.Time) tea.Msg { return countdownMsg{} })
}
