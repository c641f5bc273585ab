package common

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
)

// Action is one thing a screen offers, in one place: the key that runs
// it, the capability it needs, its label in the More Options menu, what it
// does, and why it is unavailable now. The same table drives key handling,
// the menu and the help, so the three cannot disagree.
type Action struct {
	Key   key.Binding
	Label string // the menu's label; "" keeps it out of the menu
	// Needs are the capabilities it needs (scopes, read-only); none for
	// actions that do not reach the tenant.
	Needs []client.Action
	// Unavailable says why it cannot run now for reasons other than
	// capability ("no connection selected"); nil or "" when it can.
	Unavailable func() string
	// Run is what it does: called on the UI goroutine, it returns the command.
	Run func() tea.Cmd
	// Opens says Run's command opens a dialog once it has read what the
	// dialog shows (a picker of the tenant's connections): the keys typed
	// after the action's key then wait for that dialog (see Opening). One
	// that opens its dialog at once, through dialog.Open, needs no saying.
	Opens bool
}

// Actions is a screen's action table, in menu and help order.
type Actions []Action

// Why says why a cannot run now, or "" when it can: a missing capability
// first, then the screen's own reason.
func (c *Common) Why(a Action) string { return why(a, c.Client.Capabilities) }

// why is Why with the capabilities from caps, asked only if a needs any.
func why(a Action, caps func() client.Capabilities) string {
	for _, need := range a.Needs {
		if r := caps().Can(need).Reason; r != "" {
			return r
		}
	}
	if a.Unavailable != nil {
		return a.Unavailable()
	}
	return ""
}

// Handle runs the action whose key msg is; a disabled one says why in the
// status line. It reports whether an action took the key.
func (as Actions) Handle(c *Common, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	for _, a := range as {
		if !key.Matches(msg, a.Key) {
			continue
		}
		if why := c.Why(a); why != "" {
			name := a.Label
			if len(a.Needs) > 0 {
				name = a.Needs[0].String()
			}
			if strings.HasSuffix(name, "?") { // a question: "Why can't they log in?"
				return Status(Warning, "cannot ask “"+strings.ToLower(name)+"”: "+why), true
			}
			return Status(Warning, "cannot "+strings.ToLower(name)+": "+why), true
		}
		if a.Opens {
			c.Opening()
		}
		return a.Run(), true
	}
	return nil, false
}

// Bindings are the actions' keys as help should show them: disabled when
// the action cannot run now, so help never offers what is unavailable.
func (as Actions) Bindings(c *Common) []key.Binding {
	var caps *client.Capabilities // read once for the table (behind the client's lock), when an action needs them
	once := func() client.Capabilities {
		if caps == nil {
			got := c.Client.Capabilities()
			caps = &got
		}
		return *caps
	}
	out := make([]key.Binding, 0, len(as))
	for _, a := range as {
		b := a.Key
		b.SetEnabled(b.Enabled() && why(a, once) == "")
		out = append(out, b)
	}
	return out
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
// over SSH too) as CopyCmd does, and says so.
func Copy(id string) tea.Cmd { return CopyCmd(Copyable{Label: "ID", Value: id}) }
