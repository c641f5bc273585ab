package client_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// These run in synctest bubbles over an in-memory network: the simulator's
// rate limit and the client's waits share a fake clock, so a bulk that takes
// a minute and a half at 2 requests a second runs in no real time.

func TestPacing200CallsUnder2PerSecondWithout429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, Rate: 2, Burst: 10})
		c := connect(t, tn)
		first, err := c.Organizations(ctx, "")
		ok(t, err)
		id := first.Items[0].ID
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for range 4 {
			wg.Go(func() {
				for range 50 {
					if _, err := c.Organization(ctx, id); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		took := time.Since(start)
		st := tn.Stats()
		if st.Throttled != 0 {
			t.Fatalf("%d answers were 429 while pacing", st.Throttled)
		}
		// one call went before the clock started; 9 tokens were left, 191 calls waited for 2/s
		minimum := 191 * time.Second / 2
		if took < minimum-time.Second || took > minimum*12/10 {
			t.Fatalf("200 calls took %s, want about %s", took, minimum)
		}
		t.Logf("200 calls in %s (virtual), %d calls, %d throttled", took, st.Calls, st.Throttled)
	})
}

func TestRetryAfter429IsBoundedAndVisible(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, Rate: 1, Burst: 1})
		c := connect(t, tn, func(cfg *client.Config) { cfg.MaxAttempts = 3 })
		p, err := c.Organizations(ctx, "")
		ok(t, err)
		id := p.Items[0].ID

		// another tool spends the budget behind our tracker's back
		rogue := &http.Client{Transport: tn.Transport}
		tok := tn.Token(t, time.Hour, sim.AllScopes...)
		time.Sleep(2 * time.Second)
		req, _ := http.NewRequest("GET", tn.URL+"/api/v2/organizations/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := rogue.Do(req)
		ok(t, err)
		res.Body.Close()

		start := time.Now()
		_, err = c.Organization(ctx, id)
		ok(t, err) // a 429, a wait of Retry-After, then success
		s := c.Tracker().Snapshot()
		if s.Throttled != 1 || s.Retries != 1 || time.Since(start) < time.Second {
			t.Fatalf("after one 429: %+v, took %s", s, time.Since(start))
		}

		// a budget that returns in 1000s: longer than the client will wait, so it says so
		slow := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, Rate: 0.001, Burst: 1})
		c2 := connect(t, slow, func(cfg *client.Config) { cfg.MaxAttempts, cfg.MaxWait = 3, time.Minute })
		_, err = c2.Organizations(ctx, "")
		ok(t, err)
		p2, _ := client.New(client.Config{Domain: slow.URL, APIToken: slow.Token(t, time.Hour, sim.AllScopes...), Transport: slow.Transport})
		_, err = p2.Organizations(ctx, "") // spends nothing: the bucket is empty; this one gets a 429 with a far Retry-After
		var e *client.Error
		if !errors.As(err, &e) || e.Kind != client.RateLimited || e.Message != "Global limit has been reached" {
			t.Fatalf("far reset: %v", err)
		}
		if slow.Stats().Throttled != 1 {
			t.Fatalf("%d 429s: the client should give up at once on a wait past MaxWait", slow.Stats().Throttled)
		}
	})
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, TokenTTL: 30 * time.Second})
		c := connect(t, tn)
		for range 6 {
			if _, err := c.Organizations(ctx, ""); err != nil {
				t.Fatalf("at %s: %v", time.Now().Format(time.TimeOnly), err)
			}
			time.Sleep(15 * time.Second)
		}
		if n := tn.Stats().Tokens; n < 3 {
			t.Fatalf("%d tokens over 90s of 30s tokens: not refreshed", n)
		}
	})
}

// TestCancelEndsWait runs in real time: a paced call must give up within
// 100ms of its context ending.
func TestCancelEndsWait(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5, Rate: 0.01, Burst: 1})
	c := connect(t, tn)
	_, err := c.Organizations(context.Background(), "")
	ok(t, err)
	cctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Organizations(cctx, "")
		done <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); !c.Tracker().Snapshot().Waiting(time.Now()); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the second call never waited")
		}
	}
	cancelled := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("after cancel: %v", err)
		}
		if d := time.Since(cancelled); d > 100*time.Millisecond {
			t.Fatalf("the wait ended %s after cancel", d)
		}
	case <-time.After(time.Second):
		t.Fatal("cancel did not end the wait")
	}
	if n := tn.Stats().Throttled; n != 0 {
		t.Fatalf("%d 429s: the client fired into an empty bucket", n)
	}
}
