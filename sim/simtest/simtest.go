// Package simtest starts simulated tenants for tests and gives them clients
// of the official SDK, so tests exercise the same HTTP path a tenant does.
package simtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
)

// Tenant is a simulator serving on loopback for the length of a test.
type Tenant struct {
	*sim.Server
	// URL is the base URL, http://127.0.0.1:PORT: what AUTH0_DOMAIN names.
	URL string
	// Transport reaches an in-memory tenant; nil for one on a real socket.
	Transport http.RoundTripper
}

// Start serves a simulator built from opts until the test ends.
func Start(tb testing.TB, opts sim.Options) *Tenant {
	tb.Helper()
	s, err := sim.New(opts)
	if err != nil {
		tb.Fatalf("sim.New: %v", err)
	}
	srv := httptest.NewServer(s)
	tb.Cleanup(srv.Close)
	return &Tenant{Server: s, URL: srv.URL}
}

// Audience is the Management API identifier of this tenant.
func (t *Tenant) Audience() string { return t.URL + "/api/v2/" }

// Token signs a Management API token holding scopes, valid for ttl.
func (t *Tenant) Token(tb testing.TB, ttl time.Duration, scopes ...string) string {
	tb.Helper()
	tok, err := t.IssueToken(t.Audience(), scopes, ttl)
	if err != nil {
		tb.Fatalf("IssueToken: %v", err)
	}
	return tok
}

// Management is an SDK client using the client credentials grant (a token
// with every scope for an in-memory tenant), with the SDK's retries turned
// off so tests see each answer as it is.
func (t *Tenant) Management(tb testing.TB, opts ...management.Option) *management.Management {
	tb.Helper()
	base := []management.Option{management.WithInsecure(),
		management.WithClientCredentials(context.Background(), t.ClientID(), t.ClientSecret()),
		management.WithNoRetries()}
	if t.Transport != nil { // in memory: the grant's own HTTP client could not reach it
		base = []management.Option{management.WithInsecure(), management.WithNoRetries(),
			management.WithStaticToken(t.Token(tb, 24*time.Hour, sim.AllScopes...)),
			management.WithClient(&http.Client{Transport: t.Transport})}
	}
	m, err := management.New(strings.TrimPrefix(t.URL, "http://"), append(base, opts...)...)
	if err != nil {
		tb.Fatalf("management.New: %v", err)
	}
	return m
}
