package dialog

import (
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
	then  tea.Cmd
	input textinput.Model
	err   string
	arming
}

// NewTypeName asks the user to type want before then runs.
func NewTypeName(c *common.Common, title, body, want string, then tea.Cmd) *TypeName {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = want
	in.CharLimit = 100
	in.SetWidth(boxWidth - 4)
	in.KeyMap.Paste.SetEnabled(false)
	return &TypeName{c: c, title: title, body: body, want: want, then: then, input: in}
}

// Init focuses the input and starts the arming delay.
func (d *TypeName) Init() tea.Cmd { return tea.Batch(d.input.Focus(), d.start(d.c)) }

// Update edits the name; enter checks it.
func (d *TypeName) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	d.arming.update(msg)
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return d, Done(nil)
		case "enter":
			switch {
			case !d.armed:
			case d.input.Value() == d.want:
				return d, Done(d.then)
			default:
				d.err = "That is not “" + d.want + "”: nothing was deleted."
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
	body := ansi.Wrap(d.body, boxWidth, "") + "\n\n" + "Type " + s.Title.Render(d.want) + " to confirm:\n" + d.input.View()
	if d.err != "" {
		body += "\n" + s.Error.Render(d.err)
	}
	hint := "enter delete · esc cancel"
	if !d.armed {
		hint = "…"
	}
	return box(s.Danger.Render(d.title), body, "", s.Muted.Render(hint), d.c)
}
