package cli

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgdash/orgdash/audit"
)

// The summary after a signal counts the changes in flight when it came,
// not the whole session, and names the signal as people write it.
func TestSummaryCountsWhatWasInFlight(t *testing.T) {
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	session := []audit.Entry{
		{Time: at.Add(-time.Hour), Outcome: audit.OK}, // earlier in the session
		{Time: at.Add(-time.Minute), Outcome: audit.Failed},
		{Time: at.Add(2 * time.Second), Outcome: audit.Partial, Results: map[string]string{"a": audit.OK, "b": audit.Cancelled}},
	}
	var w strings.Builder
	err := summarize(&w, signalName(syscall.SIGTERM), endedSince(session, at), 0)
	want := "orgdash: stopped by SIGTERM: 1 change in flight: 0 ok, 1 partial, 0 failed, 0 unverified, 0 cancelled, 0 without an answer\n"
	if w.String() != want {
		t.Fatalf("summary %q, want %q", w.String(), want)
	}
	if err == nil {
		t.Fatal("a change cancelled in part is unresolved: the exit must say so")
	}
}
