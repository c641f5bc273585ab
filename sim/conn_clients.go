package sim

// A connection's applications: GET and PATCH /connections/{id}/clients
// (auth0.com/docs/api/management/v2/connections/get-connection-clients and
// .../patch-clients), kept one with the connection's enabled_clients.

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
)

// connClients answers GET /connections/{id}/clients: {"clients":
// [{"client_id"}...]} with checkpoint paging (take, from), "next" while
// more follow, the shape of go-auth0's recording
// TestConnectionManager_EnabledClients.
func (s *Server) connClients(r *http.Request) (int, any, *apiError) {
	c := s.t.conns[r.PathValue("id")]
	if c == nil {
		return 0, nil, errInexistentConn
	}
	q := r.URL.Query()
	take, e := intParam(q, "take", 50, 1, 100, "Number of results per page. Defaults to 50.")
	if e != nil {
		return 0, nil, e
	}
	start := int64(0)
	if from := q.Get("from"); from != "" {
		n, ok := decodeCursor(from)
		if !ok {
			return 0, nil, errQuery("'Invalid value' on property from (Optional Id from which to start selection.).")
		}
		start = n
	}
	start = min(start, int64(len(c.EnabledClient)))
	end := min(start+int64(take), int64(len(c.EnabledClient)))
	items := []map[string]string{}
	for _, id := range c.EnabledClient[start:end] {
		items = append(items, map[string]string{"client_id": id})
	}
	env := envelope{key: "clients", items: items}
	if end < int64(len(c.EnabledClient)) {
		env.next = cursor(end, c.ID)
	}
	return http.StatusOK, env, nil
}

// connClientChange is one entry of PATCH /connections/{id}/clients.
type connClientChange struct {
	ClientID *string `json:"client_id"`
	Status   *bool   `json:"status"`
}

// updateConnClients answers PATCH /connections/{id}/clients: a list of
// {client_id, status}; 204. An unknown client is refused before any
// change (a guess at the message: Auth0's reference names no such error).
func (s *Server) updateConnClients(r *http.Request) (int, any, *apiError) {
	c := s.t.conns[r.PathValue("id")]
	if c == nil {
		return 0, nil, errInexistentConn
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	var changes []connClientChange
	if err := json.Unmarshal(raw, &changes); err != nil {
		return 0, nil, errBody("'Expected type array but found type %s'.", jsonType(raw))
	}
	if len(changes) == 0 || len(changes) > 50 {
		return 0, nil, errBody("'Array is too %s' on property [] (The clients to enable or disable.).", map[bool]string{true: "short (0), minimum 1", false: "long, maximum 50"}[len(changes) == 0])
	}
	for _, ch := range changes {
		if ch.ClientID == nil || ch.Status == nil {
			return 0, nil, errBody("'Missing required property: %s'.", map[bool]string{true: "client_id", false: "status"}[ch.ClientID == nil])
		}
		if s.t.clients[*ch.ClientID] == nil {
			return 0, nil, errClientNotFound
		}
	}
	for _, ch := range changes {
		s.t.enableClient(c, *ch.ClientID, *ch.Status)
	}
	return http.StatusNoContent, nil, nil
}

// enableClient turns the connection on or off for an application.
func (t *tenant) enableClient(c *connection, clientID string, on bool) {
	has := slices.Contains(c.EnabledClient, clientID)
	switch {
	case on && !has:
		c.EnabledClient = append(c.EnabledClient, clientID)
	case !on && has:
		c.EnabledClient = slices.DeleteFunc(c.EnabledClient, func(x string) bool { return x == clientID })
	}
}

// updateConnection answers PATCH /connections/{id}: display_name,
// options, enabled_clients (the older way to say which applications may
// use it), is_domain_connection, realms, metadata, show_as_button; name
// and strategy cannot change (Additional properties not allowed, as
// Auth0's reference for patch-connections-by-id has no such keys).
func (s *Server) updateConnection(r *http.Request) (int, any, *apiError) {
	c := s.t.conns[r.PathValue("id")]
	if c == nil {
		return 0, nil, errInexistentConn
	}
	var b connBody
	if e := decodeBody(r, &b, without(without(connProps, "name"), "strategy")); e != nil {
		return 0, nil, e
	}
	for _, id := range b.EnabledClients {
		if s.t.clients[id] == nil {
			return 0, nil, errClientNotFound
		}
	}
	setIf(&c.DisplayName, b.DisplayName)
	setIf(&c.IsDomain, b.IsDomain)
	if b.Options != nil {
		c.Options = b.Options
	}
	if b.EnabledClients != nil {
		c.EnabledClient = slices.Compact(slices.Clone(b.EnabledClients))
	}
	if b.Realms != nil {
		c.Realms = b.Realms
	}
	return http.StatusOK, c, nil
}
