package pace_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// acquireAll takes n permits on group, each answered at once with no
// headers, and returns how long they took on the fake clock.
func acquireAll(ctx context.Context, t *testing.T, tr *pace.Tracker, group limits.Group, n int) time.Duration {
	t.Helper()
	start := time.Now()
	for range n {
		p, err := tr.Acquire(ctx, group)
		if err != nil {
			t.Fatal(err)
		}
		tr.Observe(p, &pace.Answer{Status: http.StatusOK})
	}
	return time.Since(start)
}

// Under the free plan (global: a burst of 2, 2 a second) the burst goes
// at once and every further call waits for its token: 10 calls take 4 s.
func TestPlanPacesCallsToTheFloor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := pace.New()
		if err := tr.UsePlan("free"); err != nil {
			t.Fatal(err)
		}
		if took := acquireAll(context.Background(), t, tr, limits.OrgMembersRead, 10); took != 4*time.Second {
			t.Fatalf("10 calls took %s on the fake clock; the floor is (10 − 2) ÷ 2/s = 4s", took)
		}
		if e := tr.Estimate(limits.OrgMembersRead, 7); e.Bucket != "global" || e.Takes != 3500*time.Millisecond {
			t.Fatalf("estimate of 7 more: %+v, want 3.5s at global", e)
		}
	})
}

// Background work leaves the reserve (a fifth of the bucket, rounded up)
// to interactive calls, and an interactive call waiting goes first.
func TestBackgroundLeavesTheReserve(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := pace.New()
		if err := tr.UsePlan("enterprise"); err != nil {
			t.Fatal(err)
		}
		bg := pace.Background(context.Background())
		free := tr.Estimate(limits.OrgMembersRead, 0).Free
		start := time.Now()
		n := 0
		for time.Since(start) == 0 {
			p, err := tr.Acquire(bg, limits.OrgMembersRead)
			if err != nil {
				t.Fatal(err)
			}
			tr.Observe(p, &pace.Answer{Status: http.StatusOK})
			n++
		}
		if want := free - (free+4)/5; n-1 != want {
			t.Fatalf("background took %d of %d tokens at once, want %d (a reserve of a fifth left)", n-1, free, want)
		}
		if took := acquireAll(context.Background(), t, tr, limits.OrgMembersRead, 1); took != 0 {
			t.Fatalf("an interactive call waited %s with the reserve left", took)
		}
	})
}

// A 429 whose message names the global bucket holds every group behind
// it until its wait has passed, and a stopped context sends nothing new.
func TestGlobal429HoldsEveryGroupAndStopEndsWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := pace.New()
		if err := tr.UsePlan("enterprise"); err != nil {
			t.Fatal(err)
		}
		p, err := tr.Acquire(context.Background(), limits.OrgMembersRead)
		if err != nil {
			t.Fatal(err)
		}
		tr.Observe(p, &pace.Answer{Status: http.StatusTooManyRequests, Global: true, Wait: 3 * time.Second})
		if s := tr.Snapshot(); s.Throttled != 1 {
			t.Fatalf("snapshot after a 429: %+v", s)
		}
		if took := acquireAll(context.Background(), t, tr, limits.OrgConnectionsWrite, 1); took != 3*time.Second {
			t.Fatalf("a call on another group went after %s; the global 429 asked for 3s", took)
		}
		p, _ = tr.Acquire(context.Background(), limits.OrgMembersRead)
		tr.Observe(p, &pace.Answer{Status: http.StatusTooManyRequests, Global: true, Wait: time.Minute})
		stop := make(chan struct{})
		ctx := pace.WithStop(context.Background(), stop)
		done := make(chan error, 1)
		go func() { _, err := tr.Acquire(ctx, limits.OrgMembersRead); done <- err }()
		synctest.Wait()
		close(stop)
		if err := <-done; err != pace.ErrStopped || !pace.Stopped(ctx) {
			t.Fatalf("a waiting call after stop: %v", err)
		}
	})
}
