package crossorg_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func someOrgs(n int) []client.Organization {
	out := make([]client.Organization, n)
	for i := range out {
		out[i] = client.Organization{ID: fmt.Sprintf("org_%d", i), Name: fmt.Sprintf("o%d", i)}
	}
	return out
}

// Pausing holds the organizations not started yet and resumes them; a
// stop leaves them not sent, while the calls already made finish; a
// failure is kept for its organization alone.
func TestAcrossPausesStopsAndKeepsEachResult(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		do := func(_ context.Context, o client.Organization) error {
			calls.Add(1)
			time.Sleep(time.Second) // a call's latency
			if o.ID == "org_5" {
				return &client.Error{Kind: client.Forbidden, Message: "refused"}
			}
			return nil
		}
		a := crossorg.NewJob("disable okta", limits.OrgConnectionsWrite, someOrgs(20), do)
		done := make(chan struct{})
		go func() { a.Run(context.Background(), func() {}); close(done) }()
		time.Sleep(1500 * time.Millisecond) // 4 made, 4 more under way
		a.SetPaused(true)
		time.Sleep(10 * time.Second)
		held := calls.Load()
		time.Sleep(10 * time.Second)
		if calls.Load() != held || held != 8 {
			t.Fatalf("paused: %d calls, then %d; want 8 and no more", held, calls.Load())
		}
		a.SetPaused(false)
		<-done
		tally := a.Tally()
		if tally[crossorg.Applied] != 19 || tally[crossorg.StepFailed] != 1 || a.Those(crossorg.StepFailed)[0].ID != "org_5" {
			t.Fatalf("after resuming: %v", tally)
		}

		calls.Store(0)
		ctx, stop := context.WithCancel(context.Background())
		b := crossorg.NewJob("disable okta", limits.OrgConnectionsWrite, someOrgs(20), do)
		go func() { time.Sleep(1500 * time.Millisecond); stop() }()
		b.Run(ctx, func() {})
		tally = b.Tally()
		if calls.Load() != 8 || tally[crossorg.Applied]+tally[crossorg.StepFailed] != 8 || tally[crossorg.NotStarted] != 12 {
			t.Fatalf("cancelled: %d calls, %v; want the 8 sent to finish and 12 not sent", calls.Load(), tally)
		}

		// Stop is the user's: the calls under way keep their context and finish
		calls.Store(0)
		var interrupted atomic.Int32
		c := crossorg.NewJob("disable okta", limits.OrgConnectionsWrite, someOrgs(20), func(ctx context.Context, o client.Organization) error {
			calls.Add(1)
			time.Sleep(time.Second)
			if ctx.Err() != nil {
				interrupted.Add(1)
			}
			return nil
		})
		go func() { time.Sleep(1500 * time.Millisecond); c.Stop() }()
		c.Run(context.Background(), func() {})
		if tally = c.Tally(); calls.Load() != 8 || interrupted.Load() != 0 || tally[crossorg.Applied] != 8 || tally[crossorg.NotStarted] != 12 {
			t.Fatalf("stopped: %d calls (%d interrupted), %v; want 8 finished and 12 not sent", calls.Load(), interrupted.Load(), tally)
		}
	})
}

// countingClient counts the calls that read an organization's connections.
type countingClient struct {
	client.Client
	reads atomic.Int32
}

func (c *countingClient) Connections(ctx context.Context, orgID string) ([]client.Connection, error) {
	c.reads.Add(1)
	return c.Client.Connections(ctx, orgID)
}

// A stopped scan keeps what it read; the next goes on from there, reading
// each organization once in all.
func TestScanResumesWhereItStopped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 30, Members: 2})
		cl := &countingClient{Client: connect(t, tn)}
		x := crossorg.IndexOf(cl)
		ctx, stop := context.WithCancel(context.Background())
		err := x.Scan(ctx, cl, true, func(p crossorg.ScanProgress) {
			if p.Read >= 10 {
				stop()
			}
		})
		first := x.Progress()
		if !errors.Is(err, context.Canceled) || first.Read < 10 || first.Done {
			t.Fatalf("stopped scan: %v, %+v", err, first)
		}
		before := cl.reads.Load()
		ok(t, x.Scan(context.Background(), cl, false, func(crossorg.ScanProgress) {}))
		if p := x.Progress(); !p.Done || p.Read != 30 {
			t.Fatalf("resumed: %+v", p)
		}
		if n := int(cl.reads.Load() - before); n != 30-first.Read {
			t.Fatalf("the resumed scan read %d organizations, want the %d left", n, 30-first.Read)
		}
	})
}

// A plan counts every call: where some organizations take two, it says so.
func TestAcrossPlanCountsEveryCall(t *testing.T) {
	tr := pace.New()
	a := crossorg.NewJob("put back okta", limits.OrgConnectionsWrite, someOrgs(3), nil)
	if got := a.Plan(tr).Calls; got != 3 {
		t.Fatalf("plan of 3 organizations: %d calls", got)
	}
	if got := a.Costs(5).Plan(tr).Calls; got != 5 {
		t.Fatalf("plan of 3 organizations, two taking two calls: %d calls", got)
	}
}

// Scanning again lists the organizations again and reads each once more,
// showing what was read before until it is read anew: an organization
// deleted since goes, a connection enabled since comes.
func TestScanAgainKeepsShowingUntilReadAnew(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 30, Members: 2})
		cl := &countingClient{Client: connect(t, tn)}
		x := crossorg.IndexOf(cl)
		ok(t, x.Scan(context.Background(), cl, false, func(crossorg.ScanProgress) {}))
		connID, orgIDs := tn.SharedConnection(t, 3) // enabled since the scan, in 3 organizations
		if uses := x.Using(connID); len(uses) != 0 {
			t.Fatalf("the index knew of a connection made after it: %v", uses)
		}
		admin := tn.Management(t)
		gone := orgIDs[0]
		ok(t, admin.Organization.Delete(context.Background(), gone))
		var db string
		for id, n := range x.Counts() {
			if n > 20 {
				db = id // the database connection, in most organizations
			}
		}
		before := x.Using(db)
		reads := cl.reads.Load()
		shown := -1
		ok(t, x.Scan(context.Background(), cl, true, func(p crossorg.ScanProgress) {
			if shown < 0 {
				uses := x.Using(db)
				shown = len(uses)
			}
		}))
		if shown < len(before)-1 {
			t.Fatalf("while scanning again the index showed %d of the %d it had", shown, len(before))
		}
		if n := cl.reads.Load() - reads; n != 29 {
			t.Fatalf("the scan again read %d organizations, want the 29 left", n)
		}
		uses := x.Using(connID)
		if len(uses) != 2 || uses[0].Org.ID == gone || uses[1].Org.ID == gone {
			t.Fatalf("after scanning again: %v (the deleted %s must be gone)", uses, gone)
		}
		if p := x.Progress(); !p.Done || p.Total != 29 {
			t.Fatalf("progress %+v", p)
		}
	})
}

// Joined changes run as one: each organization made by the change that
// planned it, once, and the plan counts every call of both.
func TestJoinedChangesMakeEachOrganizationTheirWay(t *testing.T) {
	orgs := someOrgs(4)
	var mu sync.Mutex
	by := map[string]string{}
	record := func(who string) func(context.Context, client.Organization) error {
		return func(_ context.Context, o client.Organization) error {
			mu.Lock()
			defer mu.Unlock()
			by[o.ID] += who
			return nil
		}
	}
	first := crossorg.NewJob("enable okta", limits.OrgConnectionsWrite, orgs[:3], record("a")).Costs(4)
	second := crossorg.NewJob("enable okta", limits.OrgConnectionsWrite, orgs[2:], record("b"))
	j := crossorg.Join(first, second)
	if got := j.Plan(pace.New()).Calls; got != 6 {
		t.Fatalf("the joined plan counts %d calls, want 4 + 2", got)
	}
	j.Run(context.Background(), func() {})
	want := map[string]string{"org_0": "a", "org_1": "a", "org_2": "a", "org_3": "b"}
	if fmt.Sprint(by) != fmt.Sprint(want) {
		t.Fatalf("made %v, want %v", by, want)
	}
	if n := len(j.Those(crossorg.Applied)); n != 4 {
		t.Fatalf("%d applied, want 4", n)
	}
}
