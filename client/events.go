package client

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/orgdash/orgdash/limits"
)

// The Events API (Enterprise, Early Access at Auth0): GET /api/v2/events
// streams the tenant's changes as server-sent CloudEvents; each message's
// id is an offset to resume after (from=<offset>); heartbeats carry only
// an offset; read:events; 1 to 8 connections at once by plan (API.md).

// Event is one event of the tenant's stream, or a heartbeat (Type "").
// Its strings come from the tenant: sanitise before showing.
type Event struct {
	Offset string // resume after it with Events(ctx, Offset, …)
	Type   string // organization.member.added, organization.connection.updated, …
	ID     string
	Time   time.Time
	Data   map[string]any // {"object": …, "previous_object": …}
}

// OrgID is the organization the event is about, where it names one.
func (e Event) OrgID() string {
	obj, _ := e.Data["object"].(map[string]any)
	if org, ok := obj["organization"].(map[string]any); ok {
		id, _ := org["id"].(string)
		return id
	}
	if strings.HasPrefix(e.Type, "organization.") && strings.Count(e.Type, ".") == 1 {
		id, _ := obj["id"].(string)
		if id == "" {
			prev, _ := e.Data["previous_object"].(map[string]any)
			id, _ = prev["id"].(string)
		}
		return id
	}
	return ""
}

// eventsPath is the stream's path, which the pacer passes through unbuffered.
const eventsPath = "/api/v2/events"

func streaming(req *http.Request) bool {
	return req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, eventsPath)
}

// stream sends a stream's request once, within the budget, and hands its
// body on as it comes (a buffered body would never end).
func (p *pacer) stream(req *http.Request, group limits.Group) (*http.Response, error) {
	permit, err := p.tracker.Acquire(req.Context(), group)
	if err != nil {
		return nil, err
	}
	res, err := p.base.RoundTrip(req)
	if err != nil {
		p.tracker.Observe(permit, nil)
		return nil, err
	}
	wait := time.Duration(0)
	if res.StatusCode == http.StatusTooManyRequests {
		wait = retryWait(res, time.Now())
	}
	p.tracker.Observe(permit, answer(res, wait))
	return res, nil
}

// Events reads the tenant's event stream after offset from ("": what
// comes from now on), giving each event and heartbeat to yield until it
// returns false, ctx ends or the stream drops. It returns the last offset
// read (from, if none), to resume with, and why it ended: nil when yield
// stopped it, Unsupported where the tenant has no Events API, Forbidden
// without read:events, RateLimited when every connection the plan allows
// is in use, or the drop.
func (c *auth0Client) Events(ctx context.Context, from string, yield func(Event) bool) (string, error) {
	uri := c.m.URI("events")
	if from != "" {
		uri += "?from=" + url.QueryEscape(from)
	}
	req, err := c.m.NewRequest(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return from, err
	}
	req.Header.Set("Accept", "text/event-stream")
	res, err := c.m.Do(req)
	if err != nil {
		return from, c.classify("read events", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return from, streamError(res)
	}
	return readEvents(res.Body, from, yield)
}

// streamError is what a refused stream's answer means.
func streamError(res *http.Response) error {
	var body struct {
		Message string `json:"message"`
	}
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	_ = json.Unmarshal(raw, &body)
	e := &Error{Op: "read events", Status: res.StatusCode, Message: body.Message, Kind: Unknown}
	if res.StatusCode >= 500 {
		e.Kind = Unavailable
	}
	switch res.StatusCode {
	case http.StatusNotFound:
		e.Kind, e.Message = Unsupported, "this tenant has no Events API"
	case http.StatusForbidden:
		e.Kind, e.Scopes = Forbidden, []string{"read:events"}
	case http.StatusUnauthorized:
		e.Kind = Unauthorized
	case http.StatusTooManyRequests:
		e.Kind = RateLimited
	}
	if e.Message == "" {
		e.Message = http.StatusText(res.StatusCode)
	}
	return e
}

// readEvents parses a server-sent event stream (the WHATWG format: fields
// id, event, data; a blank line ends a message; ":" starts a comment).
func readEvents(r io.Reader, last string, yield func(Event) bool) (string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var id, data string
	var hasID bool
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF // a stream does not end: it dropped
			}
			return last, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" { // dispatch
			if hasID {
				last = id
			}
			if hasID || data != "" {
				ev := Event{Offset: last}
				if data != "" {
					var ce struct {
						Type string         `json:"type"`
						ID   string         `json:"id"`
						Time time.Time      `json:"time"`
						Data map[string]any `json:"data"`
					}
					if json.Unmarshal([]byte(data), &ce) == nil {
						ev.Type, ev.ID, ev.Time, ev.Data = ce.Type, ce.ID, ce.Time, ce.Data
					}
				}
				if !yield(ev) {
					return last, nil
				}
			}
			id, data, hasID = "", "", false
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "id":
			id, hasID = value, true
		case "data":
			if data != "" {
				data += "\n"
			}
			data += value
		}
	}
}
