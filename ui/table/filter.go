package table

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/theme"
)

// Filter is the "/" line that narrows a table as you type.
type Filter struct {
	input  textinput.Model
	active bool
	keys   *keymap.KeyMap
}

// NewFilter makes an inactive filter line.
func NewFilter(keys *keymap.KeyMap) Filter {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter: name, email, id…"
	in.CharLimit = 200
	in.KeyMap.Paste.SetEnabled(false) // it reads the host's clipboard; terminals paste by bracketed paste
	return Filter{input: in, keys: keys}
}

// Active reports whether the filter is taking keys.
func (f Filter) Active() bool { return f.active }

// Start begins editing the filter.
func (f *Filter) Start() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// Handle edits the filter while active: enter keeps it and stops editing,
// esc clears it and stops. It returns the query to apply.
func (f *Filter) Handle(msg tea.Msg) (string, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.keys.Filtering.Keep):
			f.active = false
			f.input.Blur()
			return f.input.Value(), nil
		case key.Matches(k, f.keys.Filtering.Clear):
			f.Clear()
			return "", nil
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return f.input.Value(), cmd
}

// Help is the filter line's keys while it has the focus.
func (f Filter) Help() help.KeyMap {
	k := f.keys.Filtering
	return filterHelp{k.Keep, k.Clear}
}

// filterHelp is the filter line's keys as help draws them.
type filterHelp []key.Binding

func (h filterHelp) ShortHelp() []key.Binding  { return h }
func (h filterHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h} }

// Clear empties the filter and stops editing.
func (f *Filter) Clear() {
	f.active = false
	f.input.Blur()
	f.input.SetValue("")
}

// View is the filter line: the prompt while editing, the kept query after.
func (f Filter) View(s *theme.Styles, width int) string {
	f.input.SetWidth(max(width-2, 1))
	if f.active {
		return f.input.View()
	}
	if f.input.Value() != "" {
		return s.Filter.Render("/"+f.input.Value()) + s.Muted.Render("  (esc clears)")
	}
	return ""
}

// Route gives msg to the filter when it concerns it: keys while editing,
// the filter key, and back while a filter is kept (which clears it). It
// reports whether it took the message.
func (f *Filter) Route(msg tea.Msg, t *Model) (tea.Cmd, bool) {
	if f.active {
		q, cmd := f.Handle(msg)
		t.SetFilter(q)
		return cmd, true
	}
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return nil, false
	case key.Matches(k, f.keys.Filter):
		return f.Start(), true
	case key.Matches(k, f.keys.Back) && t.Filter() != "":
		f.Clear()
		t.SetFilter("")
		return nil, true
	}
	return nil, false
}
