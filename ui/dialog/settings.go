package dialog

import (
	"errors"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// ErrSignupRule is Auth0's rule, checked before any call is made.
var ErrSignupRule = errors.New("signup needs a database connection with auto-membership on")

// Settings edits an organization connection's settings in an embedded huh
// form, offering only what the strategy supports and enforcing Auth0's rules:
// the login button only for enterprise connections, signup only for
// database connections and only with auto-membership.
type Settings struct {
	c      *common.Common
	title  string
	form   *huh.Form
	vals   *client.ConnectionSettings
	submit func(client.ConnectionSettings) tea.Cmd
	sized  bool // given its height: all of it, or what the terminal has room for
	fields []huh.Field
}

// NewSettings edits start for a connection of strategy; submit makes the
// command to run with the result.
func NewSettings(c *common.Common, title, strategy string, start client.ConnectionSettings, submit func(client.ConnectionSettings) tea.Cmd) *Settings {
	v := start
	d := &Settings{c: c, title: title, vals: &v, submit: submit}
	fields := []huh.Field{huh.NewConfirm().Title("Auto-membership").
		Description("Everyone who logs in with this connection becomes a member.").Value(&v.AssignMembershipOnLogin)}
	if client.IsEnterprise(strategy) {
		fields = append(fields, huh.NewConfirm().Title("Show as a button").
			Description("On the organization's login prompt.").Value(&v.ShowAsButton))
	}
	if client.IsDatabase(strategy) {
		fields = append(fields, huh.NewConfirm().Title("Signup").
			Description("Let people sign up into the organization (needs auto-membership).").Value(&v.SignupEnabled).
			Validate(func(on bool) error {
				if on && !v.AssignMembershipOnLogin {
					return ErrSignupRule
				}
				return nil
			}))
	}
	// sized once, here: huh wraps descriptions when a field is made, and
	// cuts rather than re-wraps them after a change of width
	d.form = huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(false).WithWidth(textWidth(c)).
		WithTheme(c.Styles.Form())
	d.form.SubmitCmd, d.form.CancelCmd = nil, nil
	d.fields = fields
	return d
}

// Init starts the form.
func (d *Settings) Init() tea.Cmd { return d.form.Init() }

// Update runs the form; esc cancels.
func (d *Settings) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, d.c.Keys.Dialog.Cancel) {
		return d, Done(nil)
	}
	m, cmd := d.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		d.form = f
	}
	switch d.form.State {
	case huh.StateCompleted:
		return d, Done(d.submit(*d.vals))
	case huh.StateAborted:
		return d, Done(nil)
	}
	return d, cmd
}

// View draws the form in a dialog box.
func (d *Settings) View() string {
	s := d.c.Styles
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
			room = c.Height - 4 - 2 - 1 // the border and padding, the title and its gap, the hint
			if compact(c) {
				room = c.Height - 2 - 1 - 1
			}
		}
		d.form.WithHeight(max(min(full, room), 4))
	}
	return box(d.c, s.DialogTitle.Render(d.title), "", d.form.View(), "", hint(d.c, d.Help()))
}

// Help is the form's own keys and esc.
func (d *Settings) Help() help.KeyMap {
	cancel := d.c.Keys.Dialog.Cancel
	short := append(d.form.KeyBinds(), cancel)
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}
