package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Organization-level roles (Early Access) and a member's effective roles.
// An organization-level role is a role with type "organization" and the
// owning organization's id as owner_id (cassette
// TestRoleManager_OrganizationLevelRole); every other role now answers
// with type "tenant". A member's effective roles are the roles held
// directly and through the organization's groups, each naming its
// sources ("direct", "groups"), as go-auth0/v3's
// OrganizationMemberEffectiveRole has them.

// orgRoleProps are the keys POST /roles accepts where the tenant has
// organization-level roles.
var orgRoleProps = map[string]string{
	"type":     "The type of the role: tenant or organization.",
	"owner_id": "The organization that owns an organization-level role.",
}

// newRoleKind checks a role's type and owner: "tenant" with no owner, or
// "organization" owned by an existing organization (the messages are a
// guess in the validator's style).
func (t *tenant) newRoleKind(kind, owner *string) (string, string, *apiError) {
	switch deref(kind) {
	case "", "tenant":
		if owner != nil {
			return "", "", errBody("'owner_id is only allowed for roles of type organization' on property owner_id (%s).", orgRoleProps["owner_id"])
		}
		return "tenant", "", nil
	case "organization":
		if owner == nil {
			return "", "", errBody("'Missing required property: owner_id' on property owner_id (%s).", orgRoleProps["owner_id"])
		}
		if t.orgs[*owner] == nil {
			return "", "", errOrgNotFound
		}
		return "organization", *owner, nil
	}
	return "", "", errBody("'No enum match for: %s' on property type (%s).", *kind, orgRoleProps["type"])
}

// usableIn refuses an organization-level role outside its organization
// (a guess: Auth0's pages say such a role exists only in its owner).
func (rl *role) usableIn(o *org) *apiError {
	if rl.Type == "organization" && rl.OwnerID != o.ID {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_body",
			Message: "The role " + rl.ID + " belongs to another organization."}
	}
	return nil
}

// rolesFilter keeps the roles a GET /roles asks for: name_filter (a
// case-insensitive part of the name), type and owner_id.
func rolesFilter(all []*role, r *http.Request) []*role {
	q := r.URL.Query()
	part := strings.ToLower(q.Get("name_filter"))
	if part == "" && !q.Has("type") && !q.Has("owner_id") {
		return all
	}
	return slices.DeleteFunc(slices.Clone(all), func(rl *role) bool {
		return !strings.Contains(strings.ToLower(rl.Name), part) ||
			(q.Has("type") && rl.Type != q.Get("type")) || (q.Has("owner_id") && rl.OwnerID != q.Get("owner_id"))
	})
}

// forgetRole drops a deleted role from every group that gave it.
func (t *tenant) forgetRole(rl *role) {
	for _, o := range t.orgOrder {
		if o.orgExt == nil {
			continue
		}
		for gid, held := range o.surface.groupRoles {
			o.surface.groupRoles[gid] = slices.DeleteFunc(held, func(x *role) bool { return x == rl })
		}
	}
}

// effectiveRoleJSON is one role a member holds and where it comes from.
type effectiveRoleJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Sources     []string `json:"sources"`
	seq         int64
}

// effectiveRoles lists the roles a member holds in the organization,
// directly or through groups, in the order the roles were created.
func (s *Server) effectiveRoles(r *http.Request) (int, any, *apiError) {
	o, u, e := s.memberRolesTarget(r)
	if e != nil {
		return 0, nil, e
	}
	by := map[*role]*effectiveRoleJSON{}
	add := func(rl *role, source string) {
		j := by[rl]
		if j == nil {
			j = &effectiveRoleJSON{ID: rl.ID, Name: rl.Name, Description: rl.Description, seq: rl.seq}
			by[rl] = j
		}
		if !slices.Contains(j.Sources, source) {
			j.Sources = append(j.Sources, source)
		}
	}
	for _, rl := range o.memberRoles[u.UserID] {
		add(rl, "direct")
	}
	for _, g := range o.groupsOf(u.UserID, nil) {
		for _, rl := range o.surf().groupRoles[g.ID] {
			add(rl, "groups")
		}
	}
	all := make([]*effectiveRoleJSON, 0, len(by))
	for _, j := range by {
		all = append(all, j)
	}
	slices.SortFunc(all, func(a, b *effectiveRoleJSON) int { return int(a.seq - b.seq) })
	return pagedList(r, "roles", all, func(j *effectiveRoleJSON) (int64, string) { return j.seq, j.ID })
}

// roleMemberJSON is a member as a role's members list shows them.
type roleMemberJSON struct {
	UserID  string `json:"user_id,omitempty"`
	Picture string `json:"picture,omitempty"`
	Name    string `json:"name,omitempty"`
	Email   string `json:"email,omitempty"`
	seq     int64
}

// orgRoleMembers lists the members holding a role directly in the
// organization, in membership order, checkpoint paged; fields and
// include_fields pick the member fields as on the members list.
func (s *Server) orgRoleMembers(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	rl := s.t.roles[r.PathValue("rid")]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	fields, e := fieldSet(r)
	if e != nil {
		return 0, nil, e
	}
	o.purge(s.now())
	all := []roleMemberJSON{}
	for _, m := range o.members {
		if !slices.Contains(o.memberRoles[m.user.UserID], rl) {
			continue
		}
		j := roleMemberJSON{seq: m.seq}
		if fields["user_id"] {
			j.UserID = m.user.UserID
		}
		if fields["picture"] {
			j.Picture = m.user.Picture
		}
		if fields["name"] {
			j.Name = m.user.Name
		}
		if fields["email"] {
			j.Email = m.user.Email
		}
		all = append(all, j)
	}
	return pagedList(r, "members", all, func(j roleMemberJSON) (int64, string) { return j.seq, j.UserID })
}
