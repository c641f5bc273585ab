package sim

// GET /api/v2/logs and /api/v2/logs/{id}: search (q, sort, fields, offset
// paging) or checkpoint (from, take), as auth0.com/docs/deploy-monitor/
// logs/retrieve-log-events-using-mgmt-api describes them.

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// logsEnvelope is the include_totals answer of a log search: Auth0's
// reference (get_logs) lists start, limit, length, total and logs.
type logsEnvelope struct {
	Start  int              `json:"start"`
	Limit  int              `json:"limit"`
	Length int              `json:"length"`
	Total  int              `json:"total"`
	Logs   []map[string]any `json:"logs"`
}

// listLogs answers GET /logs. With from or take it reads by checkpoint:
// the events after the log_id from (from the oldest kept when absent: a
// guess), oldest first, every other parameter ignored, a bare array and a
// Link header whose rel="next" URL continues from the last event (the same
// URL when the page is empty), as the checkpoint page says. Otherwise it
// searches: q, sort (date:-1 unless told), fields and include_fields,
// page and per_page up to 1,000 records, include_totals.
func (s *Server) listLogs(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	all := s.log.kept()
	if q.Has("from") || q.Has("take") {
		take, e := intParam(q, "take", 50, 1, 100, "Number of entries to retrieve when using the from parameter.")
		if e != nil {
			return 0, nil, e
		}
		from := q.Get("from")
		i, _ := slices.BinarySearchFunc(all, from, func(ev *LogEvent, id string) int { return strings.Compare(ev.LogID, id) })
		if i < len(all) && all[i].LogID == from {
			i++
		}
		page := all[i:min(i+take, len(all))]
		next := url.Values{"from": {from}, "take": {q.Get("take")}}
		if len(page) > 0 {
			next.Set("from", page[len(page)-1].LogID)
		}
		if next.Get("take") == "" {
			next.Del("take")
		}
		link := "<" + r.URL.Path + "?" + next.Encode() + `>; rel="next"`
		return http.StatusOK, headed{header: http.Header{"Link": {link}}, body: logsJSON(page, nil, true)}, nil
	}
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	if qs := q.Get("q"); qs != "" {
		m, e := parseLogQuery(qs)
		if e != nil {
			return 0, nil, e
		}
		all = slices.DeleteFunc(all, func(ev *LogEvent) bool { return !m(ev) })
	}
	field, dir, e := logSort(q.Get("sort"))
	if e != nil {
		return 0, nil, e
	}
	get := logFields[field]
	slices.SortStableFunc(all, func(a, b *LogEvent) int {
		c := strings.Compare(get(a), get(b))
		if c == 0 {
			c = strings.Compare(a.LogID, b.LogID)
		}
		return c * dir
	})
	var fields []string
	if f := q.Get("fields"); f != "" {
		fields = strings.Split(f, ",")
	}
	lo, hi := p.window(len(all))
	page := logsJSON(all[lo:hi], fields, q.Get("include_fields") != "false")
	if !p.totals {
		return http.StatusOK, page, nil
	}
	return http.StatusOK, logsEnvelope{Start: lo, Limit: p.perPage, Length: len(page), Total: len(all), Logs: page}, nil
}

// logSort reads sort=field:1 or field:-1 (date:-1 by default).
func logSort(s string) (string, int, *apiError) {
	if s == "" {
		return "date", -1, nil
	}
	field, dir, _ := strings.Cut(s, ":")
	if _, ok := logFields[field]; !ok || (dir != "1" && dir != "-1") {
		return "", 0, errQuery("'String does not match pattern ^(([a-zA-Z\\-_\\.]+))\\:(1|-1)$' on property sort (Field to use for sorting appended with `:1` for ascending and `:-1` for descending. e.g. `date:-1`).")
	}
	if dir == "1" {
		return field, 1, nil
	}
	return field, -1, nil
}

// logsJSON renders events, keeping (include) or dropping the named fields.
func logsJSON(list []*LogEvent, fields []string, include bool) []map[string]any {
	out := make([]map[string]any, 0, len(list))
	for _, ev := range list {
		raw, _ := json.Marshal(ev)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		if fields != nil {
			for k := range m {
				if slices.Contains(fields, k) != include {
					delete(m, k)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// readLog answers GET /logs/{id}; an event past retention is gone. The
// 404's message is a guess.
func (s *Server) readLog(r *http.Request) (int, any, *apiError) {
	ev := s.log.get(r.PathValue("id"))
	if ev == nil {
		return 0, nil, &apiError{Status: http.StatusNotFound, Message: "log not found", Code: "inexistent_log"}
	}
	return http.StatusOK, logsJSON([]*LogEvent{ev}, nil, true)[0], nil
}

// userLogs answers GET /users/{id}/logs: the user's events, newest first
// unless sort says otherwise, offset paged (include_totals gives the
// search's envelope), as Auth0's reference for get_logs_by_user has it.
func (s *Server) userLogs(r *http.Request) (int, any, *apiError) {
	if s.t.users[r.PathValue("id")] == nil {
		return 0, nil, errUserNotFound
	}
	q := r.URL.Query()
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	field, dir, e := logSort(q.Get("sort"))
	if e != nil {
		return 0, nil, e
	}
	all := slices.DeleteFunc(s.log.kept(), func(ev *LogEvent) bool { return ev.UserID != r.PathValue("id") })
	get := logFields[field]
	slices.SortStableFunc(all, func(a, b *LogEvent) int {
		return cmp.Or(strings.Compare(get(a), get(b)), strings.Compare(a.LogID, b.LogID)) * dir
	})
	lo, hi := p.window(len(all))
	page := logsJSON(all[lo:hi], nil, true)
	if !p.totals {
		return http.StatusOK, page, nil
	}
	return http.StatusOK, logsEnvelope{Start: lo, Limit: p.perPage, Length: len(page), Total: len(all), Logs: page}, nil
}
