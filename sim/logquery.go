package sim

// The part of Auth0's log search syntax the simulator understands
// (auth0.com/docs/deploy-monitor/logs/log-search-query-syntax): Lucene
// terms field:value with quoted values and a trailing * wildcard, AND, OR,
// NOT, parentheses, value groups type:(f OR fp), and ranges
// date:[A TO B] (inclusive) or date:{A TO B} (exclusive), * for an open end.
// Terms side by side are ANDed: a guess, Auth0's page only shows explicit
// AND. details.* is not searchable (API.md): asking for it is a 400.

import (
	"strings"
	"time"
)

// logMatcher is a parsed query.
type logMatcher func(*LogEvent) bool

// logFields are the searchable fields and how to read them.
var logFields = map[string]func(*LogEvent) string{
	"log_id": func(e *LogEvent) string { return e.LogID }, "type": func(e *LogEvent) string { return e.Type },
	"description": func(e *LogEvent) string { return e.Description }, "client_id": func(e *LogEvent) string { return e.ClientID },
	"client_name": func(e *LogEvent) string { return e.ClientName }, "connection": func(e *LogEvent) string { return e.Connection },
	"connection_id": func(e *LogEvent) string { return e.ConnectionID }, "user_id": func(e *LogEvent) string { return e.UserID },
	"user_name": func(e *LogEvent) string { return e.UserName }, "organization_id": func(e *LogEvent) string { return e.OrganizationID },
	"organization_name": func(e *LogEvent) string { return e.OrganizationName }, "ip": func(e *LogEvent) string { return e.IP },
	"strategy": func(e *LogEvent) string { return e.Strategy }, "strategy_type": func(e *LogEvent) string { return e.StrategyType },
	"date": func(e *LogEvent) string { return e.Date },
}

// queryParser is a recursive descent over the query text.
type queryParser struct {
	s   string
	pos int
	err string
}

// parseLogQuery parses q, or says why it cannot.
func parseLogQuery(q string) (logMatcher, *apiError) {
	p := &queryParser{s: q}
	m := p.or()
	p.space()
	if p.err == "" && p.pos < len(p.s) {
		p.err = "unexpected " + p.s[p.pos:]
	}
	if p.err != "" {
		return nil, errQuery("'%s' on property q (Query in Lucene query string syntax.).", p.err)
	}
	return m, nil
}

func (p *queryParser) space() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// peek reports whether word (AND, OR, NOT, TO) comes next, followed by a
// space or a value.
func (p *queryParser) peek(word string) bool {
	p.space()
	rest := p.s[p.pos:]
	return strings.HasPrefix(rest, word) && len(rest) > len(word) && strings.ContainsRune(` ("`, rune(rest[len(word)]))
}

// keyword consumes word if it comes next.
func (p *queryParser) keyword(word string) bool {
	if p.peek(word) {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *queryParser) or() logMatcher {
	ms := []logMatcher{p.and()}
	for p.err == "" && p.keyword("OR") {
		ms = append(ms, p.and())
	}
	return func(e *LogEvent) bool {
		for _, m := range ms {
			if m(e) {
				return true
			}
		}
		return false
	}
}

func (p *queryParser) and() logMatcher {
	ms := []logMatcher{p.unary()}
	for p.err == "" {
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] == ')' || p.peek("OR") {
			break
		}
		p.keyword("AND")
		ms = append(ms, p.unary())
	}
	return func(e *LogEvent) bool {
		for _, m := range ms {
			if !m(e) {
				return false
			}
		}
		return true
	}
}

func (p *queryParser) unary() logMatcher {
	if p.keyword("NOT") {
		m := p.unary()
		return func(e *LogEvent) bool { return m != nil && !m(e) }
	}
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		p.pos++
		m := p.or()
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ')' {
			p.err = "missing )"
			return m
		}
		p.pos++
		return m
	}
	return p.term()
}

// term is field:value, field:"value", field:(v OR w), field:[a TO b].
func (p *queryParser) term() logMatcher {
	p.space()
	colon := strings.IndexByte(p.s[p.pos:], ':')
	if colon <= 0 {
		p.err = "expected field:value at " + p.s[p.pos:]
		return nil
	}
	field := p.s[p.pos : p.pos+colon]
	p.pos += colon + 1
	get, ok := logFields[field]
	if !ok {
		p.err = "field " + field + " is not searchable"
		return nil
	}
	if p.pos < len(p.s) && (p.s[p.pos] == '[' || p.s[p.pos] == '{') {
		return p.rangeTerm(field, get)
	}
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		p.pos++
		var values []logMatcher
		for p.err == "" {
			values = append(values, p.valueMatcher(get))
			if !p.keyword("OR") {
				break
			}
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ')' {
			p.err = "missing )"
			return nil
		}
		p.pos++
		return func(e *LogEvent) bool {
			for _, m := range values {
				if m(e) {
					return true
				}
			}
			return false
		}
	}
	return p.valueMatcher(get)
}

// value reads a quoted or bare value.
func (p *queryParser) value() string {
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '"' {
		end := strings.IndexByte(p.s[p.pos+1:], '"')
		if end < 0 {
			p.err = "unterminated quote"
			return ""
		}
		v := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return v
	}
	start := p.pos
	for p.pos < len(p.s) && !strings.ContainsRune(" ()[]{}", rune(p.s[p.pos])) {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *queryParser) valueMatcher(get func(*LogEvent) string) logMatcher {
	v := p.value()
	if prefix, ok := strings.CutSuffix(v, "*"); ok {
		return func(e *LogEvent) bool { return strings.HasPrefix(get(e), prefix) }
	}
	return func(e *LogEvent) bool { return get(e) == v }
}

// rangeTerm reads [a TO b] or {a TO b}; dates compare as times, other
// fields as strings.
func (p *queryParser) rangeTerm(field string, get func(*LogEvent) string) logMatcher {
	inclusive := p.s[p.pos] == '['
	p.pos++
	lo := p.value()
	if !p.keyword("TO") {
		p.err = "expected TO in range"
		return nil
	}
	hi := p.value()
	p.space()
	if p.pos >= len(p.s) || !strings.ContainsRune("]}", rune(p.s[p.pos])) {
		p.err = "unterminated range"
		return nil
	}
	p.pos++
	if field != "date" {
		return func(e *LogEvent) bool {
			v := get(e)
			return (lo == "*" || v > lo || inclusive && v == lo) && (hi == "*" || v < hi || inclusive && v == hi)
		}
	}
	from, to, ok := parseBound(lo), parseBound(hi), true
	if from == nil || to == nil {
		p.err, ok = "invalid date in range", false
	}
	return func(e *LogEvent) bool {
		if !ok {
			return false
		}
		t := e.at
		after := from.IsZero() || t.After(*from) || inclusive && t.Equal(*from)
		before := to.IsZero() || t.Before(*to) || inclusive && t.Equal(*to)
		return after && before
	}
}

// parseBound reads a range end: * (open: the zero time), a date, or a
// timestamp. nil when it is none of those.
func parseBound(s string) *time.Time {
	if s == "*" {
		return &time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t
		}
	}
	return nil
}
