package doctor

import (
	"context"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Survey is what the checks need of the tenant as a whole, read once for
// every organization checked: the applications, which connections each
// may use, and the blocked users with their organizations.
type Survey struct {
	cl   client.Client
	Now  time.Time
	Apps []client.Application
	// appsMiss, blockedMiss say why those could not be read (nil if read).
	appsMiss, blockedMiss *Link
	blocked               map[string][]client.User // organization id → its blocked members
	// bruteForced are the members Auth0's brute-force protection blocks
	// (from the last day's limit_wc events, each checked with its blocks).
	bruteForced map[string][]bruteForced
	bruteMiss   *Link

	mu       sync.Mutex // held only to find or add an entry, never across a call
	connApps map[string]*connApps
}

// connApps is one connection's applications, read once: done closes when
// they are in (a channel, so a worker waiting on another's read is
// durably blocked, as testing/synctest needs).
type connApps struct {
	done chan struct{}
	ids  []string
	miss *Link
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
// 100), the blocked users (one search) and each one's organizations.
func NewSurvey(ctx context.Context, cl client.Client) *Survey {
	s := &Survey{cl: cl, Now: time.Now(), blocked: map[string][]client.User{}, connApps: map[string]*connApps{}}
	s.Apps, s.appsMiss = read(cl, client.ReadApplications, "applications", func() ([]client.Application, error) { return cl.Applications(ctx) })
	users, miss := read(cl, client.ReadBlockedUsers, "blocked users", func() ([]client.User, error) { return cl.BlockedUsers(ctx) })
	s.blockedMiss = miss
	for _, u := range users {
		full, miss := read(cl, client.ReadUserOrganizations, "blocked users", func() (client.User, error) { return cl.User(ctx, u.UserID) })
		if miss != nil {
			s.blockedMiss = miss
			break
		}
		for _, o := range full.Organizations {
			s.blocked[o.ID] = append(s.blocked[o.ID], full)
		}
	}
	s.readBruteForced(ctx)
	return s
}

// bruteForced is a user brute-force protection blocks, and its blocks.
type bruteForced struct {
	client.User
	blocks []client.Block
}

// maxBruteForced bounds the users whose blocks the survey reads.
const maxBruteForced = 20

// readBruteForced finds the users the last day's limit_wc events name,
// reads their blocks and, for those still blocked, their organizations.
func (s *Survey) readBruteForced(ctx context.Context) {
	cl := s.cl
	s.bruteForced = map[string][]bruteForced{}
	es, miss := read(cl, client.ReadLogs, "brute-force blocks", func() ([]client.LogEvent, error) {
		return cl.Logs(ctx, client.LogQuery{Types: []string{"limit_wc"}, Since: s.Now.Add(-failedLoginsLookback * time.Hour), Limit: 100})
	})
	if miss != nil {
		s.bruteMiss = miss
		return
	}
	seen := map[string]bool{}
	for _, e := range es {
		if e.UserID == "" || seen[e.UserID] || len(seen) == maxBruteForced {
			continue
		}
		seen[e.UserID] = true
		bs, miss := read(cl, client.ReadUserBlocks, "brute-force blocks", func() ([]client.Block, error) { return cl.UserBlocks(ctx, e.UserID) })
		if miss != nil {
			s.bruteMiss = miss
			return
		}
		if len(bs) == 0 {
			continue // lifted since, or expired
		}
		u, miss := read(cl, client.ReadUserOrganizations, "brute-force blocks", func() (client.User, error) { return cl.User(ctx, e.UserID) })
		if miss != nil {
			s.bruteMiss = miss
			return
		}
		for _, o := range u.Organizations {
			s.bruteForced[o.ID] = append(s.bruteForced[o.ID], bruteForced{User: u, blocks: bs})
		}
	}
}

// BlockedCount is how many blocked users the survey read the organizations of.
func (s *Survey) BlockedCount() int {
	seen := map[string]bool{}
	for _, us := range s.blocked {
		for _, u := range us {
			seen[u.UserID] = true
		}
	}
	return len(seen)
}

// appsOf are the applications connection connID is enabled for, read
// once per connection for every organization.
func (s *Survey) appsOf(ctx context.Context, connID string) ([]string, *Link) {
	s.mu.Lock()
	c, ok := s.connApps[connID]
	if !ok {
		c = &connApps{done: make(chan struct{})}
		s.connApps[connID] = c
	}
	s.mu.Unlock()
	if ok {
		select {
		case <-c.done:
		case <-ctx.Done():
			l := unknownFrom("connection applications", ctx.Err())
			return nil, &l
		}
		return c.ids, c.miss
	}
	c.ids, c.miss = read(s.cl, client.ReadConnectionApps, "connection applications", func() ([]string, error) { return s.cl.ConnectionApps(ctx, connID) })
	close(c.done)
	return c.ids, c.miss
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
