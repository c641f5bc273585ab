package ui

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Opening a 20,000-member organization at 150–250 ms a call: the tab
// titles and the Overview have their counts, and the Members tab its first
// page, each within one round trip of being asked for; nothing waits for
// the other 19,900 members.
func TestLargeOrganizationOpensInOneRoundTrip(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		opts := sim.DefaultOptions()
		opts.Orgs, opts.Members = 3, 20000
		opts.Faults = sim.Faults{LatencyMin: 150 * time.Millisecond, LatencyMax: 250 * time.Millisecond}
		tn := simtest.StartInMemory(t, opts)
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		roundTrip := opts.Faults.LatencyMax + 50*time.Millisecond // the driver's clock step
		asked := time.Now()
		f.press("enter")
		f.wait("Members       20,000", "Members (20,000)", "Connections (6)", "Invitations (0)") // every connection its members use is enabled in it
		counts := time.Since(asked)
		if counts > roundTrip {
			t.Errorf("the counts took %s, more than one round trip (%s)", counts, roundTrip)
		}
		asked = time.Now()
		f.press("3")
		f.wait("1 of 20,000", "loaded 100 of 20,000")
		page := time.Since(asked)
		if page > roundTrip {
			t.Errorf("the first page took %s, more than one round trip (%s)", page, roundTrip)
		}
		t.Logf("counts after %s, first page after %s (fake clock, %s steps)", counts, page, 50*time.Millisecond)
	})
}
