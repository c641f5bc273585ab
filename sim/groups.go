package sim

import (
	"net/http"
	"slices"
	"time"
)

// Groups in organizations (Early Access): groups of users (provisioned by
// SCIM from an enterprise connection, so the Management API lists them
// and maps them to roles but does not create them) whose members hold the
// group's roles in the organization. The shapes are go-auth0/v3's Group,
// RoleGroup and Role; the ids' prefix is a guess.

// group is a group of users in one organization.
type group struct {
	seq          int64
	ID           string `json:"id"`
	Name         string `json:"name"`
	ExternalID   string `json:"external_id,omitempty"`
	ConnectionID string `json:"connection_id,omitempty"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
	org          *org
	members      map[string]bool // user ids
}

// addGroup creates a group of o from a connection, with these members.
func (t *tenant) addGroup(o *org, name string, conn *connection, members []*user, now time.Time) *group {
	g := &group{seq: t.next(), ID: t.newID("grp_", 16), Name: name, ExternalID: t.hex(24),
		CreatedAt: stamp(now), UpdatedAt: stamp(now), org: o, members: map[string]bool{}}
	if conn != nil {
		g.ConnectionID = conn.ID
	}
	for _, u := range members {
		g.members[u.UserID] = true
	}
	t.groups[g.ID] = g
	t.groupOrder = append(t.groupOrder, g)
	o.surf().groups = append(o.surf().groups, g)
	return g
}

var errGroupMissing = errNotFound("The group does not exist.") // a guess at the words

// orgGroup resolves {id} and {gid}: a group of that organization.
func (s *Server) orgGroup(r *http.Request) (*org, *group, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return nil, nil, errOrgNotFound
	}
	g := s.t.groups[r.PathValue("gid")]
	if g == nil || g.org != o {
		return nil, nil, errGroupMissing
	}
	return o, g, nil
}

func groupAt(g *group) (int64, string) { return g.seq, g.ID }

// listOrgGroups lists an organization's groups, checkpoint paged.
func (s *Server) listOrgGroups(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	return pagedList(r, "groups", o.surf().groups, groupAt)
}

// pagedList answers a list the newest SDKs page with from and take, and
// offset paging for callers that send page and per_page.
func pagedList[T any](r *http.Request, key string, all []T, at func(T) (int64, string)) (int, any, *apiError) {
	p, e := parsePaging(r.URL.Query(), true)
	if e != nil {
		return 0, nil, e
	}
	if p.checkpoint {
		return http.StatusOK, checkpointList(p, key, all, at), nil
	}
	return http.StatusOK, offsetList(p, key, all), nil
}

func (s *Server) listGroupRoles(r *http.Request) (int, any, *apiError) {
	o, g, e := s.orgGroup(r)
	if e != nil {
		return 0, nil, e
	}
	return pagedList(r, "roles", o.surf().groupRoles[g.ID], func(rl *role) (int64, string) { return rl.seq, rl.ID })
}

// groupRoleIDs reads {"roles": [...]}: tenant roles, or organization-level
// roles of this organization (another organization's: 400, a guess).
func (s *Server) groupRoleIDs(r *http.Request, o *org) ([]*role, *apiError) {
	ids, e := idList(r, "roles", "Array of role IDs to assign to the group.")
	if e != nil {
		return nil, e
	}
	out := make([]*role, 0, len(ids))
	for _, id := range ids {
		rl := s.t.roles[id]
		if rl == nil {
			return nil, errRoleNotFound
		}
		if e := rl.usableIn(o); e != nil {
			return nil, e
		}
		out = append(out, rl)
	}
	return out, nil
}

// assignGroupRoles gives the group's members the roles in the organization.
func (s *Server) assignGroupRoles(r *http.Request) (int, any, *apiError) {
	o, g, e := s.orgGroup(r)
	if e != nil {
		return 0, nil, e
	}
	add, e := s.groupRoleIDs(r, o)
	if e != nil {
		return 0, nil, e
	}
	if o.surf().groupRoles == nil {
		o.surf().groupRoles = map[string][]*role{}
	}
	have := o.surf().groupRoles[g.ID]
	for _, rl := range add {
		if !slices.Contains(have, rl) {
			have = append(have, rl)
		}
	}
	slices.SortFunc(have, func(a, b *role) int { return int(a.seq - b.seq) }) // checkpoint order
	o.surf().groupRoles[g.ID] = have
	return http.StatusNoContent, nil, nil
}

func (s *Server) removeGroupRoles(r *http.Request) (int, any, *apiError) {
	o, g, e := s.orgGroup(r)
	if e != nil {
		return 0, nil, e
	}
	drop, e := s.groupRoleIDs(r, o)
	if e != nil {
		return 0, nil, e
	}
	o.surf().groupRoles[g.ID] = slices.DeleteFunc(o.surf().groupRoles[g.ID], func(rl *role) bool { return slices.Contains(drop, rl) })
	return http.StatusNoContent, nil, nil
}

// groupsOf are the groups of o that uid is in and that give role rl
// (any role when rl is nil).
func (o *org) groupsOf(uid string, rl *role) []*group {
	var out []*group
	for _, g := range o.surf().groups {
		if g.members[uid] && (rl == nil || slices.Contains(o.surf().groupRoles[g.ID], rl)) {
			out = append(out, g)
		}
	}
	return out
}

// effectiveRoleGroups lists the groups through which a member holds
// role_id (required).
func (s *Server) effectiveRoleGroups(r *http.Request) (int, any, *apiError) {
	o, u, e := s.memberRolesTarget(r)
	if e != nil {
		return 0, nil, e
	}
	id := r.URL.Query().Get("role_id")
	if id == "" {
		return 0, nil, errQuery("'Missing required property: role_id' on property role_id (ID of the role to list sources for.).")
	}
	rl := s.t.roles[id]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	return pagedList(r, "groups", o.groupsOf(u.UserID, rl), groupAt)
}

// roleGroupJSON is a group as a role's groups list shows it.
type roleGroupJSON struct {
	*group
	OrganizationID string `json:"organization_id"`
}

// orgRoleGroups lists the organization's groups that give a role.
func (s *Server) orgRoleGroups(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	rl := s.t.roles[r.PathValue("rid")]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	var out []roleGroupJSON
	for _, g := range o.surf().groups {
		if slices.Contains(o.surf().groupRoles[g.ID], rl) {
			out = append(out, roleGroupJSON{g, o.ID})
		}
	}
	return pagedList(r, "groups", out, func(j roleGroupJSON) (int64, string) { return j.seq, j.ID })
}
