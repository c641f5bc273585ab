package client

import (
	"context"

	"github.com/auth0/go-auth0/management"
)

// The Machine-to-Machine Access page of an organization: the tenant's
// client grants to pick from, the APIs they are for (by name), and
// associating a grant with an organization or removing it. Auth0: "Add
// client grants to an organization" (POST, DELETE
// /organizations/{id}/client-grants); a grant may be associated only
// where its organization_usage is allow or require.

// ResourceServer is one of the tenant's APIs: what a grant's audience
// names.
type ResourceServer struct {
	ID, Name, Identifier string
}

// ClientGrants lists the tenant's client grants (GET /client-grants,
// offset paged).
func (c *auth0Client) ClientGrants(ctx context.Context) ([]ClientGrant, error) {
	var out []ClientGrant
	for page := 0; ; page++ {
		l, err := c.m.ClientGrant.List(ctx, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("list client grants", err)
		}
		for _, g := range l.ClientGrants {
			out = append(out, fromSDKGrant(g))
		}
		if !l.HasNext() || len(l.ClientGrants) == 0 {
			return out, nil
		}
	}
}

func fromSDKGrant(g *management.ClientGrant) ClientGrant {
	return ClientGrant{ID: g.GetID(), ClientID: g.GetClientID(), Audience: g.GetAudience(), Scopes: g.GetScope(),
		OrganizationUsage: g.GetOrganizationUsage()}
}

// ResourceServers lists the tenant's APIs (GET /resource-servers, offset
// paged).
func (c *auth0Client) ResourceServers(ctx context.Context) ([]ResourceServer, error) {
	var out []ResourceServer
	for page := 0; ; page++ {
		l, err := c.m.ResourceServer.List(ctx, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("list APIs", err)
		}
		for _, r := range l.ResourceServers {
			out = append(out, ResourceServer{ID: r.GetID(), Name: r.GetName(), Identifier: r.GetIdentifier()})
		}
		if !l.HasNext() || len(l.ResourceServers) == 0 {
			return out, nil
		}
	}
}

// orgHasGrant reads back whether grantID is associated with orgID (one
// call: the list filtered by grant_ids).
func (c *auth0Client) orgHasGrant(ctx context.Context, orgID, grantID string) (bool, error) {
	l, err := c.m.Organization.ClientGrants(ctx, orgID, management.Parameter("grant_ids", grantID))
	if err != nil {
		return false, c.classify("read organization client grants", err)
	}
	for _, g := range l.ClientGrants {
		if g.GetID() == grantID {
			return true, nil
		}
	}
	return false, nil
}

// AssociateClientGrant associates a grant with an organization; a grant
// already associated stays so. A lost answer is read back.
func (c *auth0Client) AssociateClientGrant(ctx context.Context, orgID, grantID string) error {
	const op = "associate client grant"
	if grantID == "" {
		return &Error{Kind: Invalid, Op: op, Message: "no grant given"}
	}
	err := c.classify(op, c.m.Organization.AssociateClientGrant(ctx, orgID, grantID))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) { return c.orgHasGrant(ctx, orgID, grantID) })
}

// RemoveOrgClientGrant removes a grant from an organization (the grant
// itself stays the tenant's). A lost answer is read back.
func (c *auth0Client) RemoveOrgClientGrant(ctx context.Context, orgID, grantID string) error {
	const op = "remove client grant"
	if grantID == "" {
		return &Error{Kind: Invalid, Op: op, Message: "no grant given"} // else the collection's URL
	}
	err := c.classify(op, c.m.Organization.RemoveClientGrant(ctx, orgID, grantID))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		in, err := c.orgHasGrant(ctx, orgID, grantID)
		return !in, err
	})
}
