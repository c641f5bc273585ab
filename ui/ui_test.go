package ui

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
)

func TestBrowseToTheLastMemberAndBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 250), 100, 30)
		s.want("3 organizations", "acme", "org-2", "1 of 3", "demo tenant — simulated")
		s.press("enter")
		s.want("Organizations › acme › Overview", "org_0000000000000000", "Members       250", "Danger Zone")
		s.press("3")
		s.want("Members (250)", "User 0", "user0@example.com", "admin", "1 of 250")
		s.press("G")
		s.want("250 of 250", "User 249")
		s.press("tab")
		s.want("Invitations (1)", "new@example.com", "in 3 days")
		s.press("shift+tab", "shift+tab")
		s.want("Connections (2)", "Username-Password-Authentication", "samlp")
		s.press("esc")
		s.want("3 organizations")
		if s.quits("esc") {
			t.Fatal("esc on the organizations screen quits")
		}
		if !s.quits("q") {
			t.Fatal("q on the organizations screen does not quit")
		}
	})
}

func TestFilterIsKeptWhenComingBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(30, 5), 100, 30)
		s.press("/").typed("org-2")
		s.want("org-2", "org-20", "1 of 11 (30 in all)")
		s.press("enter", "enter") // keep the filter, then open
		s.want("Organizations › org-2 › Overview")
		s.press("esc")
		s.want("/org-2", "1 of 11 (30 in all)")
		s.press("esc")    // esc clears a kept filter before it goes back
		s.want("3 of 30") // the cursor stays on org-2
		// smart case: a capital letter makes the match exact
		s.press("/").typed("ORG-2")
		s.want("nothing matches “ORG-2”")
	})
}

func TestEveryTabFilters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 30)
		s := open(t, f, 120, 30)
		s.press("enter", "2", "/").typed("saml")
		s.want("acme-saml", "1 of 1 (2 in all)")
		s.wantNot("Username-Password-Authentication")
		s.press("enter", "4", "/").typed("nobody")
		s.want("nothing matches “nobody”")
		s.press("esc", "3", "/").typed("user2")
		s.want("user2@example.com", "user29@example.com", "(30 in all)")
	})
}

func TestOrganizationDeletedElsewhere(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(3, 5)
		s := open(t, f, 100, 30)
		s.press("j", "enter")
		s.want("org-1 › Overview")
		if err := f.DeleteOrganization(t.Context(), f.Orgs[1].ID); err != nil {
			t.Fatal(err)
		}
		s.press("3")
		s.want("organization org-1 no longer exists", "2 organizations")
		s.wantNot("org-1 ›")
	})
}

func TestErrorsSayWhatToDo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 5)
		s := open(t, f, 120, 30)
		f.Fail = func(op string) error {
			if op == "list members" {
				return &client.Error{Kind: client.Forbidden, Op: op, Status: 403, Scopes: []string{"read:organization_members"},
					Message: "Insufficient scope, expected any of: read:organization_members"}
			}
			return nil
		}
		s.press("enter", "3")
		s.want("Missing scope read:organization_members")

		f.Fail = func(op string) error {
			return &client.Error{Kind: client.Transport, Op: op, Message: "dial tcp 127.0.0.1:4000: connection refused"}
		}
		s.press("r")
		s.want("Could not reach the tenant", "Check the network, then press r")
		f.Fail = nil
		s.press("r")
		s.want("Members (5)", "User 4")

		f.Fail = func(op string) error {
			return &client.Error{Kind: client.Unauthorized, Op: op, Status: 401, Message: "Expired token received for JSON Web Token validation"}
		}
		s.press("esc", "r")
		s.want("The credentials were refused", "AUTH0_CLIENT_ID")
	})
}

func TestTerminalTooSmallAndResize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 40, 10)
		s.want("terminal too small: 40×10")
		s.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		s.want("3 organizations")
		if lines := strings.Count(s.root().Render(), "\n") + 1; lines != 24 {
			t.Fatalf("%d lines drawn in a 24-line terminal", lines)
		}
	})
}

func TestHelpJumpAndCopy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 100, 30)
		s.press("?")
		s.want("Keys", "enter", "open", "filter", "sort")
		s.press("x")
		s.want("3 organizations")

		s.press(":").typed("org org-2").press("enter")
		s.want("Organizations › org-2 › Overview")
		s.press(":").typed("members").press("enter")
		s.want("org-2 › Members")
		s.press(":").typed("org nowhere").press("enter")
		s.want("no organization named nowhere")
		s.press(":").typed("launch").press("enter")
		s.want("unknown command :launch")

		s.press("esc", "y", "enter")
		s.want("copied id: org_0000000000000000")
		s.press("s")
		s.want("sorted by name")
	})
}

func TestHeaderShowsTheLock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 5)
		f.Caps = client.Capabilities{Known: true, Scopes: map[string]bool{"read:organizations": true, "read:organization_members": true}}
		s := open(t, f, 120, 30)
		s.want("🔒 read-only: the token grants no write scope")
		f.Caps.Scopes["delete:organization_members"] = true
		s.press("j")
		s.wantNot("🔒")
	})
}

func TestUntrustedNamesShowHarmlessly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 5)
		f.Orgs[1].DisplayName = "Evil \x1b[2J\x1b]0;owned\x07Corp \u202Emoc.live\u202C\u200B"
		s := open(t, f, 100, 30)
		out := s.root().Render()
		if strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x1b]0;") || strings.Contains(out, "\x07") {
			t.Fatal("an escape sequence from the API reached the screen")
		}
		if strings.ContainsAny(out, "\u202E\u202C\u200B") {
			t.Fatal("a bidi override or zero-width space from the API reached the screen")
		}
		s.want("Evil Corp �moc.live��")
	})
}

func TestQuitFromAnywhere(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 5), 100, 30)
		s.press("enter", "3", "/")
		if !s.quits("ctrl+c") {
			t.Fatal("ctrl+c while filtering does not quit")
		}
	})
}

func TestQuitAsksWhileChangesAreInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 5)
		release := make(chan struct{})
		f.Fail = func(op string) error {
			if op == "remove members" {
				<-release // the tenant has not answered yet
			}
			return nil
		}
		s := open(t, f, 100, 30)
		s.press("enter", "3", "d").confirm("y")
		s.press("ctrl+c")
		s.want("Quit with changes in flight?", "1 change is still running")
		s.press("esc")
		s.wantNot("Quit with changes")
		close(release)
		s.Settle()
		if !s.quits("ctrl+c") {
			t.Fatal("ctrl+c with nothing in flight does not quit")
		}
	})
}

func TestProtectedProfileAsksForTheName(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 5), 120, 36, func(c *common.Common) { c.Protected, c.Profile = true, "prod" })
		s.want("profile prod", "⚠ protected")
		s.press("enter", "3", "d")
		s.want("Remove 1 member?", "Type acme to confirm", "This profile is protected")
		s.press("esc", "2", "j", "t")
		s.want("Disable acme-saml?", "Type acme to confirm")
	})
}

// The profile picker says which tenant each profile is and how it is protected.
func TestProfilePickerShowsDomainAndProtection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(1, 1), 100, 30, func(c *common.Common) {
			c.Profiles = func() []string { return []string{"prod", "staging"} }
			c.ProfileLabels = map[string]string{"prod": "prod — acme.eu.auth0.com · read-only", "staging": "staging — acme-staging.eu.auth0.com · protected"}
			c.Switch = func(string) (common.Tenancy, error) { return common.Tenancy{}, nil }
		})
		s.press("T")
		s.want("prod — acme.eu.auth0.com · read-only", "staging — acme-staging.eu.auth0.com · protected")
	})
}

// After a removal the cursor stays where it was, on the row that took the
// removed one's place, not back at the top.
func TestCursorStaysAtItsPlaceAfterARemoval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(1, 10), 120, 36)
		s.press("enter", "3", "j", "j", "j")
		s.want("4 of 10")
		s.press("d")
		s.confirm("y")
		s.want("removed 1 member from acme", "4 of 9")
	})
}

// y offers what there is to copy from the row, not only its id.
func TestCopyMenuOffersTheRowsFields(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(1, 3), 120, 36)
		s.press("enter", "3", "j", "y")
		s.want("Copy", "User ID", "auth0|000000000000000000000001", "Email", "user1@example.com", "Name")
		s.press("j", "enter")
		s.want("copied email: user1@example.com")
	})
}

// A viewer over SSH at 100 columns on a protected tenant sees the lock
// first; and cannot mark rows for changes it cannot make.
func TestNarrowHeaderKeepsTheLockAndViewersCannotMark(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(1, 3)
		f.Demo = false
		s := open(t, client.ReadOnly(f, "viewer: read-only"), 100, 30, func(c *common.Common) {
			c.Profile, c.Protected = "production-eu", true
		})
		head := strings.SplitN(s.screen(), "\n", 2)[0]
		t.Logf("header at 100 columns: %s", head)
		if !strings.HasPrefix(head, "🔒 read-only  ⚠ protected  orgdash") {
			t.Fatalf("header at 100 columns: %q", head)
		}
		s.press("enter", "3", "space")
		s.want("viewer: read-only: nothing to mark rows for")
		s.wantNot("marked")
	})
}

// A click selects a row; a click on a tab opens it.
func TestClicksSelectRowsAndOpenTabs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 120, 36)
		lines := strings.Split(s.screen(), "\n")
		row := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "org-2") })
		s.Send(tea.MouseClickMsg{X: 10, Y: row, Button: tea.MouseLeft})
		s.want("3 of 3")
		row = slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "acme") })
		s.Send(tea.MouseClickMsg{X: 10, Y: row, Button: tea.MouseLeft})
		s.want("1 of 3")
		s.press("enter")
		s.want("acme › Overview")
		lines = strings.Split(s.screen(), "\n")
		bar := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "Overview │") })
		s.Send(tea.MouseClickMsg{X: strings.Index(lines[bar], "Members"), Y: bar, Button: tea.MouseLeft})
		s.want("acme › Members", "User 0")
		lines = strings.Split(s.screen(), "\n")
		row = slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "user3@example.com") })
		s.Send(tea.MouseClickMsg{X: 5, Y: row, Button: tea.MouseLeft})
		s.want("4 of 5")
	})
}

// :org takes an id, a name's start or its letters in order, completes with
// tab, offers candidates, recalls earlier jumps with ↑, and a good jump
// clears the last one's "no organization named…".
func TestJumpFindsOrganizationsTheWaysPeopleNameThem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(12, 2)
		s := open(t, f, 120, 36)
		s.press(":").typed("org nowhere").press("enter")
		s.want("no organization named nowhere")
		s.press(":").typed("org org_0000000000000002").press("enter")
		s.want("org-2 › Overview", "opened org-2")
		s.wantNot("no organization named")
		s.press(":").typed("org ac").press("enter") // the start of a name
		s.want("acme › Overview")
		s.press(":").typed("org o11").press("enter") // letters in order
		s.want("org-11 › Overview")
		s.press(":").typed("org org-1").press("enter") // org-1 is a name: exact wins over org-10, org-11
		s.want("org-1 › Overview")
		s.press(":").typed("org rg1").press("enter") // org-1, org-10, org-11: pick one
		s.want("Organizations matching “rg1”", "org-10", "org-11")
		s.press("j", "enter")
		s.want("org-10 › Overview")
		s.press(":").typed("org org-").press("tab") // tab completes the first match
		if v := s.root().jump.Value(); v != "org org-1" {
			t.Fatalf("tab completed %q", v)
		}
		s.press("esc", ":", "up")
		if v := s.root().jump.Value(); v != "org rg1" {
			t.Fatalf("↑ recalled %q, want the last jump", v)
		}
		s.press("up")
		if v := s.root().jump.Value(); v != "org org-1" {
			t.Fatalf("↑↑ recalled %q", v)
		}
	})
}

// Lists say how old their data is, reload on an interval unless the user
// is marking rows, and on one server reload when another session changes
// what they show.
func TestFreshnessAgeAutoRefreshAndOtherSessionsChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(2, 6)
		var lists atomic.Int32
		f.Fail = func(op string) error {
			if op == "list members" {
				lists.Add(1)
			}
			return nil
		}
		news := common.NewChanges()
		a := open(t, f, 140, 36, func(c *common.Common) { c.Changes, c.Session, c.Refresh = news, 1, time.Minute })
		b := open(t, f, 140, 36, func(c *common.Common) { c.Changes, c.Session = news, 2 })
		a.press("enter", "3")
		b.press("enter", "3")
		a.want("Members (6)")
		b.want("Members (6)")

		before := lists.Load()
		a.Advance(61 * time.Second)
		if lists.Load() == before {
			t.Fatal("the interval passed and the list was not reloaded")
		}
		b.want("loaded 1m ago · r refreshes") // b has no interval: it says how old its rows are

		a.press("space") // in the middle of something: the interval lets it pass
		before = lists.Load()
		a.Advance(61 * time.Second)
		a.want("1 marked")
		if lists.Load() != before {
			t.Fatal("the interval reloaded a list with marks")
		}
		a.press("U")

		b.press("d") // another session removes a member a shows
		b.confirm("y")
		b.want("removed 1 member from acme")
		a.Settle()
		a.want("Members (5)", "1 of 5")
	})
}
