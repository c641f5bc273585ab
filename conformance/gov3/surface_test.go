package gov3

import (
	"github.com/auth0/go-auth0/v3/management"
)

// clientGrants: associate the tenant's grant, list both ways, remove.
func (s *suite) clientGrants(org string) {
	m, ctx := s.m, s.ctx
	s.check("POST /organizations/{id}/client-grants", 201, func() error {
		g, err := m.Organizations.ClientGrants.Create(ctx, org, &management.AssociateOrganizationClientGrantRequestContent{GrantID: s.ids.grant})
		if err != nil {
			return err
		}
		// Auth0 answers the grant under grant_id (go-auth0's cassette
		// TestOrganizationManager_ClientGrantsWithOrg), a key v3's type lacks
		return shape(g, []string{"grant_id"}, "ClientID", "Audience", "Scope")
	})
	s.check("GET /organizations/{id}/client-grants", 200, func() error {
		p, err := m.Organizations.ClientGrants.List(ctx, org, &management.ListOrganizationClientGrantsRequestParameters{
			IncludeTotals: ptr(true), GrantIDs: []*string{ptr(s.ids.grant)}})
		if err != nil {
			return err
		}
		// the cassette TestOrganizationManager_ClientGrantsWithOrg lists each
		// grant with subject_type, a key v3's type lacks
		return shapesAllowing(p.Results, 1, []string{"subject_type"}, "ID", "ClientID", "Audience")
	})
	s.check("GET /client-grants/{id}/organizations", 200, func() error {
		p, err := m.ClientGrants.Organizations.List(ctx, s.ids.grant, &management.ListClientGrantOrganizationsRequestParameters{})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || p.Results[0].GetID() != org {
			return errf("the grant's organizations: %+v", p.Results)
		}
		return shapes(p.Results, 1, "ID")
	})
	s.check("DELETE /organizations/{id}/client-grants/{gid}", 204, func() error {
		return m.Organizations.ClientGrants.Delete(ctx, org, s.ids.grant)
	})
}

// applications (Early Access): associate, list, read, change, remove.
func (s *suite) applications(org string) {
	m, ctx := s.m, s.ctx
	s.check("POST /organizations/{id}/clients", 201, func() error {
		list, err := m.Organizations.Clients.Create(ctx, org, &management.CreateOrganizationClientsRequestContent{
			Clients: []*management.CreateOrganizationClientRequestItem{{ClientID: s.ids.app, UseForMemberAccess: true}}})
		if err != nil {
			return err
		}
		return shapes(list, 1, "ClientID", "Client")
	})
	s.check("GET /organizations/{id}/clients", 200, func() error {
		p, err := m.Organizations.Clients.List(ctx, org, &management.ListOrganizationClientsRequestParameters{})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ClientID", "Client")
	})
	s.check("GET /organizations/{id}/clients/{cid}", 200, func() error {
		c, err := m.Organizations.Clients.Get(ctx, org, s.ids.app)
		if err != nil {
			return err
		}
		return shape(c, nil, "ClientID", "UseForMemberAccess", "Client")
	})
	s.check("PATCH /organizations/{id}/clients/{cid}", 200, func() error {
		c, err := m.Organizations.Clients.Update(ctx, org, s.ids.app, &management.UpdateOrganizationClientRequestContent{UseForMemberAccess: ptr(false)})
		if err != nil {
			return err
		}
		if c.UseForMemberAccess {
			return errf("use_for_member_access still true")
		}
		return shape(c, nil, "ClientID")
	})
	s.check("GET /organizations?include_client_association_for=", 200, func() error {
		p, err := m.Organizations.List(ctx, &management.ListOrganizationsRequestParameters{IncludeClientAssociationFor: ptr(s.ids.app)})
		if err != nil {
			return err
		}
		for _, o := range p.Results {
			if o.GetID() == org && (o.Client == nil || o.Client.GetUseForMemberAccess()) {
				return errf("the organization's association with the application: %+v", o.Client)
			}
			if o.GetID() != org && o.Client != nil {
				return errf("%s is not associated with the application, listed with %+v", o.GetName(), o.Client)
			}
		}
		return shapes(p.Results, 2, "ID")
	})
	s.check("DELETE /organizations/{id}/clients", 204, func() error {
		return m.Organizations.Clients.Delete(ctx, org, &management.DeleteOrganizationClientsRequestContent{Clients: []string{s.ids.app}})
	})
}

// rolesAndGroups: organization-level roles and acme's groups (the demo
// tenant maps them to roles), with effective roles through groups.
func (s *suite) rolesAndGroups() {
	m, ctx := s.m, s.ctx
	acme, err := m.Organizations.GetByName(ctx, "acme")
	if err != nil {
		s.t.Fatal(err)
	}
	org := acme.GetID()
	var orgRole, group, member string
	s.check("POST /roles (organization-level)", 200, func() error {
		r, err := m.Roles.Create(ctx, &management.CreateRoleRequestContent{Name: "Acme auditor",
			Type: management.RoleTypeEnumOrganization.Ptr(), OwnerID: ptr(org)})
		if err != nil {
			return err
		}
		orgRole = r.GetID()
		return shape(r, nil, "ID", "Type", "OwnerID")
	})
	s.check("GET /roles?type=organization&owner_id=…", 200, func() error {
		p, err := m.Roles.List(ctx, &management.ListRolesRequestParameters{IncludeTotals: ptr(true),
			Type: management.RoleTypeEnumOrganization.Ptr(), OwnerID: ptr(org), NameFilter: ptr("auditor")})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || p.Results[0].GetID() != orgRole {
			return errf("acme's roles named auditor: %+v", p.Results)
		}
		return shapes(p.Results, 1, "ID", "OwnerID")
	})
	s.check("GET /organizations/{id}/groups", 200, func() error {
		p, err := m.Organizations.Groups.List(ctx, org, &management.ListOrganizationGroupsRequestParameters{})
		if err != nil {
			return err
		}
		if len(p.Results) > 0 {
			group = p.Results[0].GetID()
		}
		return shapes(p.Results, 3, "ID", "Name", "CreatedAt")
	})
	s.check("POST /organizations/{id}/groups/{gid}/roles", 204, func() error {
		return m.Organizations.Groups.Roles.Create(ctx, org, group, &management.CreateOrganizationGroupRolesRequestContent{Roles: []string{orgRole}})
	})
	s.check("GET /organizations/{id}/groups/{gid}/roles", 200, func() error {
		p, err := m.Organizations.Groups.Roles.List(ctx, org, group, &management.ListOrganizationGroupRolesRequestParameters{})
		if err != nil {
			return err
		}
		return shapes(p.Results, 2, "ID", "Name")
	})
	s.check("GET /organizations/{id}/roles/{rid}/groups", 200, func() error {
		p, err := m.Organizations.Roles.Groups.List(ctx, org, orgRole, &management.ListOrganizationRoleGroupsRequestParameters{})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || p.Results[0].ID != group {
			return errf("the role's groups: %+v", p.Results)
		}
		return shapes(p.Results, 1, "ID", "Name", "OrganizationID")
	})
	s.check("GET /organizations/{id}/members (acme)", 200, func() error {
		p, err := m.Organizations.Members.List(ctx, org, &management.ListOrganizationMembersRequestParameters{Take: ptr(1)})
		if err != nil || len(p.Results) == 0 {
			return errf("acme's first member: %v", err)
		}
		member = p.Results[0].GetUserID() // the seed puts acme's first 25 members in its first group
		return shapes(p.Results, 1, "UserID")
	})
	s.check("GET /organizations/{id}/members/{uid}/effective-roles/sources/groups", 200, func() error {
		p, err := m.Organizations.Members.EffectiveRoles.Sources.Groups.List(ctx, org, member,
			&management.ListOrganizationMemberRoleSourceGroupsRequestParameters{RoleID: orgRole})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || p.Results[0].GetID() != group {
			return errf("groups giving the role: %+v", p.Results)
		}
		return shapes(p.Results, 1, "ID")
	})
	s.check("POST /organizations/{id}/members/{uid}/roles (organization-level)", 204, func() error {
		return m.Organizations.Members.Roles.Assign(ctx, org, member, &management.AssignOrganizationMemberRolesRequestContent{Roles: []string{orgRole}})
	})
	s.check("GET /organizations/{id}/roles/{rid}/members", 200, func() error {
		p, err := m.Organizations.Roles.Members.List(ctx, org, orgRole, &management.ListOrganizationRoleMembersRequestParameters{})
		if err != nil {
			return err
		}
		if len(p.Results) != 1 || p.Results[0].GetUserID() != member {
			return errf("the role's members: %+v", p.Results)
		}
		return shapes(p.Results, 1, "UserID")
	})
	s.check("DELETE /organizations/{id}/groups/{gid}/roles", 204, func() error {
		return m.Organizations.Groups.Roles.Delete(ctx, org, group, &management.DeleteOrganizationGroupRolesRequestContent{Roles: []string{orgRole}})
	})
	s.refused("GET /roles/{id} (missing)", 404, func() error {
		_, err := m.Roles.Get(ctx, "rol_missing0000000")
		return err
	})
}

// deleteOrganization ends the run as a tool's clean-up would.
func (s *suite) deleteOrganization(org string) {
	m, ctx := s.m, s.ctx
	s.check("DELETE /organizations/{id}", 204, func() error { return m.Organizations.Delete(ctx, org) })
	s.refused("GET /organizations/{id} (deleted)", 404, func() error {
		_, err := m.Organizations.Get(ctx, org)
		return err
	})
	s.check("DELETE /client-grants/{id}", 204, func() error { return m.ClientGrants.Delete(ctx, s.ids.grant) })
	s.check("DELETE /resource-servers/{id}", 204, func() error { return m.ResourceServers.Delete(ctx, s.ids.api) })
}

// templates (Early Access): create one, assign it, read it back, unassign.
func (s *suite) templates(org string) {
	m, ctx := s.m, s.ctx
	var tpl string
	s.check("POST /organization-templates", 201, func() error {
		tp, err := m.OrganizationTemplates.Create(ctx, &management.CreateOrganizationTemplateRequestContent{Name: "B2B customer",
			OrganizationDeletionBehavior: management.OrganizationDeletionBehaviorEnumAllowIfEmpty})
		if err != nil {
			return err
		}
		tpl = tp.GetID()
		return shape(tp, nil, "ID", "Name", "OrganizationDeletionBehavior")
	})
	s.refused("GET /organizations/{id}/organization-templates (none)", 404, func() error {
		_, err := m.Organizations.OrganizationTemplate.Get(ctx, org)
		return err
	})
	s.check("PUT /organizations/{id}/organization-templates/{tid}", 204, func() error {
		return m.Organizations.OrganizationTemplate.AssignOrganizationTemplate(ctx, org, tpl)
	})
	s.check("GET /organizations/{id}/organization-templates", 200, func() error {
		tp, err := m.Organizations.OrganizationTemplate.Get(ctx, org)
		if err != nil {
			return err
		}
		if tp.GetID() != tpl {
			return errf("assigned template %q, want %q", tp.GetID(), tpl)
		}
		return shape(tp, nil, "ID", "Name", "CreatedAt")
	})
	s.check("GET /organization-templates/{id}/organizations", 200, func() error {
		p, err := m.OrganizationTemplates.ListOrganizations(ctx, tpl, &management.ListTemplateOrganizationsRequestParameters{})
		if err != nil {
			return err
		}
		return shapes(p.Results, 1, "ID")
	})
	s.check("DELETE /organizations/{id}/organization-templates/{tid}", 204, func() error {
		return m.Organizations.OrganizationTemplate.UnassignOrganizationTemplate(ctx, org, tpl)
	})
}
