package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/orgs"
	"github.com/orgdash/orgdash/ui/uitest"
)

// BenchmarkHelpToggle500x200 is the frame the SSH stall tests draw to fill
// a channel's window: ? pressed again and again on a 500×200 screen of
// organizations whose first 200 have display names of 255 characters, in
// colour; ASCII letters as internal/cli's longNamedTenant, or "𝔞" (four
// bytes a cell) as server's longNames. Each op is one key and its frame.
func BenchmarkHelpToggle500x200(b *testing.B) {
	for _, names := range []struct{ kind, letters string }{{"ascii", "abcdefghijklmnopqrstuvwxyz"}, {"fraktur", "𝔞"}} {
		b.Run(names.kind, func(b *testing.B) {
			m := longNamedRoot(b, 500, 200, []rune(names.letters))
			b.ReportAllocs()
			for b.Loop() {
				m.Update(uitest.Key("?"))
				_ = m.Render()
			}
		})
	}
}

// longNamedRoot is a root model of w×h, in colour, on the organizations of
// a fake tenant of 1,000 whose first 200 have 255-character display names
// (the i-th of one letter, in turn), loaded (rows and count).
func longNamedRoot(tb testing.TB, w, h int, letters []rune) *Model {
	tb.Helper()
	fake := clienttest.New(1000, 1)
	fake.Demo, fake.PageLen = false, 1000
	for i := range 200 {
		fake.Orgs[i].DisplayName = strings.Repeat(string(letters[i%len(letters)]), 255)
	}
	c := uitest.Common(tb, fake)
	c.Styles = theme.New(true, false)
	m := New(c)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	l := m.top().(*orgs.Model).List()
	loadList(tb, m, l)
	return m
}

// loadList runs l's first load to the end: its commands (the fake answers
// at once) and their messages through the root, leaving out the
// spinner's ticks, until the rows and the count have come.
func loadList[T any](tb testing.TB, m *Model, l *list.Model[T]) {
	tb.Helper()
	msgs := make(chan tea.Msg, 64)
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			go func() { msgs <- cmd() }()
		}
	}
	run(m.top().Init())
	counted := false
	for !counted || !l.Loaded() {
		switch msg := (<-msgs).(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case common.CountedMsg:
			counted = true
			m.Update(msg)
		case spinner.TickMsg:
		default:
			_, cmd := m.Update(msg)
			run(cmd)
		}
	}
	if l.Total() != 1000 {
		tb.Fatalf("%d rows loaded", l.Total())
	}
}
