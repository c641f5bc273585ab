package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// ":why EMAIL" names no organization: inside one it asks about that one;
// from the list it asks about the person's only organization, or, when
// they are in several, which of them; never a walk for an organization
// nobody named.
func TestFlowWhyWithoutAnOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		p := newProbe(t, tn)
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("why " + probeEmail).press("enter")
		f.wait("Why can't "+probeEmail+" log in to probe?", "Every link holds", "is a member of probe only")

		f.press("esc")
		f.press(":").typed("org acme").press("enter")
		f.wait("acme › Overview")
		f.press(":").typed("why " + probeEmail).press("enter")
		f.wait("Why can't "+probeEmail+" log in to acme?", "✓ the person exists") // the open one, not the person's probe

		f.press("esc", "esc")
		acme := f.orgID("acme")
		if err := p.admin.Organization.AddMembers(context.Background(), acme, []string{p.userID}); err != nil {
			t.Fatal(err)
		}
		f.press(":").typed("why " + probeEmail).press("enter")
		f.wait("Log in to which organization?", "is a member of 2 organizations")
		f.wantNot("walking the chain", "✓", "✗")
		f.press("enter")
		f.wait("Why can't " + probeEmail + " log in to ")
		f.wait("Every link holds")
	})
}

// At 80×24 the last finding of a checkup brings the end into view: the
// checks that ran (the explainer's last link does the same).
func TestFlowTheLastRowShowsTheEndAt80x24(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 80, 24)
		f.press("!")
		f.wait("Checkup of acme")
		f.wantNot("recent-failed-logins") // the end of the "ran:" list, below
		for range 8 {
			f.press("j")
		}
		f.wait("recent-failed-logins")
	})
}

// ":org" matches among the organizations loaded; while the tenant has
// more, the candidates say how many they come from.
func TestFlowJumpCandidatesSayTheyAreAmongTheLoaded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 150, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("150 organizations", "loaded 100 of 150")
		f.press(":").typed("org a").press("enter")
		f.wait("Organizations matching “a”", "among the 100 loaded")
	})
}
