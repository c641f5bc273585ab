// Package uitest drives dashboard models in tests: sessions over any
// client, key messages by name, and a driver that runs a model's commands
// inside a testing/synctest bubble until every one has answered or blocks.
package uitest

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
)

// Common is a session over cl with default keys and colourless styles; its
// context ends with the test.
func Common(tb testing.TB, cl client.Client) *common.Common {
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	return &common.Common{Ctx: ctx, Client: cl, Keys: keymap.Default(), Styles: theme.New(true, true)}
}

var named = map[string]tea.KeyPressMsg{
	"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "space": {Code: tea.KeySpace, Text: " "},
	"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp},
	"home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
	"backspace": {Code: tea.KeyBackspace}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
	"delete": {Code: tea.KeyDelete},
}

// Key is the key press named like tea's String: "enter", "j", "G", "ctrl+c".
func Key(name string) tea.KeyPressMsg {
	if k, ok := named[name]; ok {
		return k
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// Keys are the key presses typing s.
func Keys(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}
