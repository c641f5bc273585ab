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

	mu       sync.Mutex
	connApps map[string]connApps
}

type connApps struct {
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
	s := &Survey{cl: cl, Now: time.Now(), blocked: map[string][]client.User{}, connApps: map[string]connApps{}}
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
	return s
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
	defer s.mu.Unlock()
	if c, ok := s.connApps[connID]; ok {
		return c.ids, c.miss
	}
	ids, miss := read(s.cl, client.ReadConnectionApps, "connection applications", func() ([]string, error) { return s.cl.ConnectionApps(ctx, connID) })
	s.connApps[connID] = connApps{ids: ids, miss: miss}
	return ids, miss
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
