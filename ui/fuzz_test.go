package ui

import (
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

var fuzzKeys = []string{"j", "k", "g", "G", "enter", "esc", "q", "tab", "shift+tab", "1", "2", "3", "4", "/", "a", "Z",
	"backspace", "s", "y", "r", "?", ":", "o", " ", "space", "pgdown", "pgup", ".", "t", "d", "D", "z", "x", "-", "é",
	"C", "u", "5", "A", "p", "X", "R", "L", "n", "e", "6", "f", "K", "w"}

var fuzzErrors = []error{nil,
	&client.Error{Kind: client.NotFound, Status: 404, Message: "No organization found by that id or name"},
	&client.Error{Kind: client.Forbidden, Status: 403, Scopes: []string{"read:organization_members"}, Message: "Insufficient scope"},
	&client.Error{Kind: client.RateLimited, Status: 429, Message: "Global limit has been reached", Reset: time.Unix(2e9, 0)},
	&client.Error{Kind: client.Unauthorized, Status: 401, Message: "Invalid token."},
	&client.Error{Kind: client.Transport, Message: "EOF"},
	&client.Error{Kind: client.Unavailable, Status: 503, Message: "\x1b[31mdown\x1b[0m"},
}

// FuzzRoot throws keys, sizes, mouse wheels and API failures at the root
// model and its screens: nothing may panic, and every frame must fit.
func FuzzRoot(f *testing.F) {
	f.Add([]byte{4, 80, 24, 0, 4, 0, 11, 0, 3, 7, 0, 1, 0, 16, 0, 2})
	f.Add([]byte{4, 30, 5, 0, 4, 5, 2, 0, 4, 0, 11, 7, 0, 5, 6})
	f.Add([]byte{5, 1, 0, 4, 0, 11, 7, 5, 0, 0, 11, 0, 12, 7, 0, 5, 0, 20, 7})
	f.Add([]byte{4, 200, 80, 0, 13, 0, 14, 0, 20, 7, 0, 21, 0, 10, 7, 0, 4, 0, 11, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		synctest.Test(t, func(t *testing.T) {
			fake := clienttest.New(7, 150)
			fake.PageLen = 40
			var failure error
			fake.Fail = func(string) error { return failure }
			m := New(uitest.Common(t, fake))
			d := uitest.NewDriver(t, m)
			w, h := 80, 24
			d.Feed(tea.WindowSizeMsg{Width: w, Height: h})
			d.Start(m.Init())
			next := func() byte {
				if len(data) == 0 {
					return 0
				}
				b := data[0]
				data = data[1:]
				return b
			}
			for len(data) > 0 {
				switch op := next() % 8; op {
				case 0, 1, 2, 3:
					d.Feed(uitest.Key(fuzzKeys[int(next())%len(fuzzKeys)]))
				case 4:
					w, h = int(next()), int(next())
					d.Feed(tea.WindowSizeMsg{Width: w, Height: h})
				case 5:
					failure = fuzzErrors[int(next())%len(fuzzErrors)]
				case 6:
					d.Feed(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
				case 7:
					d.Advance(time.Duration(next()) * 10 * time.Millisecond) // commands answer, timers fire
				}
				if out := m.Render(); w >= minWidth && h >= minHeight && len(splitLines(out)) != h {
					t.Fatalf("a %d-line terminal got %d lines", h, len(splitLines(out)))
				}
			}
			d.Settle()
		})
	})
}

func splitLines(s string) []string {
	n := 1
	for _, r := range s {
		if r == '\n' {
			n++
		}
	}
	return make([]string, n)
}
