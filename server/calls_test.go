package server

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// Fifty SSH sessions opening together against 150 organizations each show
// the tenant's count within a second of their first page (a count per
// session queued behind the organizations bucket took up to 10 s), and
// the tenant saw at most the pages shown plus two calls: one page and one
// count shared by all, not a count per session.
func TestFiftySessionsShareTheirReads(t *testing.T) { // not in parallel: it times the count on the wall clock
	if testing.Short() {
		t.Skip("50 SSH sessions")
	}
	if raceEnabled {
		// under the race detector 50 sessions take longer to open than the
		// 5 s an answer is shared for: a read after that is right, not waste
		t.Skip("the sessions must open within the sharing window")
	}
	const n = 50
	r := newRig(t, sim.DefaultOptions()) // the default admission limits let 50 in from one address
	before := r.tn.Stats()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest time.Duration
	for i := range n {
		wg.Go(func() {
			tm := r.connect(t, "u"+strconv.Itoa(i), r.viewer, 100, 30)
			tm.wait("acme", "1 of ") // the first page is on screen
			listed := time.Now()
			tm.wait("150 organizations", "1 of 150")
			mu.Lock()
			slowest = max(slowest, time.Since(listed))
			mu.Unlock()
		})
	}
	wg.Wait()
	after := r.tn.Stats()
	const pages = 1
	calls := after.Calls - before.Calls
	t.Logf("%d sessions: %d calls, the slowest count showed %v after its session's first page", n, calls, slowest)
	if calls > pages+2 {
		t.Errorf("%d sessions made %d calls, want at most %d (a page and a count, shared)", n, calls, pages+2)
	}
	// Unloaded, the slowest count shows 64–83 ms after its page (README,
	// BenchmarkFiftySessions). The bound is looser because the whole suite
	// runs beside this test on two cores; what it guards against is a count
	// per session queued on the organizations-read bucket (1.67/s), which
	// shows counts 5–10 s late.
	if slowest > 3*time.Second {
		t.Errorf("a session's count showed %v after its first page, want within 3s", slowest)
	}
}
