package across

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
)

// Controls are the actions of a screen showing b (nil when it shows
// none): pause or resume it, stop it, and once it is over retry it where
// it did not apply, planned by again for those organizations.
func Controls(c *common.Common, b *Bulk, again func(b *Bulk) func([]client.Organization) *Bulk) common.Actions {
	k := c.Keys
	running := func() string {
		if !b.Running() {
			return "no change is running"
		}
		return ""
	}
	return common.Actions{
		{Key: k.Pause, Label: "Pause or resume the change", Unavailable: running, Run: func() tea.Cmd {
			b.A.SetPaused(!b.A.Paused())
			return nil
		}},
		{Key: k.Stop, Label: "Stop the change (what is under way finishes)", Unavailable: running, Run: func() tea.Cmd {
			b.Stop()
			return common.Status(common.Info, "stopping: the calls under way finish, no more start")
		}},
		{Key: k.Retry, Label: "Retry where it did not apply", Unavailable: func() string {
			if b == nil || b.Running() {
				return "no finished change to retry"
			}
			return ""
		}, Run: func() tea.Cmd { return Retry(c, b, again(b)) }},
	}
}

// Busy says why a new change cannot start while b runs, or "".
func (b *Bulk) Busy(c *common.Common) string {
	if b.Running() {
		return "a change is running here: " + c.Keys.Stop.Help().Key + " stops it"
	}
	return ""
}

// Follow is the part of a screen's Update that follows its changes across
// organizations: the one begun for scope becomes *cur, its rows show their
// progress while it runs, and its results once it ends. It reports
// whether msg was about one of them.
func Follow[T any](c *common.Common, l *list.Model[T], cur **Bulk, scope string, msg tea.Msg) (cmd tea.Cmd, took bool) {
	switch msg := msg.(type) {
	case StartedMsg:
		if msg.B.Scope != scope {
			return nil, true
		}
		*cur = msg.B
		for _, x := range msg.B.undoes {
			x.undone.Store(true)
		}
		for _, st := range msg.B.A.Steps() {
			l.Unmark(st.Org.ID)
		}
		l.Unmark(msg.B.planned...) // those it left out too: the run is what they were marked for
		Show(l, msg.B)
		return tea.Batch(Tick(c, msg.B), l.Spin()), true
	case TickMsg:
		if msg.B != *cur || !msg.B.Running() {
			return nil, true
		}
		Show(l, msg.B)
		return Tick(c, msg.B), true
	case EndedMsg:
		if msg.B != *cur {
			return nil, true
		}
		Show(l, msg.B)
		msg.B.End()
		return nil, true
	}
	return nil, false
}
