package gov3

import (
	"testing"

	"github.com/auth0/go-auth0/v3/management"
	"github.com/orgdash/orgdash/sim"
)

// TestEveryOrganizationCall makes every organization call go-auth0/v3
// offers, in an order a tool would, and the tenant calls they need; each
// answer must have Auth0's status and decode into the SDK's type with no
// key the type lacks. The figure (calls made, answered as Auth0 would)
// is logged, and `.ci/run` prints it.
func TestEveryOrganizationCall(t *testing.T) {
	s := newSuite(t, sim.Options{Orgs: 3, Members: 120})
	s.tenantSetUp()
	org := s.organizations()
	s.connections(org)
	s.members(org)
	s.invitationsAndDomains(org)
	s.clientGrants(org)
	s.applications(org)
	s.rolesAndGroups()
	s.templates(org)
	s.deleteOrganization(org)
	t.Logf("go-auth0/v3 v3.4.0: %d calls made, %d answered as Auth0 would", s.made, s.as)
	if s.made != s.as {
		t.Errorf("%d of %d calls not as Auth0 would answer", s.made-s.as, s.made)
	}
}

// ids the calls share.
type ids struct {
	app, user, user2, conn, role, grant, api string
}

func (s *suite) tenantSetUp() {
	m, ctx := s.m, s.ctx
	s.check("POST /clients", 201, func() error {
		c, err := m.Clients.Create(ctx, &management.CreateClientRequestContent{Name: "Billing worker",
			AppType: management.ClientAppTypeEnumNonInteractive.Ptr(), OrganizationUsage: management.ClientOrganizationUsageEnumAllow.Ptr()})
		if err == nil {
			s.ids.app = c.GetClientID()
		}
		return err
	})
	s.check("POST /resource-servers", 201, func() error {
		rs, err := m.ResourceServers.Create(ctx, &management.CreateResourceServerRequestContent{Name: ptr("Billing"),
			Identifier: "https://billing.conformance.example/", Scopes: []*management.ResourceServerScope{{Value: "read:invoices"}}})
		if err == nil {
			s.ids.api = rs.GetID()
			return shape(rs, nil, "ID", "Identifier")
		}
		return err
	})
	s.check("GET /resource-servers", 200, func() error {
		p, err := m.ResourceServers.List(ctx, &management.ListResourceServerRequestParameters{IncludeTotals: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "Identifier")
	})
	s.check("GET /resource-servers/{id}", 200, func() error {
		rs, err := m.ResourceServers.Get(ctx, s.ids.api, &management.GetResourceServerRequestParameters{})
		if err != nil {
			return err
		}
		return shape(rs, nil, "Identifier", "Scopes")
	})
	s.check("POST /client-grants", 201, func() error {
		g, err := m.ClientGrants.Create(ctx, &management.CreateClientGrantRequestContent{ClientID: ptr(s.ids.app),
			Audience: "https://billing.conformance.example/", Scope: []string{"read:invoices"},
			OrganizationUsage: management.ClientGrantOrganizationUsageEnumAllow.Ptr(), AllowAnyOrganization: ptr(false)})
		if err == nil {
			s.ids.grant = g.GetID()
			return shape(g, nil, "ID", "ClientID", "Audience")
		}
		return err
	})
	s.check("GET /client-grants", 200, func() error {
		p, err := m.ClientGrants.List(ctx, &management.ListClientGrantsRequestParameters{ClientID: ptr(s.ids.app)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ID")
	})
	s.check("POST /users", 201, func() error {
		u, err := m.Users.Create(ctx, &management.CreateUserRequestContent{Connection: "Username-Password-Authentication",
			Email: ptr("ana@conformance.example"), Password: ptr("Str0ng!pass"), Username: ptr("ana"),
			UserMetadata: &management.UserMetadata{"lang": "pt"}})
		if err == nil {
			s.ids.user = u.GetUserID()
			if u.GetUsername() != "ana" || (*u.UserMetadata)["lang"] != "pt" {
				return errf("the user lost username or user_metadata: %+v", u)
			}
		}
		return err
	})
	s.check("POST /users (2)", 201, func() error {
		u, err := m.Users.Create(ctx, &management.CreateUserRequestContent{Connection: "Username-Password-Authentication",
			Email: ptr("bo@conformance.example"), Password: ptr("Str0ng!pass")})
		if err == nil {
			s.ids.user2 = u.GetUserID()
		}
		return err
	})
	s.check("POST /roles", 200, func() error {
		r, err := m.Roles.Create(ctx, &management.CreateRoleRequestContent{Name: "Conformance support", Description: ptr("Answers tickets")})
		if err == nil {
			s.ids.role = r.GetID()
			return shape(r, nil, "ID", "Name")
		}
		return err
	})
	s.check("POST /connections", 201, func() error {
		c, err := m.Connections.Create(ctx, &management.CreateConnectionRequestContent{Name: "conformance-db", Strategy: management.ConnectionIdentityProviderEnumAuth0})
		if err == nil {
			s.ids.conn = c.GetID()
		}
		return err
	})
}
