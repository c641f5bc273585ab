package sim

// Users and applications: listing, searching by name or email, and the
// applications an invitation may log into.

import (
	"net/http"
	"slices"
	"strings"
)

// listUsers lists the users, by the q search where given.
func (s *Server) listUsers(r *http.Request) (int, any, *apiError) {
	p, e := parsePaging(r.URL.Query(), false)
	if e != nil {
		return 0, nil, e
	}
	users := s.t.userOrder
	if q := r.URL.Query().Get("q"); q != "" {
		users = slices.DeleteFunc(slices.Clone(users), func(u *user) bool { return !matchesQuery(u, q) })
	}
	return http.StatusOK, offsetList(p, "users", users), nil
}

// matchesQuery is a small part of Auth0's user search syntax (Lucene, search
// engine v3), enough for finding people by name or email: terms
// `field:value` (email, name; value quoted or not, * as a wildcard) joined
// by OR, or a bare word matched against both. The rest of the syntax is
// not modelled: a guess at what tools send, not the whole engine.
func matchesQuery(u *user, q string) bool {
	for _, term := range strings.Split(q, " OR ") {
		field, value, ok := strings.Cut(strings.TrimSpace(term), ":")
		if !ok {
			field, value = "", field
		}
		value = strings.ToLower(strings.Trim(value, `"`))
		match := func(s string) bool {
			s = strings.ToLower(s)
			inner := strings.Trim(value, "*")
			switch {
			case strings.HasPrefix(value, "*") && strings.HasSuffix(value, "*"):
				return strings.Contains(s, inner)
			case strings.HasSuffix(value, "*"):
				return strings.HasPrefix(s, inner)
			case strings.HasPrefix(value, "*"):
				return strings.HasSuffix(s, inner)
			}
			return s == value
		}
		switch field {
		case "email":
			if match(u.Email) {
				return true
			}
		case "name":
			if match(u.Name) {
				return true
			}
		case "":
			if strings.Contains(strings.ToLower(u.Email), value) || strings.Contains(strings.ToLower(u.Name), value) {
				return true
			}
		}
	}
	return false
}

// usersByEmail is GET /users-by-email: every user with that email, exactly
// (case-insensitive), as a bare array.
func (s *Server) usersByEmail(r *http.Request) (int, any, *apiError) {
	email := r.URL.Query().Get("email")
	if email == "" {
		return 0, nil, errQuery("'Missing required property: email' on property email.")
	}
	out := []*user{}
	if u := s.t.userEmail[strings.ToLower(email)]; u != nil {
		out = append(out, u)
	}
	return http.StatusOK, out, nil
}
