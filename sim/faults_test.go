package sim_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestParseFaults(t *testing.T) {
	f, err := sim.ParseFaults("latency=20ms-200ms,error=5%,drop=0.01,truncate=0.02")
	if err != nil {
		t.Fatal(err)
	}
	want := sim.Faults{LatencyMin: 20 * time.Millisecond, LatencyMax: 200 * time.Millisecond, ErrorRate: 0.05, DropRate: 0.01, TruncateRate: 0.02}
	if f != want {
		t.Fatalf("parsed %+v, want %+v", f, want)
	}
	if back, err := sim.ParseFaults(f.String()); err != nil || back != f {
		t.Fatalf("String %q does not read back: %+v %v", f.String(), back, err)
	}
	for _, bad := range []string{"error", "error=2", "latency=fast", "latency=200ms-20ms", "jitter=1", "error=60%,drop=50%"} {
		if _, err := sim.ParseFaults(bad); err == nil {
			t.Errorf("%q parsed without error", bad)
		}
	}
}

// fresh uses a new connection per call: Go's transport silently retries a
// GET whose reused connection drops, which would hide the drops counted here.
var fresh = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// outcome is what a client sees of one call under faults.
func outcome(tn *simtest.Tenant, token string) string {
	req, _ := http.NewRequest("GET", tn.URL+"/api/v2/organizations?per_page=20", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := fresh.Do(req)
	if err != nil {
		return "dropped"
	}
	defer res.Body.Close()
	if _, err := io.ReadAll(res.Body); errors.Is(err, io.ErrUnexpectedEOF) {
		return "truncated"
	}
	return http.StatusText(res.StatusCode)
}

func TestFaultsAreSeededAndShared(t *testing.T) {
	f := sim.Faults{ErrorRate: 0.3, DropRate: 0.1, TruncateRate: 0.1}
	run := func(seed int64) ([]string, map[string]int) {
		tn := simtest.Start(t, sim.Options{Orgs: 30, Members: 5, Seed: seed, Faults: f})
		tok := all(tn, t)
		var seq []string
		count := map[string]int{}
		for range 300 {
			o := outcome(tn, tok)
			seq = append(seq, o)
			count[o]++
		}
		return seq, count
	}
	a, count := run(7)
	b, _ := run(7)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, call %d: %s then %s", i, a[i], b[i])
		}
	}
	// shares within a generous band around the asked rates (300 calls)
	for kind, want := range map[string]int{"OK": 150, "Internal Server Error": 45, "Service Unavailable": 45, "dropped": 30, "truncated": 30} {
		if got := count[kind]; got < want/2 || got > want*3/2 {
			t.Errorf("%s: %d of 300, want about %d (%v)", kind, got, want, count)
		}
	}
}

func TestFaultLatency(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true, Faults: sim.Faults{LatencyMin: 40 * time.Millisecond, LatencyMax: 40 * time.Millisecond}})
	tok := all(tn, t)
	start := time.Now()
	if o := outcome(tn, tok); o != "OK" {
		t.Fatalf("outcome %s", o)
	}
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Fatalf("call took %s, want at least 40ms", d)
	}
}

// late-error applies the call, then answers 500: the change is there
// although the answer says it failed.
func TestLateErrorAppliesThenAnswers500(t *testing.T) {
	f, err := sim.ParseFaults("late-error=100%")
	if err != nil || f != (sim.Faults{LateErrorRate: 1}) || f.String() != "late-error=1" {
		t.Fatalf("parsed %+v %q (%v)", f, f.String(), err)
	}
	tn := simtest.Start(t, sim.Options{Empty: true})
	tok := all(tn, t)
	tn.SetFaults(f)
	req, _ := http.NewRequest("POST", tn.URL+"/api/v2/organizations", strings.NewReader(`{"name":"late"}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := fresh.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	tn.SetFaults(sim.Faults{})
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("answered %d, want 500", res.StatusCode)
	}
	req, _ = http.NewRequest("GET", tn.URL+"/api/v2/organizations/name/late", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if res, err = fresh.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the organization was not made: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
}
