package client

import (
	"context"
	"slices"

	"github.com/auth0/go-auth0/management"
)

// Roles are the tenant's roles, every page of them.
func (c *auth0Client) Roles(ctx context.Context) ([]Role, error) {
	var out []Role
	for page := 0; ; page++ {
		l, err := c.m.Role.List(ctx, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("list roles", err)
		}
		for _, r := range l.Roles {
			out = append(out, Role{ID: r.GetID(), Name: r.GetName()})
		}
		if !l.HasNext() || len(l.Roles) == 0 {
			return out, nil
		}
	}
}

func (c *auth0Client) RemoveRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	const op = "remove roles"
	err := c.classify(op, c.m.Organization.DeleteMemberRoles(ctx, orgID, userID, roleIDs))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		held, err := c.heldRoles(ctx, orgID, userID, roleIDs)
		return err == nil && held == 0, err
	})
}

func (c *auth0Client) AssignRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	const op = "assign roles"
	err := c.classify(op, c.m.Organization.AssignMemberRoles(ctx, orgID, userID, roleIDs))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		held, err := c.heldRoles(ctx, orgID, userID, roleIDs)
		return err == nil && held == len(slices.Compact(slices.Sorted(slices.Values(roleIDs)))), err
	})
}

// heldRoles reads a member's roles back and counts how many of roleIDs
// they hold (Auth0 applies an assignment or removal whole).
func (c *auth0Client) heldRoles(ctx context.Context, orgID, userID string, roleIDs []string) (int, error) {
	roles, err := c.MemberRoles(ctx, orgID, userID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range slices.Compact(slices.Sorted(slices.Values(roleIDs))) {
		if slices.ContainsFunc(roles, func(r Role) bool { return r.ID == id }) {
			n++
		}
	}
	return n, nil
}

func (c *auth0Client) RevokeInvitation(ctx context.Context, orgID, id string) error {
	err := c.classify("revoke invitation", c.m.Organization.DeleteInvitation(ctx, orgID, id))
	if KindOf(err) == NotFound {
		return nil // gone already: what was asked holds
	}
	return c.settle(ctx, "revoke invitation", err, func(ctx context.Context) (bool, error) {
		_, err := c.m.Organization.Invitation(ctx, orgID, id)
		if e := c.classify("read invitation", err); KindOf(e) == NotFound {
			return true, nil
		}
		return false, c.classify("read invitation", err)
	})
}

func (c *auth0Client) MemberRoles(ctx context.Context, orgID, userID string) ([]Role, error) {
	var out []Role
	for page := 0; ; page++ {
		l, err := c.m.Organization.MemberRoles(ctx, orgID, userID, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("read member roles", err)
		}
		for _, r := range l.Roles {
			out = append(out, Role{ID: r.GetID(), Name: r.GetName()})
		}
		if !l.HasNext() || len(l.Roles) == 0 {
			return out, nil
		}
	}
}
