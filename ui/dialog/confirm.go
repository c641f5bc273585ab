package dialog

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/theme"
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
	if c, ok := msg.(tea.MouseClickMsg); ok && c.Button == tea.MouseLeft {
		return d, d.click(c.X, c.Y)
	}
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

// click presses the button at x, y of the box: Cancel cancels, the action
// confirms once the dialog is armed (as y does).
func (d *Confirm) click(x, y int) tea.Cmd {
	lines := strings.Split(ansi.Strip(d.View()), "\n")
	if y < 0 || y >= len(lines) {
		return nil
	}
	line := lines[y]
	at := strings.Index(line, "Cancel")
	act := strings.LastIndex(line, d.action)
	if at < 0 || act <= at {
		return nil // not the buttons' line
	}
	cancelX, actX := ansi.StringWidth(line[:at]), ansi.StringWidth(line[:act])
	switch {
	case x >= cancelX-1 && x < cancelX+len("Cancel")+1:
		return Done(nil)
	case x >= actX-1 && x < actX+ansi.StringWidth(d.action)+1 && d.armed:
		return Done(d.then)
	}
	return nil
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
	button := func(label string, focused bool) string {
		switch {
		case focused && s.NoColor:
			return s.ButtonFocused.Render(theme.Chosen(label)) // colour cannot say which: a marker does
		case focused:
			return s.ButtonFocused.Render(label)
		case s.NoColor:
			return s.Button.Render(" " + label)
		}
		return s.Button.Render(label)
	}
	cancel, act := button("Cancel", d.focus == 0), button(d.action, d.focus != 0)
	return box(d.c, s.DialogTitle.Render(d.title), d.body, "", cancel+"  "+act, armedHint(d.c, d.armed, d.Help()))
}

// armedHint is the key line, or "…" while the dialog arms.
func armedHint(c *common.Common, armed bool, km help.KeyMap) string {
	if !armed {
		return c.Styles.Muted.Render("…")
	}
	return hint(c, km)
}

// boxWidth is the text width of a dialog on a terminal wide enough.
const boxWidth = 58

// textWidth is the text width a dialog has on c's terminal.
func textWidth(c *common.Common) int {
	if c.Width <= 0 {
		return boxWidth
	}
	return max(min(boxWidth, c.Width-6), 20)
}

// compact reports whether the terminal is too short for a dialog's
// padding and blank lines.
func compact(c *common.Common) bool { return c.Height > 0 && c.Height < 24 }

// box draws a dialog that fits c's terminal: the title, prose wrapped to
// the width (cut short with "…" when the terminal is too short for it),
// then keep (never cut: an input, the items of a menu), the buttons and the
// key hint. On a short terminal the padding and blank lines go first.
func box(c *common.Common, title, prose, keep, buttons, hint string) string {
	w := textWidth(c)
	gap := []string{""}
	style := c.Styles.Dialog.Width(w + 6)
	chrome := 4 // the border and the padding above and below
	if compact(c) {
		gap, chrome = nil, 2
		style = style.Padding(0, 2)
	}
	var fixed []string
	if keep != "" {
		fixed = append(fixed, strings.Split(keep, "\n")...)
	}
	if buttons != "" {
		fixed = append(append(fixed, gap...), buttons)
	}
	if hint != "" {
		fixed = append(fixed, ansi.Truncate(hint, w, "…"))
	}
	var body []string
	if prose != "" {
		body = strings.Split(ansi.Wrap(prose, w, ""), "\n")
		if keep != "" {
			body = append(body, gap...)
		}
	}
	if c.Height > 0 {
		room := c.Height - chrome - 1 - len(gap) - len(fixed) // 1: the title
		if len(body) > room {
			body = append(body[:max(room-1, 0)], c.Styles.Muted.Render("…"))
		}
	}
	parts := append(append([]string{title}, gap...), body...)
	return style.Render(strings.Join(append(parts, fixed...), "\n"))
}
