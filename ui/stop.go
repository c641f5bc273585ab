package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// StopWait is how long a stopped session waits for the changes it has
// already sent before it ends.
const StopWait = 10 * time.Second

// StopMsg tells the session to end as a signal (SIGINT, SIGTERM, SIGHUP)
// or a server's shutdown asks: send nothing new, wait up to StopWait for
// the calls already sent so their outcomes are recorded, then quit.
type StopMsg struct{ Why string }

// stopWaitedMsg ends the wait.
type stopWaitedMsg struct{}

func (m *Model) stop(msg StopMsg) tea.Cmd {
	if m.stopping {
		return nil
	}
	m.stopping = true
	if m.c.StopSending != nil {
		m.c.StopSending()
	}
	n := m.c.Pending()
	if n == 0 {
		return tea.Quit
	}
	return tea.Batch(
		m.footer.SetStatus(common.StatusMsg{Level: common.Warning,
			Text: fmt.Sprintf("%s: sending nothing new; waiting up to %s for %s already sent", msg.Why, StopWait, table.Plural(n, "change"))}),
		common.Tick(m.c.Ctx, StopWait, func(time.Time) tea.Msg { return stopWaitedMsg{} }))
}

// stopIfDone quits a stopping session once nothing is in flight.
func (m *Model) stopIfDone() tea.Cmd {
	if m.stopping && m.c.Pending() == 0 {
		return tea.Quit
	}
	return nil
}
