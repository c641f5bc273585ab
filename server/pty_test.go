package server

import (
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// lastDrawnRow is the last row of the screen with anything on it.
func lastDrawnRow(tm *term) int {
	rows := strings.Split(tm.out.String(), "\n")
	for i := len(rows) - 1; i >= 0; i-- {
		if strings.TrimSpace(rows[i]) != "" {
			return i
		}
	}
	return -1
}

// waitRows waits until the screen's last drawn row is want.
func waitRows(t *testing.T, tm *term, want int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); lastDrawnRow(tm) != want; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the last drawn row is %d, want %d (a %d-row terminal is drawn for at most %d)", lastDrawnRow(tm), want, 300, maxHeight)
		}
	}
}

// A client claiming a terminal taller than 200 rows is drawn for 200: a
// size is the client's to claim, and 3000×3000 once cost 2 GB of screen
// buffers kept after the session ended.
func TestPtySizeIsClamped(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 1000, Members: 1})
	tm := r.connect(t, "tall", r.viewer, 100, 300)
	tm.wait("1,000 organizations")
	waitRows(t, tm, maxHeight-1)
}

// A window change is clamped as the first size is.
func TestWindowChangeIsClamped(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	if raceEnabled {
		t.Skip("charm.land/ssh v0.4.2 races on a window change (see race_on_test.go)")
	}
	r := newRig(t, sim.Options{Orgs: 1000, Members: 1})
	tm := r.connect(t, "grows", r.viewer, 100, 30)
	tm.wait("1,000 organizations")
	tm.out.mu.Lock()
	tm.out.emu.Resize(100, 300)
	tm.out.mu.Unlock()
	if err := tm.sess.WindowChange(300, 100); err != nil {
		t.Fatal(err)
	}
	waitRows(t, tm, maxHeight-1)
}
