package dialog

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// TypeName confirms by typing a name: only the exact name runs the action.
type TypeName struct {
	c     *common.Common
	title string
	body  string
	want  string
	verb  string // what enter does: "delete", "disable"
	then  tea.Cmd
	input textinput.Model
	err   string
	arming
}

// NewTypeName asks the user to type want before then runs; action names
// what confirming does ("Delete", "Disable").
func NewTypeName(c *common.Common, title, body, want, action string, then tea.Cmd) *TypeName {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "type it here" // not the name itself: that would look typed already
	in.CharLimit = 100
	in.SetWidth(textWidth(c) - 4)
	in.KeyMap.Paste.SetEnabled(false)
	return &TypeName{c: c, title: title, body: body, want: want, verb: strings.ToLower(action), then: then, input: in}
}

// Init focuses the input and starts the arming delay.
func (d *TypeName) Init() tea.Cmd { return tea.Batch(d.input.Focus(), d.start(d.c)) }

// Update edits the name; enter checks it.
func (d *TypeName) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	d.arming.update(msg)
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := d.c.Keys.Dialog
		switch {
		case key.Matches(k, keys.Cancel):
			return d, Done(nil)
		case key.Matches(k, keys.Choose):
			switch {
			case !d.armed:
			case d.input.Value() == d.want:
				return d, Done(d.then)
			default:
				d.err = "That is not “" + d.want + "”: nothing was changed."
			}
			return d, nil
		}
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	return d, cmd
}

// View draws the dialog.
func (d *TypeName) View() string {
	s := d.c.Styles
	d.input.SetWidth(textWidth(d.c) - 4)
	keep := "Type " + s.Title.Render(d.want) + " to confirm:\n" + d.input.View()
	if d.err != "" {
		keep += "\n" + ansi.Wrap(s.Error.Render(d.err), textWidth(d.c), "")
	}
	return box(d.c, s.Danger.Render(d.title), d.body, keep, "", armedHint(d.c, d.armed, d.Help()))
}

// Help is enter (named for the action) and esc; only esc until it arms.
func (d *TypeName) Help() help.KeyMap {
	keys := d.c.Keys.Dialog
	if !d.armed {
		return common.HelpMap{Short: []key.Binding{keys.Cancel}, Full: [][]key.Binding{{keys.Cancel}}}
	}
	enter := Named(keys.Choose, d.verb)
	return common.HelpMap{Short: []key.Binding{enter, keys.Cancel}, Full: [][]key.Binding{{enter, keys.Cancel}}}
}
