package dialog

import (
	"reflect"
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// Form is a huh form embedded in a dialog box (never Run: the dashboard
// keeps running): in orgdash's theme, sized to the terminal, esc cancels,
// and completing it runs what done makes.
//
// huh moves the focus to the next field asynchronously: the key that
// leaves a field returns a command whose message moves the focus. Keys
// typed ahead (a fast typist, a paste of keys, an SSH burst) that arrive
// before that message would land in the field being left, so a form holds
// them while a move is on its way and replays them once the next field has
// the focus.
type Form struct {
	c        *common.Common
	title    string
	form     *huh.Form
	fields   []huh.Field
	done     func() tea.Cmd
	full     int // the height of every field, shown whole
	height   int // the height last given to huh: all of it, or what the terminal has room for
	errLines int // the lines of validation errors when it was given

	moving bool      // a key has sent huh's focus to another field; its message has not arrived
	held   []tea.Msg // keys typed meanwhile, for the field that gets the focus
	skip   int       // fields to pass over as it opens, to start at a later one

	// dirty, when set, reports whether anything was typed: esc then asks
	// before throwing it away (discarding says it is asking).
	dirty      func() bool
	discarding bool
}

// NewForm puts fields in a dialog titled title.
func NewForm(c *common.Common, title string, done func() tea.Cmd, fields ...huh.Field) *Form {
	for _, fl := range fields {
		switch fl := fl.(type) {
		case *huh.Confirm: // yes/no at the left of every field, not centred under each title
			fl.WithButtonAlignment(lipgloss.Left)
		case *huh.Text:
			// ctrl+e would run $EDITOR where orgdash runs: over SSH, a
			// process on the server. Never from a dashboard.
			fl.ExternalEditor(false)
		}
	}
	km := huh.NewDefaultKeyMap()
	km.Text.Editor.SetEnabled(false) // huh only disables it when asked for its keys
	// sized once, here: huh wraps descriptions when a field is made, and
	// cuts rather than re-wraps them after a change of width
	f := huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(false).WithWidth(textWidth(c)).WithTheme(c.Styles.Form()).WithKeyMap(km)
	f.SubmitCmd, f.CancelCmd = nil, nil
	return &Form{c: c, title: title, form: f, fields: fields, done: done}
}

// relaidMsg tells huh nothing but to lay its fields out again.
type relaidMsg struct{}

// Init starts the form; one that starts at a later field moves there
// first, holding the keys typed meanwhile as it does for any move.
func (d *Form) Init() tea.Cmd {
	if d.skip == 0 {
		return d.form.Init()
	}
	d.moving = true
	return tea.Sequence(d.form.Init(), huh.NextField)
}

// isFocusMove reports whether msg is one of huh's messages that move the
// focus between fields (unexported in huh; known by the values its
// commands return).
func isFocusMove(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t == reflect.TypeOf(huh.NextField()) || t == reflect.TypeOf(huh.PrevField())
}

// Update runs the form; esc cancels, typed-ahead keys wait for their field.
func (d *Form) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if d.discarding {
			return d, d.answerDiscard(msg)
		}
		if key.Matches(msg, d.c.Keys.Dialog.Cancel) {
			if d.dirty != nil && d.dirty() {
				d.discarding, d.held, d.moving = true, nil, false
				return d, nil
			}
			return d, Done(nil) // whatever is held: the user wants out
		}
		if d.moving {
			d.held = append(d.held, msg)
			return d, nil
		}
		return d.key(msg)
	case tea.PasteMsg:
		if d.discarding { // not into a field hidden behind the question
			return d, nil
		}
		if d.moving {
			d.held = append(d.held, msg)
			return d, nil
		}
		return d.key(msg)
	}
	if !isFocusMove(msg) {
		return d.step(msg)
	}
	_, cmd := d.step(msg)
	if d.skip > 0 {
		if d.skip--; d.skip > 0 {
			return d, tea.Batch(cmd, huh.NextField)
		}
	}
	d.moving = false
	cmds := []tea.Cmd{cmd}
	for len(d.held) > 0 && !d.moving && d.form.State == huh.StateNormal {
		next := d.held[0]
		d.held = d.held[1:]
		_, cmd := d.key(next)
		cmds = append(cmds, cmd)
	}
	if d.form.State != huh.StateNormal {
		d.held = nil // typed past the end of the form
	}
	return d, tea.Batch(cmds...)
}

// key gives huh one key (or paste) and notes whether it sent the focus on.
func (d *Form) key(msg tea.Msg) (Dialog, tea.Cmd) {
	field := d.form.GetFocusedField()
	k, isKey := msg.(tea.KeyPressMsg)
	_, cmd := d.step(msg)
	if isKey && d.form.State == huh.StateNormal && field.Error() == nil && leaves(field, k) {
		d.moving = true
	}
	return d, cmd
}

// leaves reports whether k is one of field's enabled keys that move the
// focus on (next, submit, back, and a confirm's yes and no).
func leaves(field huh.Field, k tea.KeyPressMsg) bool {
	for _, b := range field.KeyBinds() {
		if !b.Enabled() || !key.Matches(k, b) {
			continue
		}
		switch b.Help().Desc {
		case "next", "submit", "back", "select", "confirm", "Yes", "No":
			return true
		}
	}
	return false
}

// step gives huh msg and finishes the dialog when the form is done.
func (d *Form) step(msg tea.Msg) (Dialog, tea.Cmd) {
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

// byUse orders a field's keys for a narrow key line: those that go on
// first, then those that change the value, the arrows last (known to all).
func byUse(keys []key.Binding) []key.Binding {
	rank := func(b key.Binding) int {
		switch b.Help().Desc {
		case "next", "submit", "select", "confirm":
			return 0
		case "up", "down", "back":
			return 2
		}
		return 1
	}
	out := slices.Clone(keys)
	slices.SortStableFunc(out, func(a, b key.Binding) int { return rank(a) - rank(b) })
	return out
}

// View draws the form in a dialog box that fits the terminal, a
// validation error included: huh's height takes the error from the
// fields' room (it scrolls to the focused one) rather than growing the
// box past the screen.
func (d *Form) View() string {
	c := d.c
	if d.discarding {
		return d.discardView()
	}
	if d.full == 0 {
		// huh's own guess of the height cuts the last field short: every
		// field is shown whole where there is room
		d.full = len(d.fields) - 1 // the blank lines between fields
		for _, f := range d.fields {
			d.full += lipgloss.Height(f.View())
		}
	}
	errLines := 0
	if errs := d.form.Errors(); len(errs) > 0 {
		errLines++ // the blank line above them
		for _, err := range errs {
			errLines += lipgloss.Height(ansi.Wrap(err.Error(), textWidth(c), ""))
		}
	}
	want := d.full + errLines
	room := want
	if c.Height > 0 {
		// the border and padding, the title and its gap, and the hint
		room = c.Height - 4 - 2 - 1
		if compact(c) {
			room = c.Height - 2 - 1 - 1
		}
		want = min(want, room)
	}
	if want = max(want, 4); want != d.height || errLines != d.errLines {
		// huh takes the errors' lines from the fields' when given a height
		d.height, d.errLines = want, errLines
		d.form.WithHeight(want)
		d.form.Update(relaidMsg{}) // huh scrolls to the focused field on an update, not on a new height
	}
	v := d.form.View()
	if over := lipgloss.Height(v) - max(room, 4); over > 0 && d.height-over >= 4 {
		// huh draws more than it was given (its scroll marks): take it off
		d.height -= over
		d.form.WithHeight(d.height)
		v = d.form.View()
	}
	return box(d.c, d.c.Styles.DialogTitle.Render(d.title), "", v, "", hintEndingWith(d.c, byUse(d.form.KeyBinds()), d.c.Keys.Dialog.Cancel))
}

// Help is the form's own keys and esc.
func (d *Form) Help() help.KeyMap {
	if d.discarding {
		return common.HelpMap{Short: d.discardKeys(), Full: [][]key.Binding{d.discardKeys()}}
	}
	cancel := d.c.Keys.Dialog.Cancel
	short := append(d.form.KeyBinds(), cancel)
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}
