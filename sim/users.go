package sim

// Users and applications: listing, searching by name or email, and the
// applications an invitation may log into.

import (
	"net/http"
	"strings"
)

// listUsers lists the users, by the q search where given. The query is
// read once and each user compared without allocating: a search over
// 100,000 users costs a pass over them, not a copy of them.
func (s *Server) listUsers(r *http.Request) (int, any, *apiError) {
	p, e := parsePaging(r.URL.Query(), false)
	if e != nil {
		return 0, nil, e
	}
	users := s.t.userOrder
	if q := r.URL.Query().Get("q"); q != "" {
		query := parseUserQuery(q)
		var found []*user
		for _, u := range users {
			if query.matches(u) {
				found = append(found, u)
			}
		}
		users = found
	}
	return http.StatusOK, offsetList(p, "users", users), nil
}

// userQuery is a small part of Auth0's user search syntax (Lucene, search
// engine v3), enough for finding people by name or email: terms
// `field:value` (email, name; value quoted or not, * as a wildcard) joined
// by OR, or a bare word matched against both. The rest of the syntax is
// not modelled: a guess at what tools send, not the whole engine.
type userQuery []userTerm

// userTerm is one term of a query: the field ("" for both), the text
// without quotes or wildcards, and where the wildcards were.
type userTerm struct {
	field, text      string
	anyBefore, after bool // *text, text*
}

func parseUserQuery(q string) userQuery {
	var terms userQuery
	for _, term := range strings.Split(q, " OR ") {
		field, value, ok := strings.Cut(strings.TrimSpace(term), ":")
		if !ok {
			field, value = "", field
		}
		value = strings.Trim(value, `"`)
		t := userTerm{field: field, text: strings.Trim(value, "*"),
			anyBefore: strings.HasPrefix(value, "*"), after: strings.HasSuffix(value, "*")}
		if field == "" { // a bare word is found anywhere in either field
			t.anyBefore, t.after = true, true
		}
		terms = append(terms, t)
	}
	return terms
}

func (q userQuery) matches(u *user) bool {
	for _, t := range q {
		switch t.field {
		case "email":
			if t.match(u.Email) {
				return true
			}
		case "name":
			if t.match(u.Name) {
				return true
			}
		case "":
			if t.match(u.Email) || t.match(u.Name) {
				return true
			}
		}
	}
	return false
}

// match compares s with the term ignoring case, without allocating.
func (t userTerm) match(s string) bool {
	n := len(t.text)
	switch {
	case t.anyBefore && t.after:
		for i := 0; i+n <= len(s); i++ {
			if strings.EqualFold(s[i:i+n], t.text) {
				return true
			}
		}
		return false
	case t.after:
		return len(s) >= n && strings.EqualFold(s[:n], t.text)
	case t.anyBefore:
		return len(s) >= n && strings.EqualFold(s[len(s)-n:], t.text)
	}
	return strings.EqualFold(s, t.text)
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
