package dialog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// A form with something typed in it asks before esc throws that away:
// y discards (and says nothing was sent), n or esc goes back to the form
// as it was.

// AskBeforeDiscarding makes esc ask before closing f while changed says
// something was typed.
func (d *Form) AskBeforeDiscarding(changed func() bool) *Form {
	d.dirty = changed
	return d
}

// answerDiscard takes the answer to "discard the changes?".
func (d *Form) answerDiscard(msg tea.KeyPressMsg) tea.Cmd {
	k := d.c.Keys.Dialog
	switch {
	case key.Matches(msg, k.Yes):
		return Done(common.Status(common.Info, common.Clean(d.title)+" cancelled: nothing sent"))
	case key.Matches(msg, k.No):
		d.discarding = false
	}
	return nil
}

// discardKeys are the question's keys.
func (d *Form) discardKeys() []key.Binding {
	k := d.c.Keys.Dialog
	return []key.Binding{Named(k.Yes, "discard"), Named(k.No, "keep editing")}
}

// discardView asks whether to throw the typed changes away.
func (d *Form) discardView() string {
	s := d.c.Styles
	return box(d.c, s.DialogTitle.Render(d.title), "Discard the changes typed? Nothing has been sent.", "", "",
		hint(d.c, common.HelpMap{Short: d.discardKeys()}))
}
