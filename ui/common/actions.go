package common

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
)

// UndoWindow is how long the last removal can be undone.
const UndoWindow = 30 * time.Second

// UndoMsg offers to undo the last removal: Label says what (shown in the
// footer), Run puts it back.
type UndoMsg struct {
	Label string
	Run   tea.Cmd
}

// Offer is a command for UndoMsg.
func Offer(label string, run tea.Cmd) tea.Cmd {
	return func() tea.Msg { return UndoMsg{Label: label, Run: run} }
}

// Can says whether the session may do a, and says why not in a status line.
func (c *Common) Can(a client.Action) (bool, tea.Cmd) {
	if cp := c.Client.Capabilities().Can(a); !cp.Allowed {
		return false, Status(Warning, "cannot "+a.String()+": "+cp.Reason)
	}
	return true, nil
}

// Usable is b as help should show it: enabled only when a is allowed.
func (c *Common) Usable(b key.Binding, a client.Action) key.Binding {
	b.SetEnabled(c.Client.Capabilities().Can(a).Allowed)
	return b
}

// Reason is why a is unavailable, or "" when it is available.
func (c *Common) Reason(a client.Action) string {
	return c.Client.Capabilities().Can(a).Reason
}

// Copy puts id on the clipboard (OSC 52: it reaches the person's terminal,
// over SSH too) and says so.
func Copy(id string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(id), Status(Info, "copied "+id))
}
