package doctor

import (
	"context"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Survey is what the checks need of the tenant as a whole, read once for
// every organization checked: the applications and which connections each
// may use, the users an administrator blocked, and the users the last
// day's brute-force blocks (limit_wc) name, with their blocks.
type Survey struct {
	cl   client.Client
	Now  time.Time
	Apps []client.Application
	// appsMiss, blockedMiss, bruteMiss say why those could not be read (nil if read).
	appsMiss, blockedMiss, bruteMiss, tconnsMiss *Link
	blocked                                      map[string]client.User    // user id → a user an administrator blocked
	hammered                                     map[string]bool           // user ids the last day's limit_wc events name
	tconns                                       []client.TenantConnection // the tenant's connections, to tell members' connections

	mu       sync.Mutex // held only to find or add an entry, never across a call
	connApps map[string]*once[[]string]
	blocks   map[string]*once[[]client.Block]
}

// once is a read made once for every organization that needs it: done
// closes when it is in (a channel, so a worker waiting on another's read
// is durably blocked, as testing/synctest needs).
type once[T any] struct {
	done chan struct{}
	v    T
	miss *Link
}

// get is the read under key in m, made by the first caller with fn.
func get[T any](ctx context.Context, s *Survey, m map[string]*once[T], key string, fn func() (T, *Link)) (T, *Link) {
	s.mu.Lock()
	o, ok := m[key]
	if !ok {
		o = &once[T]{done: make(chan struct{})}
		m[key] = o
	}
	s.mu.Unlock()
	if !ok {
		o.v, o.miss = fn()
		close(o.done)
		return o.v, o.miss
	}
	select {
	case <-o.done:
		return o.v, o.miss
	case <-ctx.Done():
		var zero T
		l := unknownFrom("tenant survey", ctx.Err())
		return zero, &l
	}
}

// read runs fn unless a's scope is missing; a failure is the unknown link.
func read[T any](cl client.Client, a client.Action, name string, fn func() (T, error)) (T, *Link) {
	var zero T
	if why := can(cl, a); why != "" {
		l := unknownScope(name, a, why)
		return zero, &l
	}
	v, err := fn()
	if err != nil {
		l := unknownFrom(name, err)
		return zero, &l
	}
	return v, nil
}

// NewSurvey reads the tenant-wide facts: the applications (a page per
// 100), the tenant's connections (one call), the blocked users (one
// search) and the last day's brute-force blocks (one log search).
func NewSurvey(ctx context.Context, cl client.Client) *Survey {
	s := &Survey{cl: cl, Now: time.Now(), blocked: map[string]client.User{}, hammered: map[string]bool{},
		connApps: map[string]*once[[]string]{}, blocks: map[string]*once[[]client.Block]{}}
	s.Apps, s.appsMiss = read(cl, client.ReadApplications, "applications", func() ([]client.Application, error) { return cl.Applications(ctx) })
	s.tconns, s.tconnsMiss = read(cl, client.ReadTenantConnections, "tenant connections", func() ([]client.TenantConnection, error) { return cl.TenantConnections(ctx) })
	users, miss := read(cl, client.ReadBlockedUsers, "blocked users", func() ([]client.User, error) { return cl.BlockedUsers(ctx) })
	s.blockedMiss = miss
	for _, u := range users {
		s.blocked[u.UserID] = u
	}
	es, miss := read(cl, client.ReadLogs, "brute-force blocks", func() ([]client.LogEvent, error) {
		return cl.Logs(ctx, client.LogQuery{Types: []string{"limit_wc"}, Since: s.Now.Add(-failedLoginsLookback * time.Hour), Limit: 100})
	})
	s.bruteMiss = miss
	for _, e := range es {
		if e.UserID != "" {
			s.hammered[e.UserID] = true
		}
	}
	return s
}

// Hammered is how many users the last day's brute-force blocks name: at
// most one read of blocks each, for the plan.
func (s *Survey) Hammered() int { return len(s.hammered) }

// blocksOf are a user's brute-force blocks, read once.
func (s *Survey) blocksOf(ctx context.Context, userID string) ([]client.Block, *Link) {
	return get(ctx, s, s.blocks, userID, func() ([]client.Block, *Link) {
		return read(s.cl, client.ReadUserBlocks, "brute-force blocks", func() ([]client.Block, error) { return s.cl.UserBlocks(ctx, userID) })
	})
}

// appsOf are the applications connection connID is enabled for, read
// once per connection for every organization.
func (s *Survey) appsOf(ctx context.Context, connID string) ([]string, *Link) {
	return get(ctx, s, s.connApps, connID, func() ([]string, *Link) {
		return read(s.cl, client.ReadConnectionApps, "connection applications", func() ([]string, error) { return s.cl.ConnectionApps(ctx, connID) })
	})
}

// usingOrgs are the applications that log people in to organizations
// (organization_usage allow or require); requiring, those that must.
func (s *Survey) usingOrgs() (using, requiring []client.Application) {
	for _, a := range s.Apps {
		switch a.OrgUsage {
		case "require":
			requiring = append(requiring, a)
			using = append(using, a)
		case "allow":
			using = append(using, a)
		}
	}
	return using, requiring
}
