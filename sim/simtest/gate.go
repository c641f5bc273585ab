package simtest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/orgdash/orgdash/sim"
)

// StartWith serves a simulator built from opts behind wrap (a Gate's Wrap,
// say) until the test ends. A request wrap still holds when the test ends
// is cut off with its connection, so the server's close never waits on it.
func StartWith(tb testing.TB, opts sim.Options, wrap func(http.Handler) http.Handler) *Tenant {
	tb.Helper()
	s, err := sim.New(opts)
	if err != nil {
		tb.Fatalf("sim.New: %v", err)
	}
	srv := httptest.NewServer(wrap(s))
	tb.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	return &Tenant{Server: s, URL: srv.URL}
}

// Gate holds requests on the wire: it lets the first Pass requests that
// Match through to the simulator and holds every later one, unanswered and
// not yet applied, until Release. A test uses it to have something happen
// (a signal, a kill) while a call is provably in flight, without slowing
// the tenant down with a rate limit to make that likely.
type Gate struct {
	// Match picks the requests the gate counts; others pass untouched.
	Match func(*http.Request) bool
	// Pass is how many matching requests go through before it holds.
	Pass int

	once    sync.Once
	open    chan struct{} // closed by Release
	holding chan struct{} // closed once a request is held
	mu      sync.Mutex
	seen    int // matching requests so far
	held    int // matching requests waiting now
	passed  int // matching requests handed to the simulator
}

func (g *Gate) init() {
	g.once.Do(func() {
		g.open = make(chan struct{})
		g.holding = make(chan struct{})
	})
}

// Wrap puts the gate in front of h.
func (g *Gate) Wrap(h http.Handler) http.Handler {
	g.init()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !g.Match(r) {
			h.ServeHTTP(w, r)
			return
		}
		// read the whole request first: the server notices a caller going
		// away (its context ends) only once the body has been read
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		g.mu.Lock()
		g.seen++
		hold := g.seen > g.Pass
		if hold {
			select {
			case <-g.open:
				hold = false // released: nothing is held any more
			default:
				g.held++
				if g.held == 1 {
					select {
					case <-g.holding:
					default:
						close(g.holding)
					}
				}
			}
		}
		g.mu.Unlock()
		if hold {
			select {
			case <-g.open:
			case <-r.Context().Done(): // the caller went away (killed, say): never applied
				g.mu.Lock()
				g.held--
				g.mu.Unlock()
				return
			}
			g.mu.Lock()
			g.held--
			g.mu.Unlock()
		}
		g.mu.Lock()
		g.passed++
		g.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// Holding is closed once the gate holds a request.
func (g *Gate) Holding() <-chan struct{} {
	g.init()
	return g.holding
}

// Held is how many matching requests the gate holds now.
func (g *Gate) Held() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held
}

// Passed is how many matching requests the gate has handed to the
// simulator so far (held ones once released among them).
func (g *Gate) Passed() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.passed
}

// Release lets the held requests and every later one through. It may be
// called more than once.
func (g *Gate) Release() {
	g.init()
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-g.open:
	default:
		close(g.open)
	}
}
