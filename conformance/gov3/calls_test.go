package gov3

import (
	"fmt"

	"github.com/auth0/go-auth0/v3/management"
)

func errf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// organizations: create, read, by name, update (the newer settings, a null
// metadata value), list.
func (s *suite) organizations() string {
	m, ctx := s.m, s.ctx
	var org string
	s.check("POST /organizations", 201, func() error {
		o, err := m.Organizations.Create(ctx, &management.CreateOrganizationRequestContent{Name: "conformance",
			DisplayName: ptr("Conformance Inc"), Metadata: &management.OrganizationMetadata{"tier": ptr("gold"), "region": ptr("eu")},
			Branding:               &management.OrganizationBranding{Colors: &management.OrganizationBrandingColors{Primary: "#0059d6", PageBackground: "#000000"}},
			TokenQuota:             &management.CreateTokenQuota{ClientCredentials: &management.TokenQuotaClientCredentials{Enforce: ptr(true), PerDay: ptr(500)}},
			IsAppEntitlementActive: ptr(true)})
		if err != nil {
			return err
		}
		org = o.GetID()
		return shape(o, nil, "ID", "Name", "TokenQuota", "ThirdPartyClientAccess", "IsAppEntitlementActive")
	})
	s.check("GET /organizations/{id}", 200, func() error {
		o, err := m.Organizations.Get(ctx, org)
		if err != nil {
			return err
		}
		return shape(o, nil, "ID", "Name", "DisplayName", "Branding", "Metadata")
	})
	s.check("GET /organizations/name/{name}", 200, func() error {
		o, err := m.Organizations.GetByName(ctx, "conformance")
		if err != nil {
			return err
		}
		return shape(o, nil, "ID", "Name")
	})
	s.check("PATCH /organizations/{id}", 200, func() error {
		o, err := m.Organizations.Update(ctx, org, &management.UpdateOrganizationRequestContent{
			Metadata:               &management.OrganizationMetadata{"tier": ptr("platinum"), "region": nil},
			ThirdPartyClientAccess: management.OrganizationThirdPartyClientAccessEnumAllow.Ptr()})
		if err != nil {
			return err
		}
		if md := *o.Metadata; md["tier"] == nil || *md["tier"] != "platinum" || md["region"] != nil {
			return errf("metadata after a null value: %v", md)
		}
		return shape(o, nil, "ID", "ThirdPartyClientAccess")
	})
	s.check("GET /organizations", 200, func() error {
		p, err := m.Organizations.List(ctx, &management.ListOrganizationsRequestParameters{Take: ptr(2), Sort: ptr("name:1")})
		if err != nil {
			return err
		}
		if len(p.Results) != 2 || p.Response.Next == nil || p.Results[0].GetName() != "acme" {
			return errf("sorted first page of 2: %d items, next %v", len(p.Results), p.Response.Next)
		}
		return shapes(p.Results, 2, "ID", "Name")
	})
	s.refused("GET /organizations/{id} (missing)", 404, func() error {
		_, err := m.Organizations.Get(ctx, "org_missing000000000")
		return err
	})
	return org
}

// connections: the older enabled_connections family and the newer
// connections family, where null clears the access level.
func (s *suite) connections(org string) {
	m, ctx := s.m, s.ctx
	s.check("POST /organizations/{id}/enabled_connections", 201, func() error {
		c, err := m.Organizations.EnabledConnections.Add(ctx, org, &management.AddOrganizationConnectionRequestContent{
			ConnectionID: s.ids.conn, AssignMembershipOnLogin: ptr(true)})
		if err != nil {
			return err
		}
		return shape(c, nil, "ConnectionID", "Connection")
	})
	s.check("GET /organizations/{id}/enabled_connections", 200, func() error {
		p, err := m.Organizations.EnabledConnections.List(ctx, org, &management.ListOrganizationConnectionsRequestParameters{IncludeTotals: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ConnectionID")
	})
	s.check("GET /organizations/{id}/enabled_connections/{cid}", 200, func() error {
		c, err := m.Organizations.EnabledConnections.Get(ctx, org, s.ids.conn)
		if err != nil {
			return err
		}
		return shape(c, nil, "ConnectionID")
	})
	s.check("PATCH /organizations/{id}/enabled_connections/{cid}", 200, func() error {
		c, err := m.Organizations.EnabledConnections.Update(ctx, org, s.ids.conn, &management.UpdateOrganizationConnectionRequestContent{ShowAsButton: ptr(false)})
		if err != nil {
			return err
		}
		return shape(c, nil, "ConnectionID")
	})
	s.check("DELETE /organizations/{id}/enabled_connections/{cid}", 204, func() error {
		return m.Organizations.EnabledConnections.Delete(ctx, org, s.ids.conn)
	})
	s.check("POST /organizations/{id}/connections", 201, func() error {
		c, err := m.Organizations.Connections.Create(ctx, org, &management.CreateOrganizationAllConnectionRequestParameters{
			ConnectionID: s.ids.conn, OrganizationConnectionName: ptr("staff"),
			OrganizationAccessLevel: management.OrganizationAccessLevelEnumFull.Ptr(), IsEnabled: ptr(true)})
		if err != nil {
			return err
		}
		return shape(c, nil, "ConnectionID", "OrganizationConnectionName")
	})
	s.check("GET /organizations/{id}/connections", 200, func() error {
		p, err := m.Organizations.Connections.List(ctx, org, &management.ListOrganizationAllConnectionsRequestParameters{IncludeTotals: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ConnectionID")
	})
	s.check("GET /organizations/{id}/connections/{cid}", 200, func() error {
		c, err := m.Organizations.Connections.Get(ctx, org, s.ids.conn)
		if err != nil {
			return err
		}
		return shape(c, nil, "ConnectionID", "IsEnabled")
	})
	s.check("PATCH /organizations/{id}/connections/{cid}", 200, func() error {
		c, err := m.Organizations.Connections.Update(ctx, org, s.ids.conn, &management.UpdateOrganizationConnectionRequestParameters{IsEnabled: ptr(false)})
		if err != nil {
			return err
		}
		if c.GetIsEnabled() {
			return errf("still enabled")
		}
		return shape(c, nil, "ConnectionID")
	})
	s.check("DELETE /organizations/{id}/connections/{cid}", 204, func() error {
		return m.Organizations.Connections.Delete(ctx, org, s.ids.conn)
	})
}

// members: add, list (checkpoint, with roles), their roles, effective
// roles, the user's organizations, remove.
func (s *suite) members(org string) {
	m, ctx := s.m, s.ctx
	s.check("POST /organizations/{id}/members", 204, func() error {
		return m.Organizations.Members.Create(ctx, org, &management.CreateOrganizationMemberRequestContent{Members: []string{s.ids.user, s.ids.user2}})
	})
	s.check("GET /organizations/{id}/members", 200, func() error {
		p, err := m.Organizations.Members.List(ctx, org, &management.ListOrganizationMembersRequestParameters{Take: ptr(50),
			Fields: ptr("user_id,email,name,roles"), IncludeFields: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 2, "UserID", "Email")
	})
	s.check("POST /organizations/{id}/members/{uid}/roles", 204, func() error {
		return m.Organizations.Members.Roles.Assign(ctx, org, s.ids.user, &management.AssignOrganizationMemberRolesRequestContent{Roles: []string{s.ids.role}})
	})
	s.check("GET /organizations/{id}/members/{uid}/roles", 200, func() error {
		p, err := m.Organizations.Members.Roles.List(ctx, org, s.ids.user, &management.ListOrganizationMemberRolesRequestParameters{IncludeTotals: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ID", "Name")
	})
	s.check("GET /organizations/{id}/members/{uid}/effective-roles", 200, func() error {
		p, err := m.Organizations.Members.EffectiveRoles.List(ctx, org, s.ids.user, &management.ListOrganizationMemberEffectiveRolesRequestParameters{})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || len(p.Results[0].Sources) != 1 || p.Results[0].Sources[0] != management.OrganizationMemberEffectiveRoleSourceDirect {
			return errf("effective roles: %+v", p.Results)
		}
		return shapes(p.Results, 1, "ID", "Name", "Sources")
	})
	s.check("GET /users/{id}/organizations", 200, func() error {
		p, err := m.Users.Organizations.List(ctx, s.ids.user, &management.ListUserOrganizationsRequestParameters{IncludeTotals: ptr(true)})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ID", "Name")
	})
	s.check("DELETE /organizations/{id}/members/{uid}/roles", 204, func() error {
		return m.Organizations.Members.Roles.Delete(ctx, org, s.ids.user, &management.DeleteOrganizationMemberRolesRequestContent{Roles: []string{s.ids.role}})
	})
	s.check("DELETE /organizations/{id}/members", 204, func() error {
		return m.Organizations.Members.Delete(ctx, org, &management.DeleteOrganizationMembersRequestContent{Members: []string{s.ids.user2}})
	})
}

// invitationsAndDomains: invitations newest first with fields, discovery domains.
func (s *suite) invitationsAndDomains(org string) {
	m, ctx := s.m, s.ctx
	var inv, dom string
	for _, who := range []string{"first@conformance.example", "second@conformance.example"} {
		s.check("POST /organizations/{id}/invitations", 201, func() error {
			i, err := m.Organizations.Invitations.Create(ctx, org, &management.CreateOrganizationInvitationRequestContent{
				Inviter: &management.OrganizationInvitationInviter{Name: "Ops"}, Invitee: &management.OrganizationInvitationInvitee{Email: who},
				ClientID: s.ids.app, Roles: []string{s.ids.role}})
			if err != nil {
				return err
			}
			inv = i.GetID()
			return shape(i, nil, "ID", "InvitationURL")
		})
	}
	s.check("GET /organizations/{id}/invitations", 200, func() error {
		p, err := m.Organizations.Invitations.List(ctx, org, &management.ListOrganizationInvitationsRequestParameters{
			IncludeTotals: ptr(true), Fields: ptr("id,invitee"), IncludeFields: ptr(true)})
		if err != nil {
			return err
		}
		if len(p.Results) != 2 || p.Results[0].GetID() != inv || p.Results[0].ClientID != nil {
			return errf("invitations, newest first, id and invitee only: %+v", p.Results)
		}
		return shapes(p.Results, 2, "ID")
	})
	s.check("GET /organizations/{id}/invitations/{iid}", 200, func() error {
		i, err := m.Organizations.Invitations.Get(ctx, org, inv, &management.GetOrganizationInvitationRequestParameters{})
		if err != nil {
			return err
		}
		return shape(i, nil, "ID", "Invitee")
	})
	s.check("DELETE /organizations/{id}/invitations/{iid}", 204, func() error {
		return m.Organizations.Invitations.Delete(ctx, org, inv)
	})
	s.check("POST /organizations/{id}/discovery-domains", 201, func() error {
		d, err := m.Organizations.DiscoveryDomains.Create(ctx, org, &management.CreateOrganizationDiscoveryDomainRequestContent{Domain: "conformance.example"})
		if err != nil {
			return err
		}
		dom = d.GetID()
		return shape(d, nil, "ID", "Domain", "VerificationTxt")
	})
	s.check("GET /organizations/{id}/discovery-domains", 200, func() error {
		p, err := m.Organizations.DiscoveryDomains.List(ctx, org, &management.ListOrganizationDiscoveryDomainsRequestParameters{})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ID", "Domain")
	})
	s.check("GET /organizations/{id}/discovery-domains/{did}", 200, func() error {
		d, err := m.Organizations.DiscoveryDomains.Get(ctx, org, dom)
		if err != nil {
			return err
		}
		return shape(d, nil, "ID")
	})
	s.check("GET /organizations/{id}/discovery-domains/name/{domain}", 200, func() error {
		d, err := m.Organizations.DiscoveryDomains.GetByName(ctx, org, "conformance.example")
		if err != nil {
			return err
		}
		return shape(d, nil, "ID")
	})
	s.check("PATCH /organizations/{id}/discovery-domains/{did}", 200, func() error {
		d, err := m.Organizations.DiscoveryDomains.Update(ctx, org, dom, &management.UpdateOrganizationDiscoveryDomainRequestContent{
			Status: management.OrganizationDiscoveryDomainStatusVerified.Ptr()})
		if err != nil {
			return err
		}
		return shape(d, nil, "ID", "Status")
	})
	s.check("DELETE /organizations/{id}/discovery-domains/{did}", 204, func() error {
		return m.Organizations.DiscoveryDomains.Delete(ctx, org, dom)
	})
}
