package sim

// The tenant log: Auth0's log events in memory, kept for the plan's
// retention, in log_id order.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// LogEvent is one tenant log event in Auth0's shape (the fields of
// go-auth0's management.Log and of Auth0's Tenant Log Catalog,
// auth0.com/docs/deploy-monitor/logs/log-event-type-codes). On the wire
// every field is present, null where it does not apply, with _id equal to
// log_id: as go-auth0's recordings TestLogManager*.yaml show them.
type LogEvent struct {
	LogID            string         `json:"log_id"`
	Date             string         `json:"date"`
	Type             string         `json:"type"`
	Description      string         `json:"description,omitempty"`
	ClientID         string         `json:"client_id,omitempty"`
	ClientName       string         `json:"client_name,omitempty"`
	Connection       string         `json:"connection,omitempty"`
	ConnectionID     string         `json:"connection_id,omitempty"`
	UserID           string         `json:"user_id,omitempty"`
	UserName         string         `json:"user_name,omitempty"`
	OrganizationID   string         `json:"organization_id,omitempty"`
	OrganizationName string         `json:"organization_name,omitempty"`
	IP               string         `json:"ip,omitempty"`
	Hostname         string         `json:"hostname,omitempty"`
	UserAgent        string         `json:"user_agent,omitempty"`
	Strategy         string         `json:"strategy,omitempty"`
	StrategyType     string         `json:"strategy_type,omitempty"`
	Details          map[string]any `json:"details,omitempty"`

	at time.Time
}

// MarshalJSON writes the event as Auth0 does: every key, in its order,
// null for what does not apply (the description stays a string).
func (e LogEvent) MarshalJSON() ([]byte, error) {
	or := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var details any
	if e.Details != nil {
		details = e.Details
	}
	return json.Marshal(struct {
		ID               any    `json:"_id"`
		LogID            string `json:"log_id"`
		Date             string `json:"date"`
		Type             string `json:"type"`
		Description      string `json:"description"`
		Connection       any    `json:"connection"`
		ConnectionID     any    `json:"connection_id"`
		OrganizationID   any    `json:"organization_id"`
		OrganizationName any    `json:"organization_name"`
		ClientID         any    `json:"client_id"`
		ClientName       any    `json:"client_name"`
		IP               any    `json:"ip"`
		Hostname         any    `json:"hostname"`
		Details          any    `json:"details"`
		UserID           any    `json:"user_id"`
		UserName         any    `json:"user_name"`
		UserAgent        any    `json:"user_agent"`
		Audience         any    `json:"audience"`
		Strategy         any    `json:"strategy"`
		StrategyType     any    `json:"strategy_type"`
		IsMobile         bool   `json:"isMobile"`
		LocationInfo     any    `json:"location_info"`
	}{e.LogID, e.LogID, e.Date, e.Type, e.Description, or(e.Connection), or(e.ConnectionID), or(e.OrganizationID),
		or(e.OrganizationName), or(e.ClientID), or(e.ClientName), or(e.IP), or(e.Hostname), details, or(e.UserID),
		or(e.UserName), or(e.UserAgent), nil, or(e.Strategy), or(e.StrategyType), false, nil})
}

// retentionDays is how long a plan keeps its logs, from Auth0's Log Data
// Retention page (auth0.com/docs/deploy-monitor/logs/log-data-retention):
// Free 1 day, Essentials 5, Professional 10, Enterprise 30. The simulator's
// "essentials" plan stands for Essentials and Professional (one rate-limit
// page): it keeps Essentials' 5. Private cloud is Enterprise. A tenant
// with no plan keeps 30 days (a guess: the longest).
var retentionDays = map[string]int{"free": 1, "essentials": 5, "enterprise": 30, "enterprise-nonprod": 30,
	"private-20": 30, "private-500": 30}

// apiLog is the tenant log. It has its own lock: the rate limiter writes
// to it outside the tenant's.
type apiLog struct {
	mu        sync.Mutex
	events    []*LogEvent // by log_id
	byID      map[string]*LogEvent
	seq       int64
	lastIDAt  time.Time // the time in the newest log_id
	retention time.Duration
	now       func() time.Time
}

func newAPILog(plan string, now func() time.Time) *apiLog {
	days, ok := retentionDays[plan]
	if !ok {
		days = 30
	}
	return &apiLog{byID: map[string]*LogEvent{}, retention: time.Duration(days) * 24 * time.Hour, now: now}
}

// maxLogEvents bounds the log kept in memory.
const maxLogEvents = 50000

// add records a rate-limit event: api_limit on a 429, api_limit_warning as
// a bucket passes 80% use.
func (l *apiLog) add(kind, bucket, description string) {
	l.record(&LogEvent{Type: kind, Description: description, Details: map[string]any{"bucket": bucket}})
}

// record keeps ev, filling its date (now, unless set) and its log_id.
// Auth0's log_ids are 56 digits that sort in the order events were
// ingested (the example on auth0.com/docs/deploy-monitor/logs/
// retrieve-log-events-using-mgmt-api is 900 then a UTC timestamp then
// more digits); here: 900, the event's UTC time to the millisecond, and a
// sequence number. An event recorded late with an old date would sort
// before a checkpoint and be missed, so its id takes the ingestion time.
func (l *apiLog) record(ev *LogEvent) *LogEvent {
	l.mu.Lock()
	now := l.now()
	if ev.at.IsZero() {
		ev.at = now
	}
	ev.Date = stamp(ev.at)
	l.seq++
	idAt := ev.at
	if idAt.After(now) || idAt.Before(l.lastIDAt) {
		idAt = now
		if now.Before(l.lastIDAt) {
			idAt = l.lastIDAt
		}
	}
	l.lastIDAt = idAt
	ev.LogID = fmt.Sprintf("900%s%036d", idAt.UTC().Format("20060102150405.000"), l.seq)
	ev.LogID = strings.Replace(ev.LogID, ".", "", 1)
	i, _ := slices.BinarySearchFunc(l.events, ev.LogID, func(e *LogEvent, id string) int { return strings.Compare(e.LogID, id) })
	l.events = slices.Insert(l.events, i, ev)
	l.byID[ev.LogID] = ev
	if len(l.events) > maxLogEvents {
		for _, old := range l.events[:len(l.events)-maxLogEvents] {
			delete(l.byID, old.LogID)
		}
		l.events = slices.Delete(l.events, 0, len(l.events)-maxLogEvents)
	}
	l.mu.Unlock()
	return ev
}

// kept are the events within retention, in log_id order (oldest first).
func (l *apiLog) kept() []*LogEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	cut := l.now().Add(-l.retention)
	i := 0
	for i < len(l.events) && l.events[i].at.Before(cut) {
		delete(l.byID, l.events[i].LogID)
		i++
	}
	l.events = l.events[i:]
	return slices.Clone(l.events)
}

// get is the event with id, if still kept.
func (l *apiLog) get(id string) *LogEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	ev := l.byID[id]
	if ev == nil || ev.at.Before(l.now().Add(-l.retention)) {
		return nil
	}
	return ev
}

// Logs are the tenant's log events within retention, oldest first: what a
// test reads to check what a call wrote.
func (s *Server) Logs() []LogEvent {
	var out []LogEvent
	for _, ev := range s.log.kept() {
		out = append(out, *ev)
	}
	return out
}

// AddLogEvent records ev as if Auth0 had (its date now unless ev.Date is
// set, RFC 3339) and returns its log_id: for tests and the demo's history.
func (s *Server) AddLogEvent(ev LogEvent) (string, error) {
	if ev.Date != "" {
		at, err := time.Parse(time.RFC3339Nano, ev.Date)
		if err != nil {
			return "", err
		}
		ev.at = at
	}
	return s.log.record(&ev).LogID, nil
}
