package activity

import (
	"context"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
)

// Live is a tenant's one Events API subscription, shared by every session
// of the dashboard or the server: Auth0 allows 1 to 8 connections at once
// by plan, so never one per session. It resumes from the last offset after
// a drop, so nothing published meanwhile is missed (within what Auth0
// keeps to resume from). A tenant without the Events API, or a token
// without read:events, leaves it Off: following then polls the logs.
type Live struct {
	cl client.Client

	mu      sync.Mutex
	state   LiveState
	err     error
	offset  string
	subs    map[int]func(client.Event)
	nextSub int
	started bool
	drops   int
	recent  []client.Event // the latest keptEvents, for what logs lack (previous_object)
}

// keptEvents is how many recent events a subscription keeps.
const keptEvents = 1000

// Recent are the latest events read, oldest first.
func (l *Live) Recent() []client.Event {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]client.Event(nil), l.recent...)
}

// LiveState is how a tenant's subscription stands.
type LiveState int

// The states of a subscription.
const (
	Connecting LiveState = iota // not open yet
	Streaming                   // open: events come as they happen
	Dropped                     // lost; reconnecting from the last offset
	Off                         // the tenant has no Events API (or no read:events): the logs are polled
)

func (s LiveState) String() string {
	return [...]string{"connecting", "streaming", "reconnecting", "off"}[s]
}

// NewLive is cl's tenant's subscription, not yet started (Start).
func NewLive(cl client.Client) *Live {
	return &Live{cl: cl, subs: map[int]func(client.Event){}}
}

// Start runs the subscription until ctx ends; a second Start does nothing.
func (l *Live) Start(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started {
		return
	}
	l.started = true
	go l.run(ctx)
}

// Subscribe calls fn with every event (never a heartbeat), on the
// subscription's goroutine: fn must not block. cancel stops it.
func (l *Live) Subscribe(fn func(client.Event)) (cancel func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	id := l.nextSub
	l.nextSub++
	l.subs[id] = fn
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.subs, id)
	}
}

// State is how the subscription stands, with the last error.
func (l *Live) State() (LiveState, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state, l.err
}

// Offset is the last offset read: where a reconnection resumes.
func (l *Live) Offset() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.offset
}

// Drops is how many times the stream dropped and was resumed.
func (l *Live) Drops() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.drops
}

// Reconnection waits: from MinRetry, doubling to MaxRetry; a plan whose
// connections are all in use waits BusyRetry.
const (
	MinRetry  = time.Second
	MaxRetry  = 30 * time.Second
	BusyRetry = time.Minute
)

func (l *Live) run(ctx context.Context) {
	wait := MinRetry
	for ctx.Err() == nil {
		l.mu.Lock()
		from := l.offset
		l.mu.Unlock()
		_, err := l.cl.Events(ctx, from, func(ev client.Event) bool {
			l.mu.Lock()
			if ev.Offset != "" {
				l.offset = ev.Offset
			}
			l.state, l.err = Streaming, nil
			if ev.Type != "" {
				l.recent = append(l.recent, ev)
				if len(l.recent) > keptEvents {
					l.recent = l.recent[len(l.recent)-keptEvents:]
				}
			}
			subs := make([]func(client.Event), 0, len(l.subs))
			for _, fn := range l.subs {
				subs = append(subs, fn)
			}
			l.mu.Unlock()
			wait = MinRetry // it was up: a drop now is news, not a storm
			if ev.Type != "" {
				for _, fn := range subs {
					fn(ev)
				}
			}
			return ctx.Err() == nil
		})
		if ctx.Err() != nil {
			return
		}
		l.mu.Lock()
		l.err = err
		switch client.KindOf(err) {
		case client.Unsupported, client.Forbidden, client.Unauthorized:
			l.state = Off
			l.mu.Unlock()
			return
		case client.RateLimited:
			wait = max(wait, BusyRetry)
		}
		l.state = Dropped
		l.drops++
		l.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(wait*2, MaxRetry)
	}
}

// KeepIndex keeps the tenant's index of which organizations use which
// connection current from connection events, so it needs no rescan.
func KeepIndex(x *crossorg.Index) func(client.Event) {
	return func(ev client.Event) {
		org := ev.OrgID()
		conn := object(ev.Data, "object", "connection")
		if org == "" || conn == nil {
			return
		}
		id := firstOf(str(conn, "connection_id"), str(conn, "id"))
		if id == "" {
			return
		}
		c := client.Connection{ID: id, Enabled: true, Legacy: true}
		for _, u := range x.Using(id) { // what the index knows, for what the event leaves out
			if u.Org.ID == org {
				c = u.Conn
			}
		}
		c.Name = firstOf(str(conn, "connection", "name"), c.Name)
		c.Strategy = firstOf(str(conn, "connection", "strategy"), c.Strategy)
		flag := func(key string, into *bool) {
			if v, ok := conn[key].(bool); ok {
				*into = v
			}
		}
		if _, ok := conn["is_enabled"].(bool); ok {
			c.Legacy = false
		}
		flag("is_enabled", &c.Enabled)
		flag("assign_membership_on_login", &c.AssignMembershipOnLogin)
		flag("show_as_button", &c.ShowAsButton)
		flag("is_signup_enabled", &c.SignupEnabled)
		switch ev.Type {
		case "organization.connection.added", "organization.connection.updated":
			x.Put(org, c, false)
		case "organization.connection.removed":
			x.Put(org, c, true)
		}
	}
}
