package simtest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// memNet is an in-memory network of net.Pipe connections. Inside a
// testing/synctest bubble its blocking is durable, so the bubble's fake
// clock can run: rate-limit waits of minutes pass in no real time.
type memNet struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (n *memNet) Accept() (net.Conn, error) {
	select {
	case c := <-n.conns:
		return c, nil
	case <-n.done:
		return nil, net.ErrClosed
	}
}

func (n *memNet) Close() error   { n.once.Do(func() { close(n.done) }); return nil }
func (n *memNet) Addr() net.Addr { return memAddr{} }

func (n *memNet) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case n.conns <- server:
		return client, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-n.done:
		return nil, net.ErrClosed
	}
}

type memAddr struct{}

func (memAddr) Network() string { return "mem" }
func (memAddr) String() string  { return "127.0.0.1:4000" }

// StartInMemory serves a simulator over an in-memory network, for tests in
// a synctest bubble. Reach it with Transport; its URL is http://127.0.0.1:4000.
func StartInMemory(tb testing.TB, opts sim.Options) *Tenant {
	tb.Helper()
	s, err := sim.New(opts)
	if err != nil {
		tb.Fatalf("sim.New: %v", err)
	}
	n := &memNet{conns: make(chan net.Conn), done: make(chan struct{})}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: time.Minute}
	go func() { _ = srv.Serve(n) }()
	tr := &http.Transport{DialContext: n.dial}
	tb.Cleanup(func() {
		tr.CloseIdleConnections()
		_ = srv.Close()
	})
	return &Tenant{Server: s, URL: "http://127.0.0.1:4000", Transport: tr}
}

// Storm has another tool spend tn's budget, one call every interval, until
// the returned stop is called (it waits for the tool to end). For an
// in-memory tenant inside a synctest bubble, the interval is on its clock.
func Storm(tb testing.TB, tn *Tenant, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	tok := tn.Token(tb, 48*time.Hour, sim.AllScopes...)
	hc := &http.Client{Transport: tn.Transport} // nil: the default transport, for a tenant on loopback
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", tn.URL+"/api/v2/organizations?per_page=1", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			if res, err := hc.Do(req); err == nil {
				res.Body.Close()
			}
			select {
			case <-ctx.Done():
			case <-time.After(every):
			}
		}
	}()
	return func() { cancel(); <-done }
}
