package server

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// heldTenant is a simulated tenant on loopback that holds the first
// request matching hold until release is called: the test decides when its
// answer comes, instead of a latency it hopes is long enough.
type heldTenant struct {
	*simtest.Tenant
	arrived chan struct{} // closed when the held request reached the tenant
	release func()        // lets it through (also when the test ends)
}

func startHeld(t *testing.T, opts sim.Options, hold func(*http.Request) bool) *heldTenant {
	t.Helper()
	s, err := sim.New(opts)
	if err != nil {
		t.Fatalf("sim.New: %v", err)
	}
	h := &heldTenant{arrived: make(chan struct{})}
	released := make(chan struct{})
	var once, first sync.Once
	h.release = func() { once.Do(func() { close(released) }) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		held := false
		if hold(r) {
			first.Do(func() { held = true; close(h.arrived) })
		}
		if held {
			select {
			case <-released:
			case <-r.Context().Done():
				return
			}
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(h.release) // before the server closes: Close waits for the held request
	h.Tenant = &simtest.Tenant{Server: s, URL: srv.URL}
	return h
}
