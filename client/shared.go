package client

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// shared lets the sessions of one server share what they all read first:
// the organization pages and the organization count. An answer asked for
// again within ttl is served from memory, and identical calls in flight at
// once become one call. Creating, editing or deleting an organization
// forgets them.
type shared struct {
	Client
	ttl   time.Duration
	group singleflight.Group
	mu    sync.Mutex
	pages map[string]held[Page[Organization]]
	count held[int]
}

// held is an answer and when it came.
type held[T any] struct {
	v  T
	at time.Time
	ok bool
}

// countKey names the count among the single-flight calls (page cursors
// never begin with a space).
const countKey = " count"

// SharePages wraps c so that organization pages and the organization count
// are shared for ttl across everyone using the wrapper: fifty SSH sessions
// opening at once cost the tenant's budget a call per page and one count,
// not a hundred. A client already wrapped is returned as it is.
func SharePages(c Client, ttl time.Duration) Client {
	if s, ok := c.(*shared); ok {
		return s
	}
	return &shared{Client: c, ttl: ttl, pages: map[string]held[Page[Organization]]{}}
}

func (s *shared) fresh(at time.Time) bool { return time.Since(at) < s.ttl }

func (s *shared) Organizations(ctx context.Context, from string) (Page[Organization], error) {
	s.mu.Lock()
	if p, ok := s.pages[from]; ok && s.fresh(p.at) {
		s.mu.Unlock()
		return p.v, nil
	}
	s.mu.Unlock()
	v, err, _ := s.group.Do(from, func() (any, error) {
		p, err := s.Client.Organizations(ctx, from)
		if err == nil {
			s.mu.Lock()
			s.pages[from] = held[Page[Organization]]{v: p, at: time.Now(), ok: true}
			s.mu.Unlock()
		}
		return p, err
	})
	p, _ := v.(Page[Organization])
	return p, err
}

func (s *shared) CountOrganizations(ctx context.Context) (int, error) {
	s.mu.Lock()
	if c := s.count; c.ok && s.fresh(c.at) {
		s.mu.Unlock()
		return c.v, nil
	}
	s.mu.Unlock()
	v, err, _ := s.group.Do(countKey, func() (any, error) {
		n, err := s.Client.CountOrganizations(ctx)
		if err == nil {
			s.mu.Lock()
			s.count = held[int]{v: n, at: time.Now(), ok: true}
			s.mu.Unlock()
		}
		return n, err
	})
	n, _ := v.(int)
	return n, err
}

// forget drops every held answer: the list changed.
func (s *shared) forget() {
	s.mu.Lock()
	s.pages = map[string]held[Page[Organization]]{}
	s.count = held[int]{}
	s.mu.Unlock()
}

func (s *shared) DeleteOrganization(ctx context.Context, id string) error {
	err := s.Client.DeleteOrganization(ctx, id)
	s.forget()
	return err
}

func (s *shared) CreateOrganization(ctx context.Context, spec OrgSpec) (Organization, error) {
	o, err := s.Client.CreateOrganization(ctx, spec)
	s.forget() // the list has one more
	return o, err
}

func (s *shared) UpdateOrganization(ctx context.Context, id string, spec OrgSpec) (Organization, error) {
	o, err := s.Client.UpdateOrganization(ctx, id, spec)
	s.forget() // a row changed
	return o, err
}
