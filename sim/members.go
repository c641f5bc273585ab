package sim

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/limits"
)

var memberFields = []string{"user_id", "email", "picture", "name", "roles"}

// roleRef is a role as listed with a member.
type roleRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type memberJSON struct {
	UserID  string     `json:"user_id,omitempty"`
	Email   string     `json:"email,omitempty"`
	Picture string     `json:"picture,omitempty"`
	Name    string     `json:"name,omitempty"`
	Roles   *[]roleRef `json:"roles,omitempty"`
}

// purge drops memberships whose removal has become visible.
func (o *org) purge(now time.Time) {
	if o.pending == 0 {
		return
	}
	o.members = slices.DeleteFunc(o.members, func(m *membership) bool {
		if m.listed(now) {
			return false
		}
		m.user.leave(m)
		o.pending--
		return true
	})
}

// fieldSet reads fields and include_fields for the members list.
func fieldSet(r *http.Request) (map[string]bool, *apiError) {
	q := r.URL.Query()
	want := map[string]bool{"user_id": true, "email": true, "picture": true, "name": true}
	if q.Get("fields") == "" {
		return want, nil
	}
	named := map[string]bool{}
	for _, f := range strings.Split(q.Get("fields"), ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(memberFields, f) {
			return nil, errQuery("'String does not match pattern ^((user_id)|(email)|(picture)|(name)|(roles))(,((user_id)|(email)|(picture)|(name)|(roles)))*$: %s' on property fields (Comma-separated list of fields to include or exclude (based on value provided for include_fields) in the result. Leave empty to retrieve all fields.).", q.Get("fields"))
		}
		named[f] = true
	}
	if q.Get("include_fields") == "false" {
		for f := range named {
			delete(want, f)
		}
		return want, nil
	}
	return named, nil
}

func (s *Server) listMembers(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	p, e := parsePaging(r.URL.Query(), true)
	if e != nil {
		return 0, nil, e
	}
	fields, e := fieldSet(r)
	if e != nil {
		return 0, nil, e
	}
	if fields["roles"] && !claimsOf(r).has("read:organization_member_roles") {
		return 0, nil, errScope("read:organization_member_roles")
	}
	o.purge(s.now())
	if p.checkpoint {
		i := indexBySeq(o.members, func(m *membership) int64 { return m.seq }, p.after)
		page := o.members[i:min(i+p.take, len(o.members))]
		env := envelope{key: "members", items: o.membersJSON(page, fields)}
		if len(page) > 0 { // recorded quirk: a short last page still carries next
			last := page[len(page)-1]
			env.next = cursor(last.seq, last.user.UserID)
		}
		return http.StatusOK, env, nil
	}
	lo, hi := p.window(len(o.members))
	return http.StatusOK, p.answer("members", o.membersJSON(o.members[lo:hi], fields), lo, len(o.members)), nil
}

func (o *org) membersJSON(list []*membership, fields map[string]bool) []memberJSON {
	out := make([]memberJSON, 0, len(list))
	for _, m := range list {
		u := m.user
		var j memberJSON
		if fields["user_id"] {
			j.UserID = u.UserID
		}
		if fields["email"] {
			j.Email = u.Email
		}
		if fields["picture"] {
			j.Picture = u.Picture
		}
		if fields["name"] {
			j.Name = u.Name
		}
		if fields["roles"] {
			refs := make([]roleRef, 0, len(o.memberRoles[u.UserID]))
			for _, rl := range o.memberRoles[u.UserID] {
				refs = append(refs, roleRef{rl.ID, rl.Name})
			}
			j.Roles = &refs
		}
		out = append(out, j)
	}
	return out
}

func (s *Server) addMembers(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	ids, e := memberList(r, "List of user IDs to add to the organization as members.")
	if e != nil {
		return 0, nil, e
	}
	for _, id := range ids {
		if t.users[id] == nil {
			return 0, nil, &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Message: "One or more of the users do not exist."}
		}
	}
	o.purge(s.now())
	for _, id := range ids {
		t.addMember(o, t.users[id])
	}
	return http.StatusNoContent, nil, nil
}

// addMember makes u a member of o; re-adding a member whose removal is
// still settling keeps the membership.
func (t *tenant) addMember(o *org, u *user) {
	if m := o.membership(u); m != nil {
		if m.leaving() {
			m.removeAt = 0
			o.pending--
		}
		return
	}
	t.join(o, u, new(membership))
}

// join adds m as u's new membership of o (not yet a member).
func (t *tenant) join(o *org, u *user, m *membership) {
	*m = membership{seq: t.next(), user: u, org: o}
	o.members = append(o.members, m)
	u.in = append(u.in, m)
}

// membership is u's membership of o, settling or not, or nil: found among
// the user's few memberships, not in a map per organization (which cost
// 25 MB at Auth0's entity limits, and seeding time).
func (o *org) membership(u *user) *membership {
	for _, m := range u.in {
		if m.org == o {
			return m
		}
	}
	return nil
}

func (s *Server) removeMembers(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	ids, e := memberList(r, "List of user IDs to remove from the organization.")
	if e != nil {
		return 0, nil, e
	}
	now := s.now()
	o.purge(now)
	at := now.Add(t.removalDelay(s.opts.RemovalDelayMin, s.opts.RemovalDelayMax))
	for _, id := range ids {
		u := t.users[id]
		if u == nil {
			continue
		}
		m := o.membership(u)
		if m == nil || m.leaving() {
			continue
		}
		delete(o.memberRoles, id)
		m.removeAt = at.UnixNano()
		o.pending++
	}
	o.purge(now) // a zero delay removes at once
	return http.StatusNoContent, nil, nil
}

func (t *tenant) removalDelay(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(t.rnd.Int64N(int64(hi-lo)))
}

// --- member roles ---

// memberRolesTarget resolves {id} and {uid}. Roles belong to the user's
// place in the organization, and Auth0 accepts them before membership.
func (s *Server) memberRolesTarget(r *http.Request) (*org, *user, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return nil, nil, errOrgNotFound
	}
	u := s.t.users[r.PathValue("uid")]
	if u == nil {
		return nil, nil, errUserNotFound
	}
	return o, u, nil
}

// roleJSON is a role with its description, as the roles lists show it.
type roleJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

func (s *Server) listMemberRoles(r *http.Request) (int, any, *apiError) {
	o, u, e := s.memberRolesTarget(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := parsePaging(r.URL.Query(), false)
	if e != nil {
		return 0, nil, e
	}
	all := []roleJSON{}
	for _, rl := range o.memberRoles[u.UserID] {
		all = append(all, roleJSON{rl.ID, rl.Name, rl.Description})
	}
	return http.StatusOK, offsetList(p, "roles", all), nil
}

func (s *Server) memberRoleIDs(r *http.Request) ([]*role, *apiError) {
	ids, e := idList(r, "roles", "List of roles IDs to associated with the user.")
	if e != nil {
		return nil, e
	}
	out := make([]*role, 0, len(ids))
	for _, id := range ids {
		rl := s.t.roles[id]
		if rl == nil {
			return nil, errRoleNotFound
		}
		out = append(out, rl)
	}
	return out, nil
}

func (s *Server) assignMemberRoles(r *http.Request) (int, any, *apiError) {
	o, u, e := s.memberRolesTarget(r)
	if e != nil {
		return 0, nil, e
	}
	add, e := s.memberRoleIDs(r)
	if e != nil {
		return 0, nil, e
	}
	n := len(o.memberRoles[u.UserID])
	for _, rl := range add {
		if !slices.Contains(o.memberRoles[u.UserID], rl) {
			n++
		}
	}
	if n > limits.MaxMemberRoles {
		return 0, nil, &apiError{Status: http.StatusConflict, Message: "No more roles can be assigned to this organization member."}
	}
	o.assignRoles(u.UserID, add)
	return http.StatusNoContent, nil, nil
}

func (o *org) assignRoles(uid string, add []*role) {
	have := o.memberRoles[uid]
	for _, rl := range add {
		if !slices.Contains(have, rl) {
			have = append(have, rl)
		}
	}
	o.memberRoles[uid] = have
}

// setRoles gives a member with no roles yet the roles held (seeding).
func (o *org) setRoles(uid string, held []*role) { o.memberRoles[uid] = held }

func (s *Server) removeMemberRoles(r *http.Request) (int, any, *apiError) {
	o, u, e := s.memberRolesTarget(r)
	if e != nil {
		return 0, nil, e
	}
	drop, e := s.memberRoleIDs(r)
	if e != nil {
		return 0, nil, e
	}
	o.memberRoles[u.UserID] = slices.DeleteFunc(o.memberRoles[u.UserID], func(rl *role) bool { return slices.Contains(drop, rl) })
	return http.StatusNoContent, nil, nil
}

// Past limits.MaxIDsPerRequest the exact message is a guess in the
// OpenAPI validator's style.

// memberList reads a members body within Auth0's cap.
func memberList(r *http.Request, desc string) ([]string, *apiError) {
	ids, e := idList(r, "members", desc)
	if e == nil && len(ids) > limits.MaxIDsPerRequest {
		return nil, errBody("'Array is too long (%d), maximum %d' on property members (%s).", len(ids), limits.MaxIDsPerRequest, desc)
	}
	return ids, e
}
