package ui

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// w on a failed login in globex's Activity, and in its detail, asks why
// that person cannot log in to globex through the application Auth0
// logged: the cause is the connection the application may not use. On a
// change, w is not offered and says why.
func TestFlowWhyFromAFailedLoginInTheActivity(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startActivityFlow(t, tn, false)
		f.want("12 organizations")
		f.press(":").typed("org globex").press("enter")
		f.wait("globex › Overview")
		f.press("6")
		f.wait("globex › Activity", "Activity (", "login failure")
		f.press("K", "K", "K", "K") // failed logins only
		f.wait("login failures only")
		f.press("g", "w")
		f.wait("log in to globex?", "Cause: globex-sso is not enabled for the application Customer Portal")
		f.press("esc")
		f.wait("globex › Activity")
		f.press("enter")
		f.wait("Kind       login failure")
		f.wantNot("Org        globex") // globex's own tab: the crumb names it
		f.press("w")
		f.wait("log in to globex?", "Cause: globex-sso is not enabled for the application Customer Portal")

		f.press("esc", "esc", "K") // every kind, from the first row: a change
		f.wait("every kind")
		f.press("K")
		f.wait("changes only")
		f.press("w")
		f.wait("cannot ask “why can't they log in?”: not a login (w asks why a login failed)")
	})
}

// The tenant's timeline mixes organizations: an entry's detail names its
// organization, and w there asks about it.
func TestFlowTheTenantsActivityDetailNamesItsOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		f := startActivityFlow(t, tn, false)
		f.want("12 organizations")
		f.press(":").typed("activity").press("enter")
		f.wait("activity (every organization)", "login failure")
		f.press("K", "K", "K", "K") // failed logins only
		f.wait("login failures only")
		f.press("g", "enter")
		f.wait("Kind       login failure", "Org        ")
		org := strings.Fields(lineWith(f.screen(), "Org        "))[1]
		f.press("w")
		f.wait("log in to " + org + "?")
	})
}
