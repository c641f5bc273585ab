package client

import (
	"context"
	"net/url"
	"strconv"
	"sync/atomic"

	"github.com/auth0/go-auth0/management"
)

// Reads of the newer organization pages (issue 25's tabs): the
// machine-to-machine grants associated with an organization, the
// applications its members may use (Early Access), its organization-level
// roles (Early Access), its groups and their roles (Early Access), and a
// member's effective roles with where each comes from. A tenant without
// an Early Access feature answers its routes with a route-level 404: that
// is ErrUnsupported here, remembered for a while as discovery domains are.
// The changes (associate and remove a grant) are in org_grants.go.

// ClientGrant is an application's grant to call an API, as associated
// with an organization.
type ClientGrant struct {
	ID, ClientID, Audience string
	Scopes                 []string
	// OrganizationUsage is how organizations may use the grant: "deny"
	// (or ""), "allow" or "require"; only the last two can be associated.
	OrganizationUsage string
}

// OrgApplication is an application associated with an organization.
type OrgApplication struct {
	ClientID, Name string
	MemberAccess   bool // the organization's members may use it
}

// Group is a group of an organization (provisioned by SCIM). The roles it
// gives its members there are read apart, by GroupRoles.
type Group struct {
	ID, Name, ConnectionID string
}

// EffectiveRole is a role a member holds, and how: directly, through a
// group, or both.
type EffectiveRole struct {
	Role
	Direct, ThroughGroups bool
	Groups                []string // the names of the groups that give it
}

// surfaceMissing remembers which Early Access features the tenant lacks,
// and whether it was seen to have groups.
type surfaceMissing struct {
	apps, groups, roles domainsMissing
	hasGroups, hasRoles atomic.Bool
}

var (
	errNoOrgApps = &Error{Kind: Unsupported, Op: "list organization applications", Message: "this tenant has no organization applications"}
	errNoGroups  = &Error{Kind: Unsupported, Op: "list organization groups", Message: "this tenant has no groups in organizations"}
)

// OrgClientGrants lists the client grants associated with an
// organization (GET /organizations/{id}/client-grants, offset paged).
func (c *auth0Client) OrgClientGrants(ctx context.Context, orgID string) ([]ClientGrant, error) {
	var out []ClientGrant
	for page := 0; ; page++ {
		l, err := c.m.Organization.ClientGrants(ctx, orgID, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("list organization client grants", err)
		}
		for _, g := range l.ClientGrants {
			out = append(out, fromSDKGrant(g))
		}
		if !l.HasNext() || len(l.ClientGrants) == 0 {
			return out, nil
		}
	}
}

// checkpointList is one page of a list go-auth0 v1 has no method for.
type checkpointList[T any] struct {
	Clients []T     `json:"clients"`
	Members []T     `json:"members"`
	Groups  []T     `json:"groups"`
	Roles   []T     `json:"roles"`
	Next    *string `json:"next"`
}

// getAll follows a checkpoint-paged list through m.Request.
func getAll[T any](ctx context.Context, c *auth0Client, path []string, query url.Values, items func(checkpointList[T]) []T) ([]T, error) {
	var out []T
	for from := ""; ; {
		q := url.Values{"take": {strconv.Itoa(pageSize)}}
		for k, v := range query {
			q[k] = v
		}
		if from != "" {
			q.Set("from", from)
		}
		var l checkpointList[T]
		if err := c.m.Request(ctx, "GET", c.m.URI(path...)+"?"+q.Encode(), &l); err != nil {
			return out, err
		}
		page := items(l)
		out = append(out, page...)
		if l.Next == nil || *l.Next == "" || len(page) == 0 {
			return out, nil
		}
		from = *l.Next
	}
}

type orgAppJSON struct {
	ClientID           string `json:"client_id"`
	UseForMemberAccess bool   `json:"use_for_member_access"`
	Client             struct {
		Name string `json:"name"`
	} `json:"client"`
}

// OrgApplications lists the applications associated with an organization
// (GET /organizations/{id}/clients, Early Access).
func (c *auth0Client) OrgApplications(ctx context.Context, orgID string) ([]OrgApplication, error) {
	if c.noSurface.apps.known() {
		return nil, errNoOrgApps
	}
	list, err := getAll(ctx, c, []string{"organizations", orgID, "clients"}, nil,
		func(l checkpointList[orgAppJSON]) []orgAppJSON { return l.Clients })
	if routeMissing(err) {
		c.noSurface.apps.set(true)
		return nil, errNoOrgApps
	}
	if err != nil {
		return nil, c.classify("list organization applications", err)
	}
	c.noSurface.apps.set(false)
	out := make([]OrgApplication, 0, len(list))
	for _, a := range list {
		out = append(out, OrgApplication{ClientID: a.ClientID, Name: a.Client.Name, MemberAccess: a.UseForMemberAccess})
	}
	return out, nil
}

// OrgRoles lists an organization's own roles (GET /roles?type=organization
// &owner_id=…, Early Access); a tenant without them answers Unsupported
// (see org_roles.go).
func (c *auth0Client) OrgRoles(ctx context.Context, orgID string) ([]Role, error) {
	if err := c.probeOrgRoles(ctx, orgID); err != nil {
		return nil, err
	}
	var out []Role
	for page := 0; ; page++ {
		l, err := c.m.Role.List(ctx, management.Page(page), management.PerPage(pageSize),
			management.Parameter("type", "organization"), management.Parameter("owner_id", orgID))
		if err != nil {
			return out, c.classify("list organization roles", err)
		}
		for _, r := range l.Roles {
			if r.GetOwnerID() == orgID { // a tenant that ignores the filter lists its tenant roles
				out = append(out, Role{ID: r.GetID(), Name: r.GetName(), Description: r.GetDescription()})
			}
		}
		if !l.HasNext() || len(l.Roles) == 0 {
			return out, nil
		}
	}
}

type roleJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// OrgGroups reads one page of an organization's groups, the page after
// from ("" for the first), without their roles: one call
// (GET /organizations/{id}/groups, checkpoint paged; Early Access).
// GroupRoles reads a group's roles.
func (c *auth0Client) OrgGroups(ctx context.Context, orgID, from string) (Page[Group], error) {
	if c.noSurface.groups.known() {
		return Page[Group]{}, errNoGroups
	}
	type groupJSON struct {
		ID           string `json:"id"`
		Name         string `json:"name"`
		ConnectionID string `json:"connection_id"`
	}
	q := url.Values{"take": {strconv.Itoa(pageSize)}}
	if from != "" {
		q.Set("from", from)
	}
	var l checkpointList[groupJSON]
	err := c.m.Request(ctx, "GET", c.m.URI("organizations", orgID, "groups")+"?"+q.Encode(), &l)
	if routeMissing(err) {
		c.noSurface.groups.set(true)
		return Page[Group]{}, errNoGroups
	}
	if err != nil {
		return Page[Group]{}, c.classify("list organization groups", err)
	}
	c.noSurface.groups.set(false)
	c.noSurface.hasGroups.Store(true)
	p := Page[Group]{Items: make([]Group, 0, len(l.Groups))}
	for _, g := range l.Groups {
		p.Items = append(p.Items, Group(g))
	}
	if l.Next != nil && len(l.Groups) > 0 {
		p.Next = *l.Next
	}
	return p, nil
}

// GroupRoles lists the roles a group gives its members in an organization
// (GET /organizations/{id}/groups/{group_id}/roles, checkpoint paged:
// one call for up to a hundred roles).
func (c *auth0Client) GroupRoles(ctx context.Context, orgID, groupID string) ([]Role, error) {
	if c.noSurface.groups.known() {
		return nil, errNoGroups
	}
	list, err := getAll(ctx, c, []string{"organizations", orgID, "groups", groupID, "roles"}, nil,
		func(l checkpointList[roleJSON]) []roleJSON { return l.Roles })
	if err != nil {
		return nil, c.classify("list group roles", err)
	}
	out := make([]Role, 0, len(list))
	for _, r := range list {
		out = append(out, Role{ID: r.ID, Name: r.Name})
	}
	return out, nil
}

// EffectiveRoles lists the roles a member holds in an organization,
// directly or through its groups
// (GET /organizations/{id}/members/{user_id}/effective-roles), with the
// groups that give each (…/effective-roles/sources/groups, a call per
// role given by a group). A tenant without groups answers Unsupported:
// its members' roles are their direct ones.
func (c *auth0Client) EffectiveRoles(ctx context.Context, orgID, userID string) ([]EffectiveRole, error) {
	if err := c.probeGroups(ctx, orgID); err != nil {
		return nil, err
	}
	type effectiveJSON struct {
		roleJSON
		Sources []string `json:"sources"`
	}
	list, err := getAll(ctx, c, []string{"organizations", orgID, "members", userID, "effective-roles"}, nil,
		func(l checkpointList[effectiveJSON]) []effectiveJSON { return l.Roles })
	if err != nil {
		return nil, c.classify("list effective roles", err)
	}
	out := make([]EffectiveRole, 0, len(list))
	for _, r := range list {
		e := EffectiveRole{Role: Role{ID: r.ID, Name: r.Name}}
		for _, s := range r.Sources {
			e.Direct = e.Direct || s == "direct"
			e.ThroughGroups = e.ThroughGroups || s == "groups"
		}
		if e.ThroughGroups {
			gs, err := getAll(ctx, c, []string{"organizations", orgID, "members", userID, "effective-roles", "sources", "groups"},
				url.Values{"role_id": {r.ID}}, func(l checkpointList[roleJSON]) []roleJSON { return l.Groups })
			if err != nil {
				return out, c.classify("list a role's groups", err)
			}
			for _, g := range gs {
				e.Groups = append(e.Groups, g.Name)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// probeGroups learns, in one call the first time, whether the tenant has
// groups in organizations (GET /organizations/{id}/groups?take=1).
func (c *auth0Client) probeGroups(ctx context.Context, orgID string) error {
	if c.noSurface.groups.known() {
		return errNoGroups
	}
	if c.noSurface.hasGroups.Load() {
		return nil
	}
	var l checkpointList[roleJSON]
	err := c.m.Request(ctx, "GET", c.m.URI("organizations", orgID, "groups")+"?take=1", &l)
	switch {
	case routeMissing(err):
		c.noSurface.groups.set(true)
		return errNoGroups
	case err != nil:
		return c.classify("list organization groups", err)
	}
	c.noSurface.hasGroups.Store(true)
	return nil
}
