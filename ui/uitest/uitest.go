// Package uitest drives dashboard models in tests: sessions over any
// client, key messages by name, and a synchronous runner for commands.
package uitest

import (
	"context"
	"reflect"
	"testing"
	"time"

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
	"backspace": {Code: tea.KeyBackspace},
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

// quiet is how long Drive waits for the next result before it decides
// nothing more is coming: commands that block longer (watches, long ticks)
// are left waiting, as they would be in a quiet terminal.
const quiet = 150 * time.Millisecond

// Drive runs cmd and every command that follows from it, concurrently as
// Bubble Tea does, feeding each result to m, until results stop coming.
func Drive(m tea.Model, cmd tea.Cmd) tea.Model {
	results := make(chan tea.Msg, 64)
	run := func(c tea.Cmd) {
		if c != nil {
			go func() { results <- c() }()
		}
	}
	run(cmd)
	for steps := 0; steps < 100000; steps++ {
		select {
		case msg := <-results:
			if seq, ok := sequence(msg); ok {
				go runInOrder(seq, results)
				continue
			}
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			default:
				var next tea.Cmd
				m, next = m.Update(msg)
				run(next)
			}
		case <-time.After(quiet):
			return m
		}
	}
	return m
}

// sequence recognises tea.Sequence's message, whose type is unexported.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	if b, isBatch := msg.(tea.BatchMsg); isBatch {
		return b, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// runInOrder runs a sequence's commands one after another, as Bubble Tea does.
func runInOrder(cmds []tea.Cmd, results chan<- tea.Msg) {
	for _, c := range cmds {
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		select {
		case msg := <-done:
			results <- msg
		case <-time.After(quiet):
		}
	}
}

// Send gives m each message in turn and drives what follows.
func Send(m tea.Model, msgs ...tea.Msg) tea.Model {
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = Drive(m, cmd)
	}
	return m
}

// Type gives m the messages at once, as a fast typist would, then drives
// what follows.
func Type(m tea.Model, msgs ...tea.Msg) tea.Model {
	cmds := make([]tea.Cmd, 0, len(msgs))
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		cmds = append(cmds, cmd)
	}
	return Drive(m, tea.Batch(cmds...))
}
