package sim

// The 2025–26 organization surface: the state and the routes of the
// organization endpoints the newest SDKs (go-auth0/v3, Node auth0 5.x)
// call besides the ones orgdash has long used — organization client grants
// and the tenant's client grants and APIs they point at, organization
// applications (Early Access), organization-level roles (Early Access),
// groups mapped to roles (Early Access) and a member's effective roles.
// Each Early Access feature can be switched off (Options), and a tenant
// without it answers its routes with a route-level 404, as Auth0 does.

// surface is the tenant-level state of these endpoints.
type surface struct {
	apis       map[string]*resourceServer // by id
	apiOrder   []*resourceServer
	grants     map[string]*clientGrant // by id
	grantOrder []*clientGrant
	groups     map[string]*group // by id
	groupOrder []*group
	templates  []*orgTemplate // organization templates, by creation
}

// orgSurface is one organization's part of it.
type orgSurface struct {
	grants     []*clientGrant     // associated client grants, by association
	apps       []*orgApp          // applications its members may use (EA), by association
	groups     []*group           // groups of the organization (EA), by creation
	groupRoles map[string][]*role // group id -> roles the group gives in this organization
}

// orgExt is what an organization has of the newer settings and surface,
// behind one pointer made on first use: most organizations of a large
// tenant never have any, and memory at Auth0's entity limits counts.
type orgExt struct {
	orgSettings            // on the wire beside the organization's fields (org_fields.go)
	surface     orgSurface // client grants, applications, groups
}

// surf is the organization's part of the surface, made on first use.
func (o *org) surf() *orgSurface {
	if o.orgExt == nil {
		o.orgExt = &orgExt{}
	}
	return &o.orgExt.surface
}

// settings are the organization's newer settings (zero when none).
func (o *org) settings() orgSettings {
	if o.orgExt == nil {
		return orgSettings{}
	}
	return o.orgExt.orgSettings
}

// setSettings replaces them, keeping no extension for none.
func (o *org) setSettings(s orgSettings) {
	if o.orgExt == nil && s == (orgSettings{}) {
		return
	}
	if o.orgExt == nil {
		o.orgExt = &orgExt{}
	}
	o.orgExt.orgSettings = s
}

func (t *tenant) surfaceInit() {
	if t.apis == nil {
		t.apis, t.grants, t.groups = map[string]*resourceServer{}, map[string]*clientGrant{}, map[string]*group{}
	}
}

// surfaceRoutes registers the endpoints, each with the scopes Auth0
// names for it. Where Auth0's pages name none the scope is a guess in
// the style of its neighbours, and says so.
func (s *Server) surfaceRoutes() {
	s.t.surfaceInit()
	const org = "/api/v2/organizations/{id}"
	// client grants (GA): scopes from Auth0's per-endpoint pages
	rOCG := scopes("read:organization_client_grants")
	s.handle("GET "+org+"/client-grants", rOCG, s.byName(s.listOrgGrants))
	s.handle("POST "+org+"/client-grants", scopes("create:organization_client_grants"), s.addOrgGrant)
	s.handle("DELETE "+org+"/client-grants/{gid}", scopes("delete:organization_client_grants"), s.removeOrgGrant)
	s.handle("GET /api/v2/client-grants", scopes("read:client_grants"), s.listGrants)
	s.handle("POST /api/v2/client-grants", scopes("create:client_grants"), s.createGrant)
	s.handle("GET /api/v2/client-grants/{gid}", scopes("read:client_grants"), s.readGrant)
	s.handle("PATCH /api/v2/client-grants/{gid}", scopes("update:client_grants"), s.updateGrant)
	s.handle("DELETE /api/v2/client-grants/{gid}", scopes("delete:client_grants"), s.deleteGrant)
	s.handle("GET /api/v2/client-grants/{gid}/organizations", rOCG, s.grantOrgs)
	s.handle("GET /api/v2/resource-servers", scopes("read:resource_servers"), s.listAPIs)
	s.handle("POST /api/v2/resource-servers", scopes("create:resource_servers"), s.createAPI)
	s.handle("GET /api/v2/resource-servers/{rid}", scopes("read:resource_servers"), s.readAPI)
	s.handle("DELETE /api/v2/resource-servers/{rid}", scopes("delete:resource_servers"), s.deleteAPI)

	// effective roles: the member roles scope (a guess: the pages name none)
	rMR := scopes("read:organization_member_roles")
	s.handle("GET "+org+"/members/{uid}/effective-roles", rMR, s.effectiveRoles)

	if !s.opts.NoOrgClients {
		const apps = org + "/clients"
		s.handle("GET "+apps, scopes("read:organization_clients"), s.byName(s.listOrgApps))
		s.handle("POST "+apps, scopes("create:organization_clients"), s.addOrgApps)
		s.handle("DELETE "+apps, scopes("delete:organization_clients"), s.removeOrgApps)
		s.handle("GET "+apps+"/{cid}", scopes("read:organization_clients"), s.readOrgApp)
		s.handle("PATCH "+apps+"/{cid}", scopes("update:organization_clients"), s.updateOrgApp)
	}
	if !s.opts.NoOrgRoles {
		// a guess: listing who holds a role reads members and roles
		s.handle("GET "+org+"/roles/{rid}/members", scopes("read:organization_members"), s.orgRoleMembers)
	}
	if !s.opts.NoOrgTemplates {
		s.templateRoutes()
	}
	if !s.opts.NoGroups {
		// scopes: read:organization_groups is Auth0's; the group roles' are a guess in its style
		s.handle("GET "+org+"/groups", scopes("read:organization_groups"), s.byName(s.listOrgGroups))
		s.handle("GET "+org+"/groups/{gid}/roles", scopes("read:organization_group_roles"), s.listGroupRoles)
		s.handle("POST "+org+"/groups/{gid}/roles", scopes("create:organization_group_roles"), s.assignGroupRoles)
		s.handle("DELETE "+org+"/groups/{gid}/roles", scopes("delete:organization_group_roles"), s.removeGroupRoles)
		s.handle("GET "+org+"/members/{uid}/effective-roles/sources/groups", rMR, s.effectiveRoleGroups)
		if !s.opts.NoOrgRoles {
			s.handle("GET "+org+"/roles/{rid}/groups", scopes("read:organization_groups"), s.orgRoleGroups)
		}
	}
}
