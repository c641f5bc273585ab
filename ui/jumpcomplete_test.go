package ui

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client/clienttest"
)

// ":" names every command in its hint, and tab completes a tenant
// connection's name after ":connection".
func TestJumpCompletesConnectionNames(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 200, 36)
		s.press(":")
		s.want("connection NAME", "user EMAIL", "domains", "orgs")
		s.typed("connection ok").press("tab")
		s.want(":connection okta")
		s.press("enter")
		s.want("Organizations › okta", "okta in 0 organizations")
	})
}

// The hint names every ":" command, and tab completes each of them and
// every tab of an organization: tabbed again, it gives the next that
// begins with what was typed.
func TestJumpCompletesEveryCommand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 200, 36)
		s.press(":")
		s.want("why EMAIL [ORG]", "doctor", "activity", "m2m", "groups")
		s.typed("w").press("tab")
		s.want(":why ")
		s.press("esc", ":")
		s.typed("do").press("tab") // the commands first: a tab has its number key and its letter
		s.want(":doctor")
		s.press("tab")
		s.want(":domains")
		s.press("tab")
		s.want(":doctor") // round again
		s.press("tab", "enter")
		s.want("open an organization first") // :domains
		s.press(":")
		s.typed("act").press("tab")
		s.want(":activity")
		s.press("esc", ":")
		s.typed("clie").press("tab") // tabs' aliases
		s.want(":client-grants")
		s.press("tab")
		s.want(":clients")
	})
}

// Help names @ for what it opens, the budget and this session's changes,
// apart from the Activity tab (6).
func TestHelpNamesTheBudgetKeyForWhatItOpens(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 200, 36)
		s.press("?")
		s.want("budget/changes")
		if f := strings.Fields(lineWith(s.screen(), "budget/changes")); !slices.Contains(f, "@") || slices.Contains(f, "activity") {
			t.Fatalf("@ in help: %q", f)
		}
	})
}
