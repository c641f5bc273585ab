package sim

import (
	"net/http"
	"path"
)

// routes registers every Management API endpoint with the scopes it needs.
func (s *Server) routes() {
	s.api = http.NewServeMux()
	const org = "/api/v2/organizations/{id}"
	rOrgs, cOrgs := scopes("read:organizations"), scopes("create:organizations")
	uOrgs, dOrgs := scopes("update:organizations"), scopes("delete:organizations")
	s.handle("GET /api/v2/organizations", rOrgs, s.listOrgs)
	s.handle("POST /api/v2/organizations", cOrgs, s.createOrg)
	s.handle("GET "+org, rOrgs, s.readOrg)
	s.handle("GET "+org+"/{name}", rOrgs, s.readOrgByName) // only /organizations/name/{name}
	s.handle("PATCH "+org, uOrgs, s.updateOrg)
	s.handle("DELETE "+org, dOrgs, s.deleteOrg)

	rOC, cOC := scopes("read:organization_connections"), scopes("create:organization_connections")
	uOC, dOC := scopes("update:organization_connections"), scopes("delete:organization_connections")
	families := []connFamily{enabledConnsFamily}
	if !s.opts.NoConnectionsAPI {
		families = append(families, orgConnsFamily)
	}
	for _, f := range families { // /enabled_connections and the newer /connections
		h, base := connHandlers{s, f}, org+"/"+f.key
		s.handle("GET "+base, rOC, s.byName(h.list))
		s.handle("POST "+base, cOC, h.add)
		s.handle("GET "+base+"/{cid}", rOC, h.read)
		s.handle("PATCH "+base+"/{cid}", uOC, h.update)
		s.handle("DELETE "+base+"/{cid}", dOC, h.remove)
	}

	s.handle("GET "+org+"/members", scopes("read:organization_members"), s.byName(s.listMembers))
	s.handle("POST "+org+"/members", scopes("create:organization_members"), s.addMembers)
	s.handle("DELETE "+org+"/members", scopes("delete:organization_members"), s.removeMembers)
	s.handle("GET "+org+"/members/{uid}/roles", scopes("read:organization_member_roles"), s.listMemberRoles)
	s.handle("POST "+org+"/members/{uid}/roles", scopes("create:organization_member_roles"), s.assignMemberRoles)
	s.handle("DELETE "+org+"/members/{uid}/roles", scopes("delete:organization_member_roles"), s.removeMemberRoles)

	s.handle("GET "+org+"/invitations", scopes("read:organization_invitations"), s.byName(s.listInvitations))
	s.handle("POST "+org+"/invitations", scopes("create:organization_invitations"), s.createInvitation)
	s.handle("GET "+org+"/invitations/{iid}", scopes("read:organization_invitations"), s.readInvitation)
	s.handle("DELETE "+org+"/invitations/{iid}", scopes("delete:organization_invitations"), s.deleteInvitation)

	if !s.opts.NoDiscoveryDomains {
		const dd = org + "/discovery-domains"
		s.handle("GET "+dd, scopes("read:organization_discovery_domains"), s.byName(s.listDomains))
		s.handle("POST "+dd, scopes("create:organization_discovery_domains"), s.createDomain)
		s.handle("GET "+dd+"/{did}", scopes("read:organization_discovery_domains"), s.readDomain)
		s.handle("GET "+dd+"/name/{domain}", scopes("read:organization_discovery_domains"), s.readDomainByName)
		s.handle("PATCH "+dd+"/{did}", scopes("update:organization_discovery_domains"), s.updateDomain)
		s.handle("DELETE "+dd+"/{did}", scopes("delete:organization_discovery_domains"), s.deleteDomain)
	}

	s.handle("GET /api/v2/connections", scopes("read:connections"), s.listConnections)
	s.handle("POST /api/v2/connections", scopes("create:connections"), s.createConnection)
	s.handle("GET /api/v2/connections/{id}", scopes("read:connections"), s.readConnection)
	s.handle("DELETE /api/v2/connections/{id}", scopes("delete:connections"), s.deleteConnection)
	s.handle("GET /api/v2/users", scopes("read:users"), s.listUsers)
	s.handle("GET /api/v2/users-by-email", scopes("read:users"), s.usersByEmail)
	s.handle("POST /api/v2/users", scopes("create:users"), s.createUser)
	s.handle("GET /api/v2/users/{id}", scopes("read:users"), s.readUser)
	s.handle("DELETE /api/v2/users/{id}", scopes("delete:users"), s.deleteUser)
	s.handle("GET /api/v2/users/{id}/organizations", scopes("read:users"), s.userOrgs)
	s.handle("GET /api/v2/roles", scopes("read:roles"), s.listRoles)
	s.handle("POST /api/v2/roles", scopes("create:roles"), s.createRole)
	s.handle("GET /api/v2/roles/{id}", scopes("read:roles"), s.readRole)
	s.handle("PATCH /api/v2/roles/{id}", scopes("update:roles"), s.updateRole)
	s.handle("DELETE /api/v2/roles/{id}", scopes("delete:roles"), s.deleteRole)
	s.handle("POST /api/v2/clients", scopes("create:clients"), s.createClient)
	s.handle("GET /api/v2/clients", scopes("read:clients"), s.listClients)
	s.handle("GET /api/v2/clients/{id}", scopes("read:clients"), s.readClient)
	s.handle("PATCH /api/v2/clients/{id}", scopes("update:clients"), s.updateClient)
	s.handle("DELETE /api/v2/clients/{id}", scopes("delete:clients"), s.deleteClient)

	s.surfaceRoutes()
	s.diagnosisRoutes()

	s.api.HandleFunc("/api/v2/", func(w http.ResponseWriter, _ *http.Request) { writeError(w, errRoute) })
}

// byName keeps GET /organizations/name/{name} reachable for organizations
// named like a sub-resource ("members", "connections", ...): the router
// prefers the sub-resource's pattern for such paths. (A pattern of its own
// would overlap the sub-resources' and the router refuses that.)
func (s *Server) byName(h handler) handler {
	return func(r *http.Request) (int, any, *apiError) {
		if r.PathValue("id") == "name" {
			return s.orgByName(path.Base(r.URL.Path))
		}
		return h(r)
	}
}
