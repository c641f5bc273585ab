package server

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	gossh "golang.org/x/crypto/ssh"
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
	r := newRig(b, sim.DefaultOptions()) // the default limits let 50 at once in from one address
	runtime.GC()
	before := rssKB()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest, slowestHeader, slowestCount time.Duration
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
			tm.wait("150 organizations", "1 of 150") // and the tenant's count: every call this session makes is made
			c := time.Since(start)
			mu.Lock()
			slowest, slowestHeader, slowestCount = max(slowest, d), max(slowestHeader, h), max(slowestCount, c)
			terms[i] = tm
			mu.Unlock()
		}()
	}
	wg.Wait()
	runtime.GC()
	after := rssKB()
	b.ReportMetric(float64(slowestHeader.Milliseconds()), "ms-until-all-50-draw")
	b.ReportMetric(float64(slowest.Milliseconds()), "ms-until-all-50-show-the-list")
	b.ReportMetric(float64(slowestCount.Milliseconds()), "ms-until-all-50-show-the-count")
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

// After 50 sessions have come and gone, the server holds no more than it
// did idle: its heap within 20% (and 2 MB) of the idle figure, and no
// goroutine left behind.
func TestMemoryReturnsAfterFiftySessions(t *testing.T) {
	r := newRig(t, sim.Options{Orgs: 20, Members: 50}, func(c *Config) { c.PerAddressBurst, c.PerPrefixBurst = 1000, 1000 })
	session := func() { // a client that keeps nothing once it has gone
		cl, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "warm", Auth: []gossh.AuthMethod{gossh.PublicKeys(r.viewer.signer)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey()}) //nolint:gosec // a test server's key
		if err != nil {
			t.Error(err)
			return
		}
		defer cl.Close()
		sess, err := cl.NewSession()
		if err != nil {
			t.Error(err)
			return
		}
		defer sess.Close()
		out, _ := sess.StdoutPipe()
		if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
			t.Error(err)
			return
		}
		if err := sess.Shell(); err != nil {
			t.Error(err)
			return
		}
		var seen []byte
		buf := make([]byte, 32<<10)
		for !bytes.Contains(seen, []byte("organizations")) || !bytes.Contains(seen, []byte("acme")) {
			n, err := out.Read(buf)
			if err != nil {
				t.Errorf("the session ended before it drew its list: %v", err)
				return
			}
			seen = append(seen, buf[:n]...)
		}
	}
	session() // the first session loads what every one shares (the client, the first page, styles)
	settle := func() (heap uint64, goroutines int) {
		for deadline := time.Now().Add(10 * time.Second); r.srv.Sessions() != 0; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d sessions still open", r.srv.Sessions())
			}
		}
		// the connections' last goroutines end: the count holds still for 100ms, within 2s
		for n, still, deadline := runtime.NumGoroutine(), 0, time.Now().Add(2*time.Second); still < 5 && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
			if now := runtime.NumGoroutine(); now < n {
				n, still = now, 0
			} else {
				still++
			}
		}
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse, runtime.NumGoroutine()
	}
	idleHeap, idleG := settle()
	idleRSS := rssKB()
	for range 5 {
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(session)
		}
		wg.Wait()
	}
	heap, g := settle()
	t.Logf("idle: heap %.1f MB, %d goroutines, RSS %d MB; after 50 sessions: heap %.1f MB, %d goroutines, RSS %d MB",
		float64(idleHeap)/1e6, idleG, idleRSS/1024, float64(heap)/1e6, g, rssKB()/1024)
	if float64(heap) > float64(idleHeap)*1.2+2e6 {
		t.Errorf("heap %.1f MB after 50 sessions, %.1f MB idle: more than 20%% over", float64(heap)/1e6, float64(idleHeap)/1e6)
	}
	if g > idleG+2 {
		t.Errorf("%d goroutines after 50 sessions, %d idle: sessions left some behind", g, idleG)
	}
}
