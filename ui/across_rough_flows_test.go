package ui

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/ui/dialog"
)

// enabledIn counts the organizations of orgs where the tenant has the
// connection enabled.
func (f *flow) enabledIn(orgs []string, connID string) int {
	n := 0
	for _, o := range orgs {
		if c, _ := f.orgConn(o, connID); c["is_enabled"] == true {
			n++
		}
	}
	return n
}

// After a change across the marked organizations, none stays marked: not
// those it changed, nor those it left out (the connection already off
// there), which nothing would act on but the next change.
func TestFlowMarksLeftOutOfAChangeAreCleared(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, _, connID, orgs := sharedOpened(t, 15, 5)
		f.press("space", "space", "t") // the first two rows
		f.want("Disable shared-okta in 2 organizations")
		f.press("enter")
		f.Advance(dialog.ArmDelay)
		f.typed("2").press("enter")
		f.wait("z undo disabled shared-okta in 2 organizations") // the status line says the undo
		f.press("A", "t")
		f.want("Disable shared-okta in 3 organizations") // two of the 5 marked have it off already
		f.press("enter")
		f.Advance(dialog.ArmDelay)
		f.typed("3").press("enter")
		f.wait("z undo disabled shared-okta in 3 organizations")
		if strings.Contains(f.screen(), "marked") || strings.Contains(f.screen(), "●") {
			t.Fatalf("rows stay marked after the change:\n%s", f.screen())
		}
		if n := f.enabledIn(orgs, connID); n != 0 {
			t.Fatalf("%d organizations still have it enabled", n)
		}
	})
}

// A change stopped part way and retried where it was not sent is one run:
// its undo puts back every organization, those of the first go as well.
func TestFlowStopThenRetryIsUndoneAsOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, tn, connID, orgs := sharedOpened(t, 20, 6)
		f.press("A", "t", "enter")
		f.Advance(dialog.ArmDelay)
		tn.SetFaults(sim.Faults{LatencyMin: 2e9, LatencyMax: 2e9}) // each call takes 2 s
		f.typed("6").press("enter")
		f.Advance(1e9) // 4 calls under way
		f.press("X")
		f.wait("not sent: stopped first", "z undo disabled shared-okta in 4 organizations")
		tn.SetFaults(sim.Faults{})
		f.press("R")
		f.want("Disable shared-okta in 2 organizations")
		f.press("enter")
		f.Advance(dialog.ArmDelay)
		f.typed("2").press("enter")
		f.wait("z undo disabled shared-okta in 6 organizations")
		if n := f.enabledIn(orgs, connID); n != 0 {
			t.Fatalf("after the retry %d organizations still have it enabled", n)
		}
		f.press("z")
		f.wait("enabled shared-okta in 6 of 6 organizations")
		if n := f.enabledIn(orgs, connID); n != 6 {
			t.Fatalf("the undo enabled it again in %d of 6 organizations", n)
		}
	})
}

// t in a connection's organizations disables it where it is enabled, and
// enables it again where none of those chosen has it enabled.
func TestFlowToggleAConnectionAcrossOrganizations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f, _, connID, orgs := sharedOpened(t, 12, 3)
		f.press("A", "t", "enter")
		f.Advance(dialog.ArmDelay)
		f.typed("3").press("enter")
		f.wait("z undo disabled shared-okta in 3 organizations")
		if n := f.enabledIn(orgs, connID); n != 0 {
			t.Fatalf("%d still enabled", n)
		}
		f.press("A", "t")
		f.want("Enable shared-okta in 3 organizations")
		f.press("enter")
		f.Advance(dialog.ArmDelay)
		f.typed("3").press("enter")
		f.wait("z undo enabled shared-okta in 3 organizations")
		if n := f.enabledIn(orgs, connID); n != 3 {
			t.Fatalf("t enabled it again in %d of 3", n)
		}
	})
}
