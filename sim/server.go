// Package sim is a faithful simulator of an Auth0 tenant's Management API:
// a real http.Handler over an in-memory tenant with Auth0's paging, errors,
// scopes, rate limits and eventual consistency, plus optional faults. The
// dashboard's demo mode, every test and every benchmark talk to it over HTTP
// with the official go-auth0 SDK, exactly as they would talk to a tenant.
package sim

import (
	"bytes"
	"crypto/rand"
	"maps"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// AllScopes are the Management API scopes the simulator knows, granted to
// its default client unless Options.Scopes says otherwise.
var AllScopes = []string{
	"read:organizations", "create:organizations", "update:organizations", "delete:organizations",
	"read:organization_connections", "create:organization_connections",
	"update:organization_connections", "delete:organization_connections",
	"read:organization_members", "create:organization_members", "delete:organization_members",
	"read:organization_member_roles", "create:organization_member_roles", "delete:organization_member_roles",
	"read:organization_invitations", "create:organization_invitations", "delete:organization_invitations",
	"read:organization_discovery_domains", "create:organization_discovery_domains",
	"update:organization_discovery_domains", "delete:organization_discovery_domains",
	"read:connections", "create:connections", "delete:connections",
	"read:users", "create:users", "delete:users",
	"read:roles", "create:roles", "update:roles", "delete:roles",
	"read:clients", "create:clients", "delete:clients", "read:logs",
	"read:organization_client_grants", "create:organization_client_grants", "delete:organization_client_grants",
	"read:client_grants", "create:client_grants", "update:client_grants", "delete:client_grants",
	"read:resource_servers", "create:resource_servers", "delete:resource_servers",
	"read:organization_clients", "create:organization_clients", "update:organization_clients", "delete:organization_clients",
	"read:organization_groups", "read:organization_group_roles", "create:organization_group_roles", "delete:organization_group_roles",
	"read:organization_templates", "create:organization_templates", "update:organization_templates",
	"update:clients", "update:users", "update:connections", "read:events",
}

// Options configure a simulated tenant. DefaultOptions gives those of
// `orgdash sim`; the zero value is an empty tenant with no rate limit and
// immediate member removal.
type Options struct {
	Seed  int64 // ids, demo data, removal delays and faults derive from it
	Empty bool  // no demo organizations: only the database connection and the client
	Orgs  int   // demo organizations (default 150)
	// Members of the largest demo organization (default 5,000).
	Members int

	ClientID, ClientSecret string       // the client-credentials client; generated when empty
	Scopes                 []string     // its scopes; nil means AllScopes
	Clients                []ClientSpec // more clients, each with its own scopes
	TokenTTL               time.Duration

	// Plan is the subscription whose rate limits apply (see Plans): its
	// global bucket and its endpoint groups' buckets. "" is none.
	Plan string
	// GroupsOutsideGlobal takes the enterprise page's reading: requests to
	// a listed group do not also spend the global bucket.
	GroupsOutsideGlobal bool
	// RetryAfter sends Retry-After on a 429; Auth0 documents none, so off.
	RetryAfter bool
	// Rate and Burst, when Rate > 0, replace the plan with one global
	// bucket (for tests): requests per second and its burst.
	Rate  float64
	Burst int

	// A removed member keeps listing for a random delay in [Min, Max].
	RemovalDelayMin, RemovalDelayMax time.Duration

	Faults           Faults
	NoConnectionsAPI bool // a tenant without /organizations/{id}/connections
	// NoDiscoveryDomains is a tenant without /organizations/{id}/discovery-domains.
	NoDiscoveryDomains bool
	// NoOrgClients is a tenant without organization applications
	// (/organizations/{id}/clients, Early Access).
	NoOrgClients bool
	// NoOrgRoles is a tenant without organization-level roles (Early
	// Access): POST /roles refuses type and owner_id, and
	// /organizations/{id}/roles/… is no route.
	NoOrgRoles bool
	// NoGroups is a tenant without groups in organizations (Early Access):
	// /organizations/{id}/groups and a member's roles through groups.
	NoGroups bool
	// NoOrgTemplates is a tenant without organization templates (Early
	// Access): /organization-templates and /organizations/{id}/organization-templates.
	NoOrgTemplates bool
	// NoEventsAPI is a tenant without GET /api/v2/events (Enterprise, Early
	// Access); EventsHeartbeat is its heartbeat interval (15 s when zero).
	NoEventsAPI     bool
	EventsHeartbeat time.Duration

	Now func() time.Time // the clock; time.Now when nil
}

// ClientSpec is a client credentials client: a call without one of the
// scopes its route needs gets Auth0's 403 insufficient_scope.
type ClientSpec struct {
	ID, Secret string
	Scopes     []string
}

// DefaultOptions are an Enterprise production tenant's: the enterprise
// plan's buckets, removal showing after 5 to 10 seconds, day-long tokens.
func DefaultOptions() Options {
	return Options{
		Orgs: 150, Members: 5000, TokenTTL: 24 * time.Hour, Plan: "enterprise",
		RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 10 * time.Second,
	}
}

// Server is a simulated tenant. It is safe for concurrent use.
type Server struct {
	opts   Options
	t      *tenant
	key    []byte
	limits *limiter
	log    *apiLog
	events *eventHub
	faults atomic.Pointer[injector]
	api    *http.ServeMux
	now    func() time.Time
	stats  struct{ calls, throttled, invalid, tokens atomic.Int64 }
	byMu   sync.Mutex
	by     map[string]int64 // calls let through, by endpoint group ("" for none)

	verifiedMu sync.Mutex
	verified   map[string]verifiedToken // tokens whose signature was checked (auth.go)
	bodies     bodies                   // buffers for the answers (encode.go)
}

// Stats counts what reached the tenant.
type Stats struct {
	Calls     int64 // Management API calls, 429s included
	Throttled int64 // answered 429
	Invalid   int64 // answered 400 (a body, query or paging Auth0 would refuse)
	Tokens    int64 // access tokens issued by POST /oauth/token
	// ByGroup counts the calls each endpoint group let through (they spent
	// its tokens), "" for endpoints in no group.
	ByGroup map[string]int64
}

// Stats returns the counts so far.
func (s *Server) Stats() Stats {
	s.byMu.Lock()
	by := maps.Clone(s.by)
	s.byMu.Unlock()
	return Stats{Calls: s.stats.calls.Load(), Throttled: s.stats.throttled.Load(), Invalid: s.stats.invalid.Load(), Tokens: s.stats.tokens.Load(),
		ByGroup: by}
}

// New builds a tenant (seeded with demo data unless opts.Empty) and its API.
func New(opts Options) (*Server, error) {
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = 24 * time.Hour
	}
	if opts.Scopes == nil {
		opts.Scopes = AllScopes
	}
	s := &Server{opts: opts, t: newTenant(opts.Seed), key: make([]byte, 32), now: opts.Now}
	s.faults.Store(newInjector(opts.Faults, opts.Seed))
	if s.now == nil {
		s.now = time.Now
	}
	s.log = newAPILog(opts.Plan, s.now)
	s.events = newEventHub(opts)
	var err error
	if s.limits, err = newLimiter(opts, s.log); err != nil {
		return nil, err
	}
	if _, err := rand.Read(s.key); err != nil {
		return nil, err
	}
	if s.opts.ClientID == "" {
		s.opts.ClientID = s.t.newID("", 32)
	}
	if s.opts.ClientSecret == "" {
		s.opts.ClientSecret = randomSecret()
	}
	s.t.putClient(&apiClient{ID: s.opts.ClientID, Secret: s.opts.ClientSecret,
		Name: "orgdash", Scopes: s.opts.Scopes, appSettings: machineApp})
	for _, c := range opts.Clients {
		s.AddClient(c.ID, c.Secret, c.Scopes)
	}
	for _, ev := range seedTenant(s.t, s.opts, s.now()) {
		s.log.record(ev)
	}
	s.routes()
	return s, nil
}

// randomSecret is a client secret from the system's random source, so that
// two simulators never share one.
func randomSecret() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

// SetFaults changes the faults from now on (tests turn them off to read
// the tenant's truth between faulty calls).
func (s *Server) SetFaults(f Faults) {
	s.faults.Store(newInjector(f, s.opts.Seed+s.stats.calls.Load()))
}

// ClientID is the client-credentials client's id.
func (s *Server) ClientID() string { return s.opts.ClientID }

// ClientSecret is the client-credentials client's secret.
func (s *Server) ClientSecret() string { return s.opts.ClientSecret }

// AddClient registers another client-credentials client with its own scopes,
// for instance one that may only read.
func (s *Server) AddClient(id, secret string, scopes []string) {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	s.t.putClient(&apiClient{ID: id, Secret: secret, Name: id, Scopes: append([]string{}, scopes...), appSettings: machineApp})
}

// ServeHTTP serves the Management API under /api/v2 and the token endpoint.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/oauth/token" && r.Method == http.MethodPost:
		s.handleToken(w, r)
	case r.URL.Path == "/sim/login" && r.Method == http.MethodPost: // not Auth0's: see login.go
		s.serveLogin(w, r)
	case strings.HasPrefix(r.URL.Path, "/api/v2/"):
		s.serveAPI(w, r)
	default:
		writeError(w, errRoute)
	}
}

// serveAPI runs one Management API call through latency, the rate limit,
// authentication and faults, in that order, then to its route.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	s.stats.calls.Add(1)
	kind := faultNone
	if in := s.faults.Load(); in != nil {
		var lat time.Duration
		lat, kind = in.draw()
		if lat > 0 {
			select {
			case <-time.After(lat):
			case <-r.Context().Done():
				return
			}
		}
	}
	g := limits.NoGroup
	if _, pattern := s.api.Handler(r); pattern != "" {
		g = limits.GroupOfURL(r.Method, r.URL)
	}
	if s.limits != nil && !s.limits.allow(w, g, s.now()) {
		s.stats.throttled.Add(1)
		return
	}
	s.byMu.Lock()
	if s.by == nil {
		s.by = map[string]int64{}
	}
	s.by[string(g)]++
	s.byMu.Unlock()
	c, e := s.authenticate(r)
	if e != nil {
		writeError(w, e)
		return
	}
	s.audited(kind, w, withClaims(r, c), c)
}

// handler does one API call's work under the tenant lock and returns the
// status and body to answer with, or an error.
type handler func(r *http.Request) (int, any, *apiError)

// headed is a handler's body with response headers of its own.
type headed struct {
	header http.Header
	body   any
}

// handle registers pattern, callable by tokens holding any of scopes.
func (s *Server) handle(pattern string, scopes []string, h handler) {
	s.api.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		c := claimsOf(r)
		allowed := false
		for _, sc := range scopes {
			allowed = allowed || c.has(sc)
		}
		if !allowed {
			writeError(w, errScope(scopes...))
			return
		}
		s.t.mu.Lock()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.t.forgetSearches() // a write may change who a search finds
		}
		status, body, e := h(r)
		if hb, ok := body.(headed); ok {
			maps.Copy(w.Header(), hb.header)
			body = hb.body
		}
		var buf *bytes.Buffer
		var err error
		if e == nil && body != nil {
			buf = s.bodies.get()
			err = encodeBody(buf, body) // while locked: bodies share the tenant's maps
		}
		s.t.mu.Unlock()
		switch {
		case e != nil:
			if e.Status == http.StatusBadRequest {
				s.stats.invalid.Add(1)
			}
			writeError(w, e)
		case err != nil:
			writeError(w, &apiError{Status: http.StatusInternalServerError, Message: err.Error()})
		case buf == nil:
			writeJSON(w, status, nil)
		default:
			writeEncoded(w, status, buf)
			s.bodies.put(buf)
		}
	})
}

func errScope(scopes ...string) *apiError {
	return &apiError{Status: http.StatusForbidden, Code: "insufficient_scope",
		Message: "Insufficient scope, expected any of: " + strings.Join(scopes, ",")}
}

func scopes(s ...string) []string { return s }
