package sim

// diagnosisRoutes registers the endpoints a login diagnosis and an
// activity timeline read: applications' settings, a connection's
// applications, user blocks and the tenant logs. (Kept apart from
// routes.go, which other work changes too.)
func (s *Server) diagnosisRoutes() {
	rUsers, uUsers := scopes("read:users"), scopes("update:users")
	s.handle("PATCH /api/v2/users/{id}", uUsers, s.updateUser)
	s.handle("GET /api/v2/user-blocks/{id}", rUsers, s.userBlocks)
	s.handle("DELETE /api/v2/user-blocks/{id}", uUsers, s.unblockUser)
	s.handle("GET /api/v2/user-blocks", rUsers, s.blocksByIdentifier)
	s.handle("DELETE /api/v2/user-blocks", uUsers, s.unblockByIdentifier)

	s.handle("PATCH /api/v2/connections/{id}", scopes("update:connections"), s.updateConnection)
	s.handle("GET /api/v2/connections/{id}/clients", scopes("read:connections"), s.connClients)
	s.handle("PATCH /api/v2/connections/{id}/clients", scopes("update:connections"), s.updateConnClients)

	s.handle("GET /api/v2/logs", scopes("read:logs"), s.listLogs)
	s.handle("GET /api/v2/logs/{id}", scopes("read:logs"), s.readLog)
	s.handle("GET /api/v2/users/{id}/logs", scopes("read:logs", "read:logs_users"), s.userLogs)
	if !s.opts.NoEventsAPI {
		s.api.HandleFunc("GET /api/v2/events", s.serveEvents) // a stream: no tenant lock, its own scope check
	}
}
