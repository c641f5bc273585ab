package sim

// Which Management API writes publish which organization events, and
// their data: {"object": …} as Auth0's event payloads carry the changed
// entity, with "previous_object" on updates where the simulator has it.
// The objects' fields for membership, role and connection events are a
// guess (Auth0 names the types; the payloads are Early Access).

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// snapshot is the organization a PATCH or DELETE of /organizations/{id}
// is about to change, as JSON, for the event's previous_object.
func (s *Server) snapshot(r *http.Request) []byte {
	parts := apiParts(r.URL.Path)
	if len(parts) != 2 || parts[0] != "organizations" || r.Method == http.MethodPost {
		return nil
	}
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	if o := s.t.orgs[parts[1]]; o != nil {
		raw, _ := json.Marshal(o)
		return raw
	}
	return nil
}

func apiParts(path string) []string {
	return strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2"), "/"), "/")
}

func decodeObject(raw []byte) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return m
}

// publishWrite publishes the events of a successful write.
func (s *Server) publishWrite(method, path string, body, resp, before []byte, at time.Time) {
	parts := apiParts(path)
	if parts[0] == "users" && (len(parts) == 1 && method == http.MethodPost || len(parts) == 2) {
		kind := map[string]string{http.MethodPost: "user.created", http.MethodPatch: "user.updated", http.MethodDelete: "user.deleted"}[method]
		obj := decodeObject(resp)
		if obj == nil && len(parts) == 2 {
			obj = map[string]any{"user_id": parts[1]}
		}
		s.events.publish(kind, map[string]any{"object": obj}, at)
		return
	}
	if parts[0] != "organizations" || len(parts) < 2 || parts[1] == "" {
		if parts[0] == "organizations" && len(parts) == 1 && method == http.MethodPost {
			s.events.publish("organization.created", map[string]any{"object": decodeObject(resp)}, at)
		}
		return
	}
	orgRef := map[string]any{"id": parts[1]}
	s.t.mu.Lock()
	if o := s.t.orgs[parts[1]]; o != nil {
		orgRef["name"] = o.Name
	}
	s.t.mu.Unlock()
	sub := ""
	if len(parts) > 2 {
		sub = parts[2]
	}
	switch {
	case len(parts) == 2 && method == http.MethodPatch:
		s.events.publish("organization.updated", map[string]any{"object": decodeObject(resp), "previous_object": decodeObject(before)}, at)
	case len(parts) == 2 && method == http.MethodDelete:
		s.events.publish("organization.deleted", map[string]any{"object": decodeObject(before)}, at)
	case sub == "members" && len(parts) == 3:
		var b struct{ Members []string }
		_ = json.Unmarshal(body, &b)
		kind := map[string]string{http.MethodPost: "organization.member.added", http.MethodDelete: "organization.member.deleted"}[method]
		for _, uid := range b.Members {
			s.events.publish(kind, map[string]any{"object": map[string]any{"organization": orgRef, "user": map[string]any{"user_id": uid}}}, at)
		}
	case sub == "members" && len(parts) == 5 && parts[4] == "roles":
		var b struct{ Roles []string }
		_ = json.Unmarshal(body, &b)
		kind := map[string]string{http.MethodPost: "organization.member.role.assigned", http.MethodDelete: "organization.member.role.deleted"}[method]
		for _, rid := range b.Roles {
			s.events.publish(kind, map[string]any{"object": map[string]any{"organization": orgRef,
				"user": map[string]any{"user_id": parts[3]}, "role": map[string]any{"id": rid}}}, at)
		}
	case sub == "enabled_connections" || sub == "connections":
		obj := map[string]any{"organization": orgRef}
		var kind string
		switch {
		case method == http.MethodPost && len(parts) == 3:
			kind, obj["connection"] = "organization.connection.added", decodeObject(resp)
		case method == http.MethodPatch && len(parts) == 4:
			kind, obj["connection"] = "organization.connection.updated", decodeObject(resp)
		case method == http.MethodDelete && len(parts) == 4:
			kind, obj["connection"] = "organization.connection.removed", map[string]any{"connection_id": parts[3]}
		default:
			return
		}
		s.events.publish(kind, map[string]any{"object": obj}, at)
	}
}

// publishJoin publishes a membership a login made (auto-membership or an
// accepted invitation).
func (s *Server) publishJoin(ev *LogEvent) {
	s.events.publish("organization.member.added", map[string]any{"object": map[string]any{
		"organization": map[string]any{"id": ev.OrganizationID, "name": ev.OrganizationName},
		"user":         map[string]any{"user_id": ev.UserID}}}, ev.at)
}
