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
//
// It embeds only the Reader: each write is written out below, so that none
// can pass by what it holds unseen.
type shared struct {
	Reader
	w     Writer
	ttl   time.Duration
	group singleflight.Group
	mu    sync.Mutex
	pages map[string]held[Page[Organization]]
	count held[int]
}

var _ Client = (*shared)(nil)

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
	return &shared{Reader: c, w: c, ttl: ttl, pages: map[string]held[Page[Organization]]{}}
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
		p, err := s.Reader.Organizations(ctx, from)
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
		n, err := s.Reader.CountOrganizations(ctx)
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
	err := s.w.DeleteOrganization(ctx, id)
	s.forget()
	return err
}

func (s *shared) CreateOrganization(ctx context.Context, spec OrgSpec) (Organization, error) {
	o, err := s.w.CreateOrganization(ctx, spec)
	s.forget() // the list has one more
	return o, err
}

func (s *shared) UpdateOrganization(ctx context.Context, id string, spec OrgSpec) (Organization, error) {
	o, err := s.w.UpdateOrganization(ctx, id, spec)
	s.forget() // a row changed
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

func (s *shared) CreateOrgRole(ctx context.Context, orgID, name, description string) (Role, error) {
	return s.w.CreateOrgRole(ctx, orgID, name, description)
}

func (s *shared) DeleteOrgRole(ctx context.Context, orgID, roleID string) error {
	return s.w.DeleteOrgRole(ctx, orgID, roleID)
}

func (s *shared) AssociateClientGrant(ctx context.Context, orgID, grantID string) error {
	return s.w.AssociateClientGrant(ctx, orgID, grantID)
}

func (s *shared) RemoveOrgClientGrant(ctx context.Context, orgID, grantID string) error {
	return s.w.RemoveOrgClientGrant(ctx, orgID, grantID)
}

func (s *shared) RemoveDiscoveryDomain(ctx context.Context, orgID, id string) error {
	return s.w.RemoveDiscoveryDomain(ctx, orgID, id)
}

func (s *shared) SetConnectionApp(ctx context.Context, connID, clientID string, enabled bool) error {
	return s.w.SetConnectionApp(ctx, connID, clientID, enabled)
}

func (s *shared) SetUserBlocked(ctx context.Context, userID string, blocked bool) error {
	return s.w.SetUserBlocked(ctx, userID, blocked)
}

func (s *shared) RemoveUserBlocks(ctx context.Context, userID string) error {
	return s.w.RemoveUserBlocks(ctx, userID)
}
