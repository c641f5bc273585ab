package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/uitest"
)

// session is a root model driven inside a synctest bubble: every helper
// settles (all commands answered or blocked) before it returns, and time
// only moves when a test says so.
type session struct {
	t *testing.T
	*uitest.Driver
	c *common.Common
}

// open is a root over cl, sized w×h, with its first screen loaded.
func open(t *testing.T, cl client.Client, w, h int, setup ...func(*common.Common)) *session {
	t.Helper()
	c := uitest.Common(t, cl)
	for _, f := range setup {
		f(c)
	}
	m := New(c)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	s := &session{t: t, Driver: uitest.NewDriver(t, m), c: c}
	s.Run(m.Init())
	return s
}

func (s *session) root() *Model { return s.Model().(*Model) }

// press sends each key, settling after each.
func (s *session) press(keys ...string) *session {
	for _, k := range keys {
		s.Send(uitest.Key(k))
	}
	return s
}

// typed types text at once, as a fast typist would.
func (s *session) typed(text string) *session {
	s.Type(uitest.Keys(text)...)
	return s
}

// confirm waits for the open dialog to arm, then presses keys.
func (s *session) confirm(keys ...string) *session {
	s.Advance(dialog.ArmDelay)
	return s.press(keys...)
}

func (s *session) screen() string { return ansi.Strip(s.root().Render()) }

// want fails unless the screen shows every string.
func (s *session) want(want ...string) {
	s.t.Helper()
	sc := s.screen()
	for _, w := range want {
		if !strings.Contains(sc, w) {
			s.t.Fatalf("screen lacks %q:\n%s", w, sc)
		}
	}
}

// wantNot fails if the screen shows any of the strings.
func (s *session) wantNot(not ...string) {
	s.t.Helper()
	sc := s.screen()
	for _, w := range not {
		if strings.Contains(sc, w) {
			s.t.Fatalf("screen shows %q:\n%s", w, sc)
		}
	}
}

// waitFor advances the fake clock until the screen shows every string.
func (s *session) waitFor(within time.Duration, want ...string) {
	s.t.Helper()
	shows := func() bool {
		sc := s.screen()
		for _, w := range want {
			if !strings.Contains(sc, w) {
				return false
			}
		}
		return true
	}
	if !s.Until(within, shows) {
		s.t.Fatalf("within %s (fake clock) the screen did not show %q:\n%s", within, want, s.screen())
	}
}

// quits reports whether key makes the root quit.
func (s *session) quits(key string) bool {
	s.press(key)
	return s.Quit()
}
