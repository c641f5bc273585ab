package dialog

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// Confirm asks yes or no before an action. Cancel has the focus; y
// confirms, n and esc cancel; y and enter do nothing while it arms.
type Confirm struct {
	c      *common.Common
	title  string
	body   string
	action string // the confirm button's label: "Remove", "Disable"
	then   tea.Cmd
	focus  int // 0 Cancel, 1 the action
	arming
}

// NewConfirm asks title, explains body, and runs then when confirmed.
func NewConfirm(c *common.Common, title, body, action string, then tea.Cmd) *Confirm {
	return &Confirm{c: c, title: title, body: body, action: action, then: then}
}

// Init starts the arming delay.
func (d *Confirm) Init() tea.Cmd { return d.start(d.c) }

// Update handles the keys.
func (d *Confirm) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	d.arming.update(msg)
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	keys := d.c.Keys.Dialog
	switch {
	case key.Matches(k, keys.No):
		return d, Done(nil)
	case key.Matches(k, keys.Yes):
		if d.armed {
			return d, Done(d.then)
		}
	case key.Matches(k, keys.Switch):
		d.focus ^= 1
	case key.Matches(k, keys.Choose):
		if d.focus == 0 {
			return d, Done(nil)
		}
		if d.armed {
			return d, Done(d.then)
		}
	}
	return d, nil
}

// Help is y (named for the action), n/esc and the button switch; only
// the cancelling keys until the dialog arms.
func (d *Confirm) Help() help.KeyMap {
	keys := d.c.Keys.Dialog
	if !d.armed {
		return common.HelpMap{Short: []key.Binding{keys.No}, Full: [][]key.Binding{{keys.No}}}
	}
	yes := Named(keys.Yes, d.action)
	return common.HelpMap{Short: []key.Binding{yes, keys.No, keys.Switch}, Full: [][]key.Binding{{yes, keys.No, keys.Switch, keys.Choose}}}
}

// View draws the dialog box.
func (d *Confirm) View() string {
	s := d.c.Styles
	cancel, act := s.Button.Render("Cancel"), s.Button.Render(d.action)
	if d.focus == 0 {
		cancel = s.ButtonFocused.Render("Cancel")
	} else {
		act = s.ButtonFocused.Render(d.action)
	}
	return box(s.DialogTitle.Render(d.title), ansi.Wrap(d.body, boxWidth, ""), cancel+"  "+act, armedHint(d.c, d.armed, d.Help()), d.c)
}

// armedHint is the key line, or "…" while the dialog arms.
func armedHint(c *common.Common, armed bool, km help.KeyMap) string {
	if !armed {
		return c.Styles.Muted.Render("…")
	}
	return hint(c, km)
}

// boxWidth is the text width of a dialog.
const boxWidth = 58

func box(title, body, buttons, hint string, c *common.Common) string {
	parts := []string{title, "", body}
	if buttons != "" {
		parts = append(parts, "", buttons)
	}
	if hint != "" {
		parts = append(parts, hint)
	}
	return c.Styles.Dialog.Width(boxWidth + 6).Render(strings.Join(parts, "\n"))
}
