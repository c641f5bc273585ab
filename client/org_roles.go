package client

import (
	"context"
	"strings"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

// An organization's own roles (Early Access: organization-level roles, a
// role with type "organization" and the organization as owner_id): who
// holds each, making one and deleting one. A tenant without them has no
// /organizations/{id}/roles/… routes (a route-level 404); that is
// ErrUnsupported here, learnt in one call and remembered, as discovery
// domains are. That those routes are missing where the feature is, is a
// guess: Auth0's pages say only that the feature is Early Access.

var errNoOrgRoles = &Error{Kind: Unsupported, Op: "list organization roles", Message: "this tenant has no organization-level roles"}

// probeOrgRoles learns, in one call the first time, whether the tenant has
// organization-level roles: a role that does not exist answers "not
// found" where the route is, and the route's own 404 where it is not.
func (c *auth0Client) probeOrgRoles(ctx context.Context, orgID string) error {
	if c.noSurface.roles.known() {
		return errNoOrgRoles
	}
	if c.noSurface.hasRoles.Load() {
		return nil
	}
	var l checkpointList[roleJSON]
	err := c.m.Request(ctx, "GET", c.m.URI("organizations", orgID, "roles", "rol_orgdashprobe", "members")+"?take=1", &l)
	switch {
	case routeMissing(err):
		c.noSurface.roles.set(true)
		return errNoOrgRoles
	case err != nil && KindOf(c.classify("probe", err)) != NotFound:
		return c.classify("list organization roles", err)
	}
	c.noSurface.hasRoles.Store(true)
	return nil
}

// OrgRoleMembers lists the members holding an organization's role
// (GET /organizations/{id}/roles/{role_id}/members, checkpoint paged).
func (c *auth0Client) OrgRoleMembers(ctx context.Context, orgID, roleID string) ([]Member, error) {
	type memberJSON struct {
		UserID string `json:"user_id"`
		Name   string `json:"name"`
		Email  string `json:"email"`
	}
	list, err := getAll(ctx, c, []string{"organizations", orgID, "roles", roleID, "members"}, nil,
		func(l checkpointList[memberJSON]) []memberJSON { return l.Members })
	if routeMissing(err) {
		c.noSurface.roles.set(true)
		return nil, errNoOrgRoles
	}
	if err != nil {
		return nil, c.classify("list role members", err)
	}
	out := make([]Member, 0, len(list))
	for _, m := range list {
		out = append(out, Member{UserID: m.UserID, Name: m.Name, Email: m.Email})
	}
	return out, nil
}

// findOrgRole reads orgID's own role by name: the read-back of a create.
func (c *auth0Client) findOrgRole(ctx context.Context, orgID, name string) (Role, bool, error) {
	roles, err := c.OrgRoles(ctx, orgID)
	if err != nil {
		return Role{}, false, err
	}
	for _, r := range roles {
		if r.Name == name {
			return r, true, nil
		}
	}
	return Role{}, false, nil
}

// CreateOrgRole makes a role of orgID's own (POST /roles with type
// organization and owner_id); a lost answer is read back by the name.
func (c *auth0Client) CreateOrgRole(ctx context.Context, orgID, name, description string) (Role, error) {
	const op = "create organization role"
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 50 {
		return Role{}, &Error{Kind: Invalid, Op: op, Message: "a role's name is 1 to 50 characters"}
	}
	if err := c.probeOrgRoles(ctx, orgID); err != nil {
		return Role{}, err
	}
	r := &management.Role{Name: &name, Description: &description,
		Type: auth0.String("organization"), OwnerID: &orgID}
	if description == "" {
		r.Description = nil
	}
	err := c.classify(op, c.m.Role.Create(ctx, r))
	made := Role{ID: r.GetID(), Name: name, Description: description}
	err = c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		got, ok, err := c.findOrgRole(ctx, orgID, name)
		made = got
		return ok, err
	})
	if err != nil {
		return Role{}, err
	}
	return made, nil
}

// DeleteOrgRole deletes one of orgID's own roles: its members lose it.
// A role that is not orgID's own (a tenant role) is refused before any
// change; one already gone is deleted as asked.
func (c *auth0Client) DeleteOrgRole(ctx context.Context, orgID, roleID string) error {
	const op = "delete organization role"
	if roleID == "" {
		return &Error{Kind: Invalid, Op: op, Message: "no role given"}
	}
	r, err := c.m.Role.Read(ctx, roleID)
	if e := c.classify("read role", err); KindOf(e) == NotFound {
		return nil
	} else if e != nil {
		return e
	}
	if r.GetOwnerID() != orgID {
		return &Error{Kind: Invalid, Op: op, Message: "the role " + r.GetName() + " is not this organization's own: it is not deleted from here"}
	}
	err = c.classify(op, c.m.Role.Delete(ctx, roleID))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		_, err := c.m.Role.Read(ctx, roleID)
		if e := c.classify("read role", err); KindOf(e) == NotFound {
			return true, nil
		} else if e != nil {
			return false, e
		}
		return false, nil
	})
}
