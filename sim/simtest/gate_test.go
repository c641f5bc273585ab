package simtest_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A gate lets the first Pass matching calls through, holds the next one
// unanswered and unapplied until Release, and never applies a held call
// whose caller went away; other calls pass while it holds.
func TestGateHoldsCallsOnTheWireUntilReleased(t *testing.T) {
	g := &simtest.Gate{Match: func(r *http.Request) bool {
		return r.Method == http.MethodPost && r.URL.Path == "/api/v2/organizations"
	}, Pass: 1}
	tn := simtest.StartWith(t, sim.Options{Empty: true}, g.Wrap)
	tok := tn.Token(t, time.Hour, sim.AllScopes...)
	create := func(ctx context.Context, name string) (int, error) {
		req, _ := http.NewRequestWithContext(ctx, "POST", tn.URL+"/api/v2/organizations", strings.NewReader(`{"name":"`+name+`"}`))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}
	orgs := func() int {
		t.Helper()
		l, err := tn.Management(t).Organization.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(l.Organizations)
	}
	if st, err := create(context.Background(), "first"); err != nil || st != http.StatusCreated {
		t.Fatalf("the first call: %d %v", st, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error, 1)
	go func() { _, err := create(ctx, "abandoned"); gone <- err }()
	select {
	case <-g.Holding():
	case <-time.After(10 * time.Second):
		t.Fatal("the second call was not held")
	}
	if n := orgs(); n != 1 || g.Held() != 1 || g.Passed() != 1 { // other calls pass; the held one is not applied
		t.Fatalf("while one call is held: %d organizations, %d held, %d passed", n, g.Held(), g.Passed())
	}
	cancel()
	if err := <-gone; !errors.Is(err, context.Canceled) {
		t.Fatalf("the abandoned call ended with %v", err)
	}
	for deadline := time.Now().Add(10 * time.Second); g.Held() != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the gate still holds a call whose caller went away")
		}
	}

	answered := make(chan int, 1)
	go func() { st, _ := create(context.Background(), "third"); answered <- st }()
	for deadline := time.Now().Add(10 * time.Second); g.Held() != 1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the third call was not held")
		}
	}
	g.Release()
	if st := <-answered; st != http.StatusCreated {
		t.Fatalf("the released call: %d", st)
	}
	if st, err := create(context.Background(), "fourth"); err != nil || st != http.StatusCreated {
		t.Fatalf("a call after the release: %d %v", st, err)
	}
	if n := orgs(); n != 3 || g.Passed() != 3 {
		t.Fatalf("after the release: %d organizations (first, third, fourth), %d passed", n, g.Passed())
	}
}
