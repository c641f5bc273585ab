package sim_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A token the tenant has already accepted is refused once it expires, to
// the second, and one signed with another key is refused however often it
// comes: keeping verified tokens changes no answer.
func TestAnAcceptedTokenStillExpires(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var clock atomic.Int64 // nanoseconds after start
	now := func() time.Time { return start.Add(time.Duration(clock.Load())) }
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 5, Now: now})
	tok := tn.Token(t, time.Minute, sim.AllScopes...)
	for range 2 {
		if a := call(t, tn, tok, "GET", "/api/v2/organizations", ""); a.status != 200 {
			t.Fatalf("a fresh token: %d %s", a.status, a.body)
		}
	}
	clock.Store(int64(time.Minute - time.Nanosecond))
	if a := call(t, tn, tok, "GET", "/api/v2/organizations", ""); a.status != 200 {
		t.Fatalf("a token just before it expires: %d %s", a.status, a.body)
	}
	clock.Store(int64(time.Minute))
	for range 2 {
		wantError(t, call(t, tn, tok, "GET", "/api/v2/organizations", ""), 401, "Expired token received for JSON Web Token validation")
	}

	other := simtest.Start(t, sim.Options{Orgs: 1, Members: 1, Now: now})
	forged := other.Token(t, time.Hour, sim.AllScopes...)
	for range 2 {
		wantError(t, call(t, tn, forged, "GET", "/api/v2/organizations", ""), 401, "Invalid signature received for JSON Web Token validation.")
	}
}
