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
//
// It embeds only the Reader: each write is written out below, so that none
// can pass by the page cache unseen.
type shared struct {
	Reader
	w     Writer
	ttl   time.Duration
	group singleflight.Group
	mu    sync.Mutex
	pages map[string]sharedPage
}

var _ Client = (*shared)(nil)

type sharedPage struct {
	page Page[Organization]
	at   time.Time
}

// SharePages wraps c so that organization pages are shared for ttl across
// everyone using the wrapper: fifty SSH sessions opening at once cost the
// tenant's budget two calls, not a hundred.
func SharePages(c Client, ttl time.Duration) Client {
	return &shared{Reader: c, w: c, ttl: ttl, pages: map[string]sharedPage{}}
}

func (s *shared) Organizations(ctx context.Context, from string) (Page[Organization], error) {
	s.mu.Lock()
	if p, ok := s.pages[from]; ok && time.Since(p.at) < s.ttl {
		s.mu.Unlock()
		return p.page, nil
	}
	s.mu.Unlock()
	v, err, _ := s.group.Do(from, func() (any, error) {
		p, err := s.Reader.Organizations(ctx, from)
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
	err := s.w.DeleteOrganization(ctx, id)
	s.mu.Lock()
	s.pages = map[string]sharedPage{}
	s.mu.Unlock()
	return err
}

func (s *shared) CreateOrganization(ctx context.Context, spec OrgSpec) (Organization, error) {
	o, err := s.w.CreateOrganization(ctx, spec)
	s.mu.Lock()
	s.pages = map[string]sharedPage{} // the list has one more
	s.mu.Unlock()
	return o, err
}

func (s *shared) UpdateOrganization(ctx context.Context, id string, spec OrgSpec) (Organization, error) {
	o, err := s.w.UpdateOrganization(ctx, id, spec)
	s.mu.Lock()
	s.pages = map[string]sharedPage{} // a row changed
	s.mu.Unlock()
	return o, err
}

// The writes that do not change the organization list pass straight on.

func (s *shared) EnableConnection(ctx context.Context, orgID, connID string, cs ConnectionSettings) (Connection, error) {
	return s.w.EnableConnection(ctx, orgID, connID, cs)
}

func (s *shared) SetConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (Connection, error) {
	return s.w.SetConnectionEnabled(ctx, orgID, connID, enabled)
}

func (s *shared) UpdateConnection(ctx context.Context, orgID, connID string, cs ConnectionSettings) (Connection, error) {
	return s.w.UpdateConnection(ctx, orgID, connID, cs)
}

func (s *shared) RemoveConnection(ctx context.Context, orgID, connID string) error {
	return s.w.RemoveConnection(ctx, orgID, connID)
}

func (s *shared) AddMembers(ctx context.Context, orgID string, ids []string) []MemberResult {
	return s.w.AddMembers(ctx, orgID, ids)
}

func (s *shared) RemoveMembers(ctx context.Context, orgID string, ids []string) []MemberResult {
	return s.w.RemoveMembers(ctx, orgID, ids)
}

func (s *shared) AssignRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	return s.w.AssignRoles(ctx, orgID, userID, roleIDs)
}

func (s *shared) RemoveRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	return s.w.RemoveRoles(ctx, orgID, userID, roleIDs)
}

func (s *shared) Invite(ctx context.Context, orgID string, spec InviteSpec) (Invitation, error) {
	return s.w.Invite(ctx, orgID, spec)
}

func (s *shared) RevokeInvitation(ctx context.Context, orgID, id string) error {
	return s.w.RevokeInvitation(ctx, orgID, id)
}

func (s *shared) AddDiscoveryDomain(ctx context.Context, orgID string, d DiscoveryDomain) (DiscoveryDomain, error) {
	return s.w.AddDiscoveryDomain(ctx, orgID, d)
}

func (s *shared) UpdateDiscoveryDomain(ctx context.Context, orgID, id string, verified, use bool) (DiscoveryDomain, error) {
	return s.w.UpdateDiscoveryDomain(ctx, orgID, id, verified, use)
}

func (s *shared) RemoveDiscoveryDomain(ctx context.Context, orgID, id string) error {
	return s.w.RemoveDiscoveryDomain(ctx, orgID, id)
}
