package server

import (
	"fmt"
	"strings"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// Access gives the keys of an authorized_keys file a role on profiles:
// one server can serve staging to some people and production to others.
type Access struct {
	Keys     string
	Profiles []string
	Role     Role
}

// Tenant is a profile's tenant as the server serves it.
type Tenant struct {
	Client    client.Client
	Protected bool
}

// tenant is profile's tenant, opened on first use and then shared by every
// session on it (one client, one rate-limit budget).
func (s *Server) tenant(profile string) (Tenant, error) {
	s.tenantMu.Lock()
	defer s.tenantMu.Unlock()
	if t, ok := s.tenants[profile]; ok {
		return t, nil
	}
	if s.cfg.Open == nil {
		return Tenant{}, fmt.Errorf("profile %s is not served here", profile)
	}
	t, err := s.cfg.Open(profile)
	if err != nil {
		return Tenant{}, err
	}
	t.Client = client.SharePages(t.Client, sharedPagesFor)
	s.tenants[profile] = t
	return t, nil
}

// tenancy is a session's view of profile: its tenant, read-only for a
// viewer of it, audited with the session's identity. The grant is derived
// from the keys as they are now, not as they were at login.
func (s *Server) tenancy(se *session, who audit.Who, activity *audit.Activity, profile string) (common.Tenancy, error) {
	s.keyMu.RLock()
	m, listed := s.keys[se.key]
	s.keyMu.RUnlock()
	if !listed {
		return common.Tenancy{}, fmt.Errorf("your key is no longer among the server's keys")
	}
	role, ok := m.roles[profile]
	if !ok {
		return common.Tenancy{}, fmt.Errorf("your key has no access to profile %s (it has %s)", profile, strings.Join(m.profiles(), ", "))
	}
	t, err := s.tenant(profile)
	if err != nil {
		return common.Tenancy{}, err
	}
	cl := t.Client
	if role == Viewer {
		cl = client.ReadOnly(cl, "viewer: read-only")
	}
	who.Profile = profile
	se.mu.Lock()
	se.profile, se.role = profile, role
	se.mu.Unlock()
	return common.Tenancy{Client: audit.ClientWithActivity(cl, s.cfg.Audit, who, activity), Profile: profile, Protected: t.Protected}, nil
}
