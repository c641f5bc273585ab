package client_test

import (
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Twenty sessions counting the organizations at once cost one call; a
// count asked again within the freshness is answered from memory, and one
// after a deletion is asked anew and shows one fewer.
func TestSharedCountCostsOneCall(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 150, Members: 5})
	c := client.SharePages(connect(t, tn), time.Minute)
	if client.SharePages(c, time.Minute) != c {
		t.Fatal("sharing a shared client wrapped it again")
	}
	before := tn.Stats().Calls
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			n, err := c.CountOrganizations(ctx)
			if err != nil || n != 150 {
				t.Errorf("count %d, %v; want 150", n, err)
			}
		})
	}
	wg.Wait()
	if n, err := c.CountOrganizations(ctx); err != nil || n != 150 {
		t.Fatalf("count again %d, %v", n, err)
	}
	if calls := tn.Stats().Calls - before; calls != 1 {
		t.Fatalf("21 counts made %d calls, want 1", calls)
	}
	o := orgByName(t, c, "globex")
	ok(t, c.DeleteOrganization(ctx, o.ID))
	if n, err := c.CountOrganizations(ctx); err != nil || n != 149 {
		t.Fatalf("after a delete the shared count is %d (%v), want 149", n, err)
	}
}
