package server

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// BenchmarkFiftySessions opens 50 SSH sessions at once against the demo
// tenant and reports how long until every one shows its first
// organizations, and the resident memory each session adds. The clients
// (SSH and a terminal emulator each) live in this process too, so the
// memory figure is an upper bound for the server alone.
// Run with: go test -run XXX -bench FiftySessions -benchtime 1x ./server
func BenchmarkFiftySessions(b *testing.B) {
	for range b.N {
		fiftySessions(b)
	}
}

func fiftySessions(b *testing.B) {
	const n = 50
	r := newRig(b, sim.DefaultOptions())
	runtime.GC()
	before := rssKB()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest, slowestHeader time.Duration
	terms := make([]*term, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tm := r.connect(b, "u"+strconv.Itoa(i), r.viewer, 100, 30)
			tm.wait("orgdash") // connected: the header is drawn
			h := time.Since(start)
			tm.wait("acme", "1 of ") // the first page is on screen
			d := time.Since(start)
			mu.Lock()
			slowest, slowestHeader = max(slowest, d), max(slowestHeader, h)
			terms[i] = tm
			mu.Unlock()
		}()
	}
	wg.Wait()
	runtime.GC()
	after := rssKB()
	b.ReportMetric(float64(slowestHeader.Milliseconds()), "ms-until-all-50-draw")
	b.ReportMetric(float64(slowest.Milliseconds()), "ms-until-all-50-show-the-list")
	b.ReportMetric(float64(r.tn.Stats().Calls), "api-calls")
	b.ReportMetric(float64(after-before)/1024/n, "MB-per-session")
	b.ReportMetric(float64(r.srv.Sessions()), "sessions")
}

// rssKB is this process's resident memory.
func rssKB() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.Fields(v)[0])
			return n
		}
	}
	return 0
}
