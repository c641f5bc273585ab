package client

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// shared lets the sessions of one server share organization pages: a page
// asked for again within ttl is served from memory, and identical calls in
// flight at once become one call. Deleting an organization forgets them.
type shared struct {
	Client
	ttl   time.Duration
	group singleflight.Group
	mu    sync.Mutex
	pages map[string]sharedPage
}

type sharedPage struct {
	page Page[Organization]
	at   time.Time
}

// SharePages wraps c so that organization pages are shared for ttl across
// everyone using the wrapper: fifty SSH sessions opening at once cost the
// tenant's budget two calls, not a hundred.
func SharePages(c Client, ttl time.Duration) Client {
	return &shared{Client: c, ttl: ttl, pages: map[string]sharedPage{}}
}

func (s *shared) Organizations(ctx context.Context, from string) (Page[Organization], error) {
	s.mu.Lock()
	if p, ok := s.pages[from]; ok && time.Since(p.at) < s.ttl {
		s.mu.Unlock()
		return p.page, nil
	}
	s.mu.Unlock()
	v, err, _ := s.group.Do(from, func() (any, error) {
		p, err := s.Client.Organizations(ctx, from)
		if err == nil {
			s.mu.Lock()
			s.pages[from] = sharedPage{page: p, at: time.Now()}
			s.mu.Unlock()
		}
		return p, err
	})
	p, _ := v.(Page[Organization])
	return p, err
}

func (s *shared) DeleteOrganization(ctx context.Context, id string) error {
	err := s.Client.DeleteOrganization(ctx, id)
	s.mu.Lock()
	s.pages = map[string]sharedPage{}
	s.mu.Unlock()
	return err
}

func (s *shared) CreateOrganization(ctx context.Context, spec OrgSpec) (Organization, error) {
	o, err := s.Client.CreateOrganization(ctx, spec)
	s.mu.Lock()
	s.pages = map[string]sharedPage{} // the list has one more
	s.mu.Unlock()
	return o, err
}

func (s *shared) UpdateOrganization(ctx context.Context, id string, spec OrgSpec) (Organization, error) {
	o, err := s.Client.UpdateOrganization(ctx, id, spec)
	s.mu.Lock()
	s.pages = map[string]sharedPage{} // a row changed
	s.mu.Unlock()
	return o, err
}
