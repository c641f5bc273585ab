package client

import (
	"context"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/limits"
)

// LogEvent is one entry of the tenant's logs (GET /logs) as Auth0 wrote it;
// it marshals with Auth0's field names.
// Every string in it may come from a customer: sanitise before showing.
type LogEvent struct {
	ID           string         `json:"log_id"`
	Date         time.Time      `json:"date"`
	Type         string         `json:"type"` // Auth0's event code: s, f, fp, fu, sapi, …
	Description  string         `json:"description,omitempty"`
	ClientID     string         `json:"client_id,omitempty"`
	ClientName   string         `json:"client_name,omitempty"`
	Connection   string         `json:"connection,omitempty"`
	ConnectionID string         `json:"connection_id,omitempty"`
	UserID       string         `json:"user_id,omitempty"`
	UserName     string         `json:"user_name,omitempty"`
	OrgID        string         `json:"organization_id,omitempty"`
	OrgName      string         `json:"organization_name,omitempty"`
	IP           string         `json:"ip,omitempty"`
	Details      map[string]any `json:"details,omitempty"` // sapi: request {method, path, body, channel, auth}, response
}

// Failed reports whether the event is a failure Auth0 logged (its codes
// for failures start with f, as f, fp, fu, fc; limit_* are blocks).
// https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes
func (e LogEvent) Failed() bool {
	return strings.HasPrefix(e.Type, "f") || strings.HasPrefix(e.Type, "limit_")
}

// LogQuery selects log events; every field set must match.
type LogQuery struct {
	UserID, OrgID, ClientID string
	Types                   []string  // any of these codes
	Since, Until            time.Time // zero: unbounded
	Limit                   int       // newest first, at most this many (0: one page)
	// After reads forward from a checkpoint: events newer than this log id,
	// oldest first (Auth0's "search from checkpoint"). Other filters then
	// apply on the client, as Auth0 allows no q with from.
	After string
}

// Search is the query in Auth0's log search syntax (the q parameter).
// https://auth0.com/docs/deploy-monitor/logs/log-search-query-syntax
func (q LogQuery) Search() string {
	var terms []string
	field := func(name, v string) {
		if v != "" {
			terms = append(terms, name+`:"`+escapeLucene(v)+`"`)
		}
	}
	field("user_id", q.UserID)
	field("organization_id", q.OrgID)
	field("client_id", q.ClientID)
	if len(q.Types) > 0 {
		alts := make([]string, len(q.Types))
		for i, t := range q.Types {
			alts[i] = `type:"` + escapeLucene(t) + `"`
		}
		terms = append(terms, "("+strings.Join(alts, " OR ")+")")
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		from, to := "*", "*"
		if !q.Since.IsZero() {
			from = q.Since.UTC().Format(time.RFC3339)
		}
		if !q.Until.IsZero() {
			to = q.Until.UTC().Format(time.RFC3339)
		}
		terms = append(terms, "date:["+from+" TO "+to+"]")
	}
	return strings.Join(terms, " AND ")
}

// escapeLucene escapes what would end a quoted value.
func escapeLucene(v string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v)
}

// matches applies the query on the client (for checkpoint reads).
func (q LogQuery) matches(e LogEvent) bool {
	switch {
	case q.UserID != "" && e.UserID != q.UserID,
		q.OrgID != "" && e.OrgID != q.OrgID,
		q.ClientID != "" && e.ClientID != q.ClientID,
		!q.Since.IsZero() && e.Date.Before(q.Since),
		!q.Until.IsZero() && e.Date.After(q.Until):
		return false
	}
	if len(q.Types) == 0 {
		return true
	}
	for _, t := range q.Types {
		if t == e.Type {
			return true
		}
	}
	return false
}

// maxLogWindow is how deep page/per_page reaches into the logs: Auth0 serves
// at most 1,000 entries that way; checkpoint reads go further.
const maxLogWindow = 1000

func (c *auth0Client) Logs(ctx context.Context, q LogQuery) ([]LogEvent, error) {
	if q.After != "" {
		return c.logsAfter(ctx, q)
	}
	limit := min(cmpOrZero(q.Limit, pageSize), maxLogWindow)
	var out []LogEvent
	for page := 0; len(out) < limit; page++ {
		per := min(pageSize, limit-len(out))
		opts := []management.RequestOption{management.Page(page), management.PerPage(per),
			management.Parameter("sort", "date:-1")}
		if s := q.Search(); s != "" {
			opts = append(opts, management.Query(s))
		}
		l, err := c.m.Log.List(ctx, opts...)
		if err != nil {
			return out, c.classify("read logs", err)
		}
		for _, e := range l {
			out = append(out, logFrom(e))
		}
		if len(l) < per || (page+1)*per >= maxLogWindow {
			return out, nil
		}
	}
	return out, nil
}

// logsAfter reads forward from a checkpoint, filtering on the client.
func (c *auth0Client) logsAfter(ctx context.Context, q LogQuery) ([]LogEvent, error) {
	limit := cmpOrZero(q.Limit, limits.MaxPerPage)
	var out []LogEvent
	for from := q.After; len(out) < limit; {
		l, err := c.m.Log.List(ctx, management.From(from), management.Take(pageSize))
		if err != nil {
			return out, c.classify("read logs", err)
		}
		for _, e := range l {
			if ev := logFrom(e); q.matches(ev) {
				out = append(out, ev)
			}
			from = e.GetLogID()
		}
		if len(l) < pageSize {
			return out, nil
		}
	}
	return out, nil
}

func cmpOrZero(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func logFrom(l *management.Log) LogEvent {
	return LogEvent{ID: l.GetLogID(), Date: l.GetDate(), Type: l.GetType(), Description: l.GetDescription(),
		ClientID: l.GetClientID(), ClientName: l.GetClientName(), Connection: l.GetConnection(),
		ConnectionID: l.GetConnectionID(), UserID: l.GetUserID(), UserName: l.GetUserName(),
		OrgID: l.GetOrganizationID(), OrgName: l.GetOrganizationName(), IP: l.GetIP(), Details: l.Details}
}
