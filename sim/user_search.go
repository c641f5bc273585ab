package sim

import (
	"slices"
	"strings"
)

// Auth0's user search (search engine v3, Lucene syntax) over the terms
// tools send: `field:value` with email, name or user_id (the value quoted
// or not, * as a wildcard), organization_id (the organization's members:
// Auth0's user search accepts it in q), terms joined by OR inside a clause
// and clauses joined by AND, a clause in parentheses, and a bare word
// matched against name and email. The rest of the syntax is not modelled:
// a guess at what tools send, not the whole engine.

// userQuery is a parsed q: every clause must match, a clause when any of
// its terms does.
type userQuery struct {
	org     string       // the organization_id clause, if any
	clauses [][]userTerm // the other clauses' terms, parsed once
}

func parseUserQuery(q string) userQuery {
	var out userQuery
	for _, clause := range splitOutside(q, " AND ") {
		clause = strings.TrimSpace(clause)
		if strings.HasPrefix(clause, "(") && strings.HasSuffix(clause, ")") {
			clause = clause[1 : len(clause)-1]
		}
		if v, ok := strings.CutPrefix(clause, "organization_id:"); ok && !strings.Contains(clause, " OR ") {
			out.org = strings.Trim(v, `"`)
			continue
		}
		var terms []userTerm
		for _, term := range splitOutside(clause, " OR ") {
			terms = append(terms, parseUserTerm(term))
		}
		out.clauses = append(out.clauses, terms)
	}
	return out
}

// splitOutside splits s on sep where sep is outside parentheses and quotes.
func splitOutside(s, sep string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case c == '(' && !quoted:
			depth++
		case c == ')' && !quoted:
			depth--
		case depth == 0 && !quoted && strings.HasPrefix(s[i:], sep):
			out = append(out, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, s[start:])
}

// searchUsers are the users q finds, in the tenant's order; with an
// organization_id clause only that organization's members are looked at,
// so searching a large organization costs its size, not the tenant's.
func (s *Server) searchUsers(q string) []*user {
	uq := parseUserQuery(q)
	if uq.org == "" {
		return s.t.searchTenant(q, uq)
	}
	o := s.t.orgs[uq.org]
	if o == nil {
		return []*user{}
	}
	o.purge(s.now())
	candidates := make([]*user, 0, len(o.members))
	for _, m := range o.members {
		candidates = append(candidates, m.user)
	}
	slices.SortFunc(candidates, func(a, b *user) int { return int(a.seq - b.seq) })
	out := []*user{}
	for _, u := range candidates {
		if uq.matches(u) {
			out = append(out, u)
		}
	}
	return out
}

// maxSearches and maxSearchHeld bound the tenant-wide search results kept
// at once: how many, and how many users they hold in all (8 MB of pointers).
const maxSearches, maxSearchHeld = 32, 1 << 20

// searchTenant is a tenant-wide search: a pass over every user, kept by q
// until the next call that may write (see forgetSearches). The answer is
// shared: callers read it, never write into it.
func (t *tenant) searchTenant(q string, uq userQuery) []*user {
	if found, ok := t.searches[q]; ok {
		return found
	}
	out := []*user{}
	for _, u := range t.userOrder {
		if uq.matches(u) {
			out = append(out, u)
		}
	}
	if t.searches == nil || len(t.searches) >= maxSearches || t.searchHeld+len(out) > maxSearchHeld {
		t.searches, t.searchHeld = make(map[string][]*user, maxSearches), 0
	}
	t.searches[q], t.searchHeld = slices.Clip(out), t.searchHeld+len(out)
	return out
}

// forgetSearches drops the kept search results: any write may change who
// a search finds (a user's email, name, blocked flag, one created or
// deleted).
func (t *tenant) forgetSearches() { t.searches, t.searchHeld = nil, 0 }

func (uq userQuery) matches(u *user) bool {
	for _, terms := range uq.clauses {
		if !slices.ContainsFunc(terms, func(t userTerm) bool { return t.matches(u) }) {
			return false
		}
	}
	return true
}
