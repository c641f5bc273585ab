package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// start is a root over f, sized w×h, with its first screen loaded.
func start(t *testing.T, f *clienttest.Fake, w, h int) *Model {
	t.Helper()
	m := New(uitest.Common(t, f))
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return uitest.Drive(m, m.Init()).(*Model)
}

func press(m *Model, keys ...string) *Model {
	for _, k := range keys {
		m = uitest.Send(m, uitest.Key(k)).(*Model)
	}
	return m
}

func typed(m *Model, s string) *Model { return uitest.Type(m, uitest.Keys(s)...).(*Model) }

func screen(m *Model) string { return ansi.Strip(m.Render()) }

func wantOnScreen(t *testing.T, m *Model, want ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func TestBrowseToTheLastMemberAndBack(t *testing.T) {
	m := start(t, clienttest.New(3, 250), 100, 30)
	wantOnScreen(t, m, "3 organizations", "acme", "org-2", "1 of 3", "demo tenant — simulated")
	m = press(m, "enter")
	wantOnScreen(t, m, "Organizations › acme › Overview", "org_0000000000000000", "Members       250", "Danger Zone")
	m = press(m, "3")
	wantOnScreen(t, m, "Members (250)", "User 0", "user0@example.com", "admin", "1 of 250")
	m = press(m, "G")
	wantOnScreen(t, m, "250 of 250", "User 249")
	m = press(m, "tab")
	wantOnScreen(t, m, "Invitations (1)", "new@example.com", "in 3 days")
	m = press(m, "shift+tab", "shift+tab")
	wantOnScreen(t, m, "Connections (2)", "Username-Password-Authentication", "samlp")
	m = press(m, "esc")
	wantOnScreen(t, m, "3 organizations")
	if !quits(m, "esc") {
		t.Fatal("esc on the organizations screen does not quit")
	}
}

// quits reports whether key leads the root to quit, following the
// messages its commands send back.
func quits(m *Model, key string) bool {
	_, cmd := m.Update(uitest.Key(key))
	for range 5 {
		if cmd == nil {
			return false
		}
		msg := cmd()
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
		_, cmd = m.Update(msg)
	}
	return false
}

func TestFilterIsKeptWhenComingBack(t *testing.T) {
	f := clienttest.New(30, 5)
	m := start(t, f, 100, 30)
	m = press(m, "/")
	m = typed(m, "org-2")
	wantOnScreen(t, m, "org-2", "org-20", "1 of 11 (30 in all)")
	m = press(m, "enter", "enter") // keep the filter, then open
	wantOnScreen(t, m, "Organizations › org-2 › Overview")
	m = press(m, "esc")
	wantOnScreen(t, m, "/org-2", "1 of 11 (30 in all)")
	m = press(m, "esc")           // esc clears a kept filter before it goes back
	wantOnScreen(t, m, "3 of 30") // the cursor stays on org-2
	// smart case: a capital letter makes the match exact
	m = press(m, "/")
	m = typed(m, "ORG-2")
	wantOnScreen(t, m, "nothing matches “ORG-2”")
}

func TestOrganizationDeletedElsewhere(t *testing.T) {
	f := clienttest.New(3, 5)
	m := start(t, f, 100, 30)
	m = press(m, "j", "enter")
	wantOnScreen(t, m, "org-1 › Overview")
	if err := f.DeleteOrganization(nil, f.Orgs[1].ID); err != nil { //nolint:staticcheck // the fake ignores the context
		t.Fatal(err)
	}
	m = press(m, "3")
	wantOnScreen(t, m, "organization org-1 no longer exists", "2 organizations")
	if strings.Contains(screen(m), "org-1 ›") {
		t.Fatal("still on the deleted organization's screen")
	}
}

func TestErrorsSayWhatToDo(t *testing.T) {
	f := clienttest.New(2, 5)
	m := start(t, f, 120, 30)
	f.Fail = func(op string) error {
		if op == "list members" {
			return &client.Error{Kind: client.Forbidden, Op: op, Status: 403, Scopes: []string{"read:organization_members"},
				Message: "Insufficient scope, expected any of: read:organization_members"}
		}
		return nil
	}
	m = press(m, "enter", "3")
	wantOnScreen(t, m, "Missing scope read:organization_members")

	f.Fail = func(op string) error {
		return &client.Error{Kind: client.Transport, Op: op, Message: "dial tcp 127.0.0.1:4000: connection refused"}
	}
	m = press(m, "r")
	wantOnScreen(t, m, "Could not reach the tenant", "Press r to retry")
	f.Fail = nil
	m = press(m, "r")
	wantOnScreen(t, m, "Members (5)", "User 4")

	f.Fail = func(op string) error {
		return &client.Error{Kind: client.Unauthorized, Op: op, Status: 401, Message: "Expired token received for JSON Web Token validation"}
	}
	m = press(m, "esc", "r")
	wantOnScreen(t, m, "The credentials were refused", "AUTH0_API_TOKEN")
}

func TestTerminalTooSmallAndResize(t *testing.T) {
	m := start(t, clienttest.New(3, 5), 40, 10)
	wantOnScreen(t, m, "terminal too small: 40×10")
	m = uitest.Send(m, tea.WindowSizeMsg{Width: 80, Height: 24}).(*Model)
	wantOnScreen(t, m, "3 organizations")
	if lines := strings.Count(m.Render(), "\n") + 1; lines != 24 {
		t.Fatalf("%d lines drawn in a 24-line terminal", lines)
	}
}

func TestHelpJumpAndCopy(t *testing.T) {
	f := clienttest.New(3, 5)
	m := start(t, f, 100, 30)
	m = press(m, "?")
	wantOnScreen(t, m, "Keys", "enter", "open", "filter", "sort")
	m = press(m, "x")
	wantOnScreen(t, m, "3 organizations")

	m = press(m, ":")
	m = typed(m, "org org-2")
	m = press(m, "enter")
	wantOnScreen(t, m, "Organizations › org-2 › Overview")
	m = press(m, ":")
	m = typed(m, "members")
	m = press(m, "enter")
	wantOnScreen(t, m, "org-2 › Members")
	m = press(m, ":")
	m = typed(m, "org nowhere")
	m = press(m, "enter")
	wantOnScreen(t, m, "no organization named nowhere")
	m = press(m, ":")
	m = typed(m, "launch")
	m = press(m, "enter")
	wantOnScreen(t, m, "unknown command :launch")

	m = press(m, "esc", "y")
	wantOnScreen(t, m, "copied org_0000000000000000")
	m = press(m, "s")
	wantOnScreen(t, m, "sorted by name")
}

func TestHeaderShowsTheLock(t *testing.T) {
	f := clienttest.New(2, 5)
	f.Caps = client.Capabilities{Known: true, Scopes: map[string]bool{"read:organizations": true, "read:organization_members": true}}
	m := start(t, f, 120, 30)
	wantOnScreen(t, m, "🔒 read-only: the token grants no write scope")
	f.Caps.Scopes["delete:organization_members"] = true
	m = press(m, "j")
	if strings.Contains(screen(m), "🔒") {
		t.Fatal("the lock shows though a write scope is granted")
	}
}

func TestUntrustedNamesShowHarmlessly(t *testing.T) {
	f := clienttest.New(2, 5)
	f.Orgs[1].DisplayName = "Evil \x1b[2J\x1b]0;owned\x07Corp"
	m := start(t, f, 100, 30)
	out := m.Render()
	if strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x1b]0;") || strings.Contains(out, "\x07") {
		t.Fatal("an escape sequence from the API reached the screen")
	}
	wantOnScreen(t, m, "Evil Corp")
}

func TestQuitFromAnywhere(t *testing.T) {
	m := start(t, clienttest.New(2, 5), 100, 30)
	m = press(m, "enter", "3", "/")
	if !quits(m, "ctrl+c") {
		t.Fatal("ctrl+c while filtering does not quit")
	}
}

func TestQuitAsksWhileChangesAreInFlight(t *testing.T) {
	f := clienttest.New(2, 5)
	c := uitest.Common(t, f)
	m := New(c)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = uitest.Drive(m, m.Init()).(*Model)
	c.Began() // a removal was sent and has not been answered
	m = press(m, "ctrl+c")
	wantOnScreen(t, m, "Quit with changes in flight?", "1 change(s) were sent")
	m = press(m, "esc")
	if strings.Contains(screen(m), "Quit with changes") {
		t.Fatal("esc did not cancel quitting")
	}
	c.Ended()
	if !quits(m, "ctrl+c") {
		t.Fatal("ctrl+c with nothing in flight does not quit")
	}
}

func TestProtectedProfileAsksForTheName(t *testing.T) {
	f := clienttest.New(2, 5)
	c := uitest.Common(t, f)
	c.Protected, c.Profile = true, "prod"
	m := New(c)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	m = uitest.Drive(m, m.Init()).(*Model)
	wantOnScreen(t, m, "profile prod", "⚠ protected")
	m = press(m, "enter", "3", "d")
	wantOnScreen(t, m, "Remove 1 member?", "Type acme to confirm", "This profile is protected")
	m = press(m, "esc", "2", "j", "t")
	wantOnScreen(t, m, "Disable acme-saml?", "Type acme to confirm")
}
