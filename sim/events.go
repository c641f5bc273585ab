package sim

// The Events API (Enterprise, Early Access at Auth0): GET /api/v2/events
// streams the tenant's changes as server-sent CloudEvents. From API.md's
// reading of Auth0's docs: each message's id is an offset; a client
// resumes with from=<offset> (the events after it) or from_timestamp
// (those at or after a time); heartbeats carry only an offset; read:events;
// at most 1 (free), 4 (self-service) or 8 (Enterprise) connections at once.
// Guesses, where Auth0 says nothing: offsets are decimal strings; a
// heartbeat is a comment line and an id line with no data, every
// Options.EventsHeartbeat (15 s unless set); the last 10,000 events can be
// resumed from; the 429 for one connection too many; a subscriber that
// falls 256 events behind is cut off and must resume.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// CloudEvent is one event of the stream (CloudEvents 1.0, structured JSON).
type CloudEvent struct {
	SpecVersion     string         `json:"specversion"`
	Type            string         `json:"type"`
	Source          string         `json:"source"`
	ID              string         `json:"id"`
	Time            string         `json:"time"`
	DataContentType string         `json:"datacontenttype"`
	Data            map[string]any `json:"data"`

	offset int64
	at     time.Time
}

// Offset is the event's position in the stream, as its SSE id says it.
func (e CloudEvent) Offset() string { return strconv.FormatInt(e.offset, 10) }

// maxStreamEvents is how many past events a client can resume from.
const maxStreamEvents = 10000

// streamLimits are the concurrent connections per plan (API.md).
var streamLimits = map[string]int{"free": 1, "essentials": 4}

// eventHub keeps the recent events and feeds the open streams.
type eventHub struct {
	mu        sync.Mutex
	events    []*CloudEvent
	offset    int64
	subs      map[chan *CloudEvent]bool
	limit     int
	heartbeat time.Duration
}

func newEventHub(opts Options) *eventHub {
	limit, ok := streamLimits[opts.Plan]
	if !ok {
		limit = 8
	}
	hb := opts.EventsHeartbeat
	if hb <= 0 {
		hb = 15 * time.Second
	}
	return &eventHub{subs: map[chan *CloudEvent]bool{}, limit: limit, heartbeat: hb}
}

// publish adds an event of kind with data, at the time given.
func (h *eventHub) publish(kind string, data map[string]any, at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.offset++
	ev := &CloudEvent{SpecVersion: "1.0", Type: kind, Source: "urn:auth0:orgdash-sim", ID: fmt.Sprintf("evt_%016d", h.offset),
		Time: stamp(at), DataContentType: "application/json", Data: data, offset: h.offset, at: at}
	h.events = append(h.events, ev)
	if len(h.events) > maxStreamEvents {
		h.events = h.events[len(h.events)-maxStreamEvents:]
	}
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // too far behind: cut off; it resumes from its offset
			delete(h.subs, ch)
			close(ch)
		}
	}
}

// subscribe opens a stream: the backlog the request asks for and a channel
// of what follows, or false when the plan's connections are all in use.
func (h *eventHub) subscribe(from int64, since time.Time, replay bool) ([]*CloudEvent, chan *CloudEvent, int64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) >= h.limit {
		return nil, nil, 0, false
	}
	var backlog []*CloudEvent
	if replay {
		for _, ev := range h.events {
			if ev.offset > from && !ev.at.Before(since) {
				backlog = append(backlog, ev)
			}
		}
	}
	ch := make(chan *CloudEvent, 256)
	h.subs[ch] = true
	return backlog, ch, h.offset, true
}

func (h *eventHub) unsubscribe(ch chan *CloudEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, ch)
}

// Events are the events published so far that a client could still
// resume from, oldest first: for tests.
func (s *Server) Events() []CloudEvent {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	out := make([]CloudEvent, 0, len(s.events.events))
	for _, ev := range s.events.events {
		out = append(out, *ev)
	}
	return out
}

// serveEvents answers GET /api/v2/events with a stream.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !claimsOf(r).has("read:events") {
		writeError(w, errScope("read:events"))
		return
	}
	q := r.URL.Query()
	var from int64
	var since time.Time
	replay := q.Has("from") || q.Has("from_timestamp")
	if v := q.Get("from"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			writeError(w, errQuery("'Invalid offset' on property from (The offset to resume the stream after.)."))
			return
		}
		from = n
	}
	if v := q.Get("from_timestamp"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			writeError(w, errQuery("'Invalid date-time' on property from_timestamp (The time to resume the stream from.)."))
			return
		}
		since = t
	}
	backlog, ch, last, ok := s.events.subscribe(from, since, replay)
	if !ok {
		writeError(w, &apiError{Status: http.StatusTooManyRequests, Code: "too_many_connections",
			Message: fmt.Sprintf("Too many concurrent connections to the events stream (at most %d)", s.events.limit)})
		return
	}
	defer s.events.unsubscribe(ch)
	flusher, _ := w.(http.Flusher)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	send := func(ev *CloudEvent) bool {
		raw, _ := json.Marshal(ev)
		_, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", ev.offset, ev.Type, raw)
		last = max(last, ev.offset)
		return err == nil
	}
	for _, ev := range backlog {
		if !send(ev) {
			return
		}
	}
	if flusher != nil {
		flusher.Flush()
	}
	tick := time.NewTicker(s.events.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-ch:
			if !open || !send(ev) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprintf(w, ": heartbeat\nid: %d\n\n", last); err != nil {
				return
			}
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}
