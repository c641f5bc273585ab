package ui

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/dialog"
)

// at is where text first shows on the screen (column, line), or -1, -1.
func (s *session) at(text string) (int, int) {
	for y, line := range strings.Split(s.screen(), "\n") {
		if i := strings.Index(line, text); i >= 0 {
			return len([]rune(line[:i])), y
		}
	}
	return -1, -1
}

// The mouse belongs to the open dialog: the wheel moves the menu, not the
// list behind it, and a click on an item picks it; a click on a confirm
// dialog's Cancel cancels it.
func TestMouseGoesToTheOpenDialog(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(40, 120), 80, 24)
		s.press(".")
		s.want("More options", "1 of 40")
		for range 3 {
			s.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 2, Y: 10})
		}
		s.want("1 of 40") // the list behind did not move
		x, y := s.at("Delete organization")
		if x < 0 {
			t.Fatalf("no Delete item:\n%s", s.screen())
		}
		s.Send(tea.MouseClickMsg{Button: tea.MouseLeft, X: x + 2, Y: y})
		s.want("Delete organization acme?", "Type acme to confirm")
		s.press("esc")
		s.wantNot("Delete organization acme?")

		s.press("enter", "3", "space", "d")
		s.Advance(dialog.ArmDelay)
		s.want("Remove 1 member?")
		x, y = s.at("Cancel")
		s.Send(tea.MouseClickMsg{Button: tea.MouseLeft, X: x + 1, Y: y})
		s.wantNot("Remove 1 member?")
		if n := len(s.root().c.Client.(*clienttest.Fake).MemberLists["org_0000000000000000"]); n != 120 {
			t.Fatalf("a click on Cancel removed members: %d left", n)
		}
	})
}

// The enable-connection picker shows each connection's strategy and
// narrows by typed text after /.
func TestEnablePickerFiltersAndShowsStrategy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := clienttest.New(2, 5)
		fake.TenantConns = append(fake.TenantConns, client.TenantConnection{ID: "con_gh", Name: "github", Strategy: "github"},
			client.TenantConnection{ID: "con_goo", Name: "google-oauth2", Strategy: "google-oauth2"})
		s := open(t, fake, 120, 36)
		s.press("enter", "2", "n")
		s.want("Enable a connection for acme", "okta", "github", "/ filter")
		if _, y := s.at("okta"); !strings.Contains(strings.Split(s.screen(), "\n")[y], "okta    ") {
			t.Fatalf("no strategy column:\n%s", s.screen())
		}
		s.press("/").typed("goo")
		s.want("google-oauth2", "/ goo")
		s.wantNot("github", "okta  ")
		s.press("enter")
		s.want("Enable google-oauth2 (google-oauth2)")
	})
}

// With rows marked, copy offers each thing for all of them at once, one
// a line: the marked people's emails, ready to paste.
func TestCopyTheMarkedRowsEmails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 5), 140, 40)
		s.press("enter", "3", "space", "j", "space", "y")
		s.want("Email of the 2 marked", "2 lines: user0@example.com…")
		for range 12 {
			if strings.Contains(s.screen(), "▸ Email of the 2 marked") {
				break
			}
			s.press("j")
		}
		s.press("enter")
		if got := s.Clipboard(); got != "user0@example.com\nuser2@example.com\n" {
			t.Fatalf("the clipboard has %q", got)
		}
		s.want("copied email of the 2 marked: 2 lines")
	})
}
