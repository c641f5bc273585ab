// Package dialog has the dashboard's dialogs: the menu (More Options, and
// any choice among items, such as the connection to enable), the confirm
// dialog, the typed-name confirmation and the forms. A dialog carries the command to run when it is done,
// so the root never needs a switch over actions.
package dialog

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// Dialog is what the root shows over the screen; it gets every key.
type Dialog interface {
	Init() tea.Cmd
	Update(tea.Msg) (Dialog, tea.Cmd)
	View() string
	// Help is the dialog's keys, for the footer while it has the focus.
	Help() help.KeyMap
	// session is the session the dialog was made for, which Open tells
	// that a dialog is on its way (see common.Common.Opening).
	session() *common.Common
}

// Named is b with its description replaced: "y remove", "enter disable".
func Named(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, strings.ToLower(desc))
	return b
}

// hint is a dialog's key line, drawn by bubbles' help from its key map.
func hint(c *common.Common, km help.KeyMap) string {
	h := help.New()
	h.Styles = c.Styles.Help
	return h.ShortHelpView(km.ShortHelp())
}

// hintEndingWith is a key line that always ends with last (the way out),
// the other keys cut short before it where the dialog is too narrow.
func hintEndingWith(c *common.Common, keys []key.Binding, last key.Binding) string {
	h := help.New()
	h.Styles = c.Styles.Help
	end := h.ShortHelpView([]key.Binding{last})
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	h.SetWidth(max(textWidth(c)-ansi.StringWidth(end)-ansi.StringWidth(sep), 1))
	if main := h.ShortHelpView(keys); main != "" {
		return main + sep + end
	}
	return end
}

// OpenMsg asks the root to show a dialog.
type OpenMsg struct{ Dialog Dialog }

// Open is a command that shows d. Called while a key is handled, it
// marks the key as one that opens a dialog: the keys typed after it wait
// for d instead of reaching the screen behind.
func Open(d Dialog) tea.Cmd {
	d.session().Opening()
	return func() tea.Msg { return OpenMsg{Dialog: d} }
}

// DoneMsg closes the dialog and runs Then (nil when cancelled).
type DoneMsg struct{ Then tea.Cmd }

// Done is a command that closes the dialog and runs then.
func Done(then tea.Cmd) tea.Cmd { return func() tea.Msg { return DoneMsg{Then: then} } }

// ArmDelay is how long a confirm dialog ignores y and enter after it opens,
// so a held or repeated key cannot confirm it.
const ArmDelay = 400 * time.Millisecond

// armedMsg ends the arming delay of dialog id.
type armedMsg struct{ id int }

// arming hands out dialog ids and the command that arms them.
type arming struct {
	id    int
	armed bool
}

func (a *arming) start(c *common.Common) tea.Cmd {
	a.id = c.NextID()
	id := a.id
	return common.Tick(c.Ctx, ArmDelay, func(time.Time) tea.Msg { return armedMsg{id} })
}

func (a *arming) update(msg tea.Msg) {
	if m, ok := msg.(armedMsg); ok && m.id == a.id {
		a.armed = true
	}
}
