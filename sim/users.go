package sim

// Users and applications: listing, searching by name or email, and the
// applications an invitation may log into.

import (
	"net/http"
	"strings"
	"unicode/utf8"
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
		users = s.searchUsers(q) // user_search.go
	}
	if p.totals { // Auth0's users envelope also says how many this page holds
		lo, hi := p.window(len(users))
		return http.StatusOK, usersPage{Start: lo, Limit: p.perPage, Length: hi - lo, Total: len(users), Users: append([]*user{}, users[lo:hi]...)}, nil
	}
	return http.StatusOK, offsetList(p, "users", users), nil
}

// usersPage is GET /users with include_totals, fields in Auth0's order.
type usersPage struct {
	Start  int     `json:"start"`
	Limit  int     `json:"limit"`
	Length int     `json:"length"`
	Total  int     `json:"total"`
	Users  []*user `json:"users"`
}

// userTerm is one term of a user search: the field ("" for name and
// email), the text without quotes or wildcards, and where the wildcards
// were. It is read once per query; each user is compared without
// allocating.
type userTerm struct {
	field, text      string
	anyBefore, after bool // *text, text*
}

func parseUserTerm(term string) userTerm {
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
	return t
}

// matches reports whether u has the term.
func (t userTerm) matches(u *user) bool {
	switch t.field {
	case "email":
		return t.match(u.Email)
	case "name":
		return t.match(u.Name)
	case "user_id":
		return t.match(u.UserID)
	case "blocked": // blocked:true, as Auth0's user search takes it
		return strings.EqualFold(t.text, "true") == u.Blocked
	case "":
		return t.match(u.Email) || t.match(u.Name)
	}
	return false
}

// match compares s with the term ignoring case, without allocating.
func (t userTerm) match(s string) bool {
	n := len(t.text)
	switch {
	case t.anyBefore && t.after:
		if n == 0 {
			return true
		}
		// An ASCII first letter (the usual search) rules out, with one
		// byte compare, every position holding another ASCII letter; the
		// rest (non-ASCII bytes, which may fold to it) go to EqualFold.
		first, ascii := lowerASCII(t.text[0]), t.text[0] < utf8.RuneSelf
		for i := 0; i+n <= len(s); i++ {
			if ascii && s[i] < utf8.RuneSelf && lowerASCII(s[i]) != first {
				continue
			}
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

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
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
