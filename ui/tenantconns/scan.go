package tenantconns

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// scanTickMsg redraws the screens showing idx's scan; the screen owner
// follows on (one tick each period, however many screens show it).
type scanTickMsg struct {
	idx   *crossorg.Index
	owner int
}

// scannedMsg is a scan over: done, stopped, or failed.
type scannedMsg struct {
	p   crossorg.ScanProgress
	err error
}

// Scan reads every organization's connections not read yet (all again
// when fresh), in the background of the budget.
func Scan(c *common.Common, idx *crossorg.Index, fresh bool, owner int) tea.Cmd {
	if idx.Scanning() {
		return common.Status(common.Info, "a scan is already under way")
	}
	ctx, cl := c.Ctx, c.Client
	return tea.Batch(func() tea.Msg {
		err := idx.Scan(ctx, cl, fresh, func(crossorg.ScanProgress) {})
		return scannedMsg{p: idx.Progress(), err: err}
	}, follow(c, idx, owner))
}

// follow ticks once; the screen follows again while the scan runs, so it
// shows the scan grow.
func follow(c *common.Common, idx *crossorg.Index, owner int) tea.Cmd {
	return common.Tick(c.Ctx, 300*time.Millisecond, func(time.Time) tea.Msg { return scanTickMsg{idx: idx, owner: owner} })
}

// again follows on while idx's scan runs.
func again(c *common.Common, idx *crossorg.Index, owner int) tea.Cmd {
	if !idx.Scanning() {
		return nil
	}
	return follow(c, idx, owner)
}

func scanStatus(msg scannedMsg) tea.Cmd {
	switch {
	case msg.err != nil && msg.p.Read > 0:
		return common.Status(common.Warning, "the scan stopped at "+table.Count(msg.p.Read)+" of "+table.Count(msg.p.Total)+" organizations: "+
			common.Explain(msg.err)+"; it goes on from there")
	case msg.err != nil:
		return common.Status(common.Failure, "scan: "+common.Explain(msg.err))
	}
	return common.Status(common.Success, "read the connections of every organization ("+table.Count(msg.p.Total)+")")
}
