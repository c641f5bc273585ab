package dialog

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// Form is a huh form embedded in a dialog box (never Run: the dashboard
// keeps running): in orgdash's theme, sized to the terminal, esc cancels,
// and completing it runs what done makes.
type Form struct {
	c      *common.Common
	title  string
	form   *huh.Form
	fields []huh.Field
	done   func() tea.Cmd
	sized  bool // given its height: all of it, or what the terminal has room for
}

// NewForm puts fields in a dialog titled title.
func NewForm(c *common.Common, title string, done func() tea.Cmd, fields ...huh.Field) *Form {
	// sized once, here: huh wraps descriptions when a field is made, and
	// cuts rather than re-wraps them after a change of width
	f := huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(false).WithWidth(textWidth(c)).WithTheme(c.Styles.Form())
	f.SubmitCmd, f.CancelCmd = nil, nil
	return &Form{c: c, title: title, form: f, fields: fields, done: done}
}

// Init starts the form.
func (d *Form) Init() tea.Cmd { return d.form.Init() }

// Update runs the form; esc cancels.
func (d *Form) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, d.c.Keys.Dialog.Cancel) {
		return d, Done(nil)
	}
	m, cmd := d.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		d.form = f
	}
	switch d.form.State {
	case huh.StateCompleted:
		return d, Done(d.done())
	case huh.StateAborted:
		return d, Done(nil)
	}
	return d, cmd
}

// View draws the form in a dialog box.
func (d *Form) View() string {
	if c := d.c; !d.sized {
		// huh's own guess of the height cuts the last field short: every
		// field is shown whole where there is room, else huh scrolls to the
		// focused one, its title included
		d.sized = true
		full := len(d.fields) - 1 // the blank lines between fields
		for _, f := range d.fields {
			full += lipgloss.Height(f.View())
		}
		room := full
		if c.Height > 0 {
			// the border and padding, the title and its gap, the hint, and
			// the line huh adds below the fields for an error
			room = c.Height - 4 - 2 - 1 - 1
			if compact(c) {
				room = c.Height - 2 - 1 - 1 - 1
			}
		}
		d.form.WithHeight(max(min(full, room), 4))
	}
	return box(d.c, d.c.Styles.DialogTitle.Render(d.title), "", d.form.View(), "", hint(d.c, d.Help()))
}

// Help is the form's own keys and esc.
func (d *Form) Help() help.KeyMap {
	cancel := d.c.Keys.Dialog.Cancel
	short := append(d.form.KeyBinds(), cancel)
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}
