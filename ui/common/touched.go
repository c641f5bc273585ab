package common

import (
	"context"
	"sync"
)

// Touched names what a change altered: an organization's tab ("" org:
// the organizations list).
type Touched struct {
	Org string
	Tab Tab
}

// TouchedMsg tells the screens that another session changed what they
// may show: a screen showing it reloads, unless the user is in the middle
// of something there (marks, a change in flight).
type TouchedMsg struct{ Touched }

// Changes is the server's news of changes, shared by its sessions: each
// publishes what its changes touched; every other session reloads what it
// shows of it. Nil outside a server.
type Changes struct {
	mu      sync.Mutex
	version uint64
	last    []news // the latest keptNews
	changed chan struct{}
}

type news struct {
	version uint64
	from    int // the publishing session, which needs no news of its own change
	what    Touched
}

// keptNews is how much news a slow session can catch up on: a change
// across organizations tells of each.
const keptNews = 1024

// NewChanges is an empty news feed.
func NewChanges() *Changes { return &Changes{changed: make(chan struct{})} }

// Publish tells the other sessions that session from touched what.
func (c *Changes) Publish(from int, what Touched) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.version++
	c.last = append(c.last, news{version: c.version, from: from, what: what})
	if len(c.last) > keptNews {
		c.last = c.last[len(c.last)-keptNews:]
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// Next waits for news after version from sessions other than session, and
// returns it with the version it has reached.
func (c *Changes) Next(ctx context.Context, session int, version uint64) ([]Touched, uint64, error) {
	for {
		c.mu.Lock()
		var out []Touched
		for _, n := range c.last {
			if n.version > version && n.from != session {
				out = append(out, n.what)
			}
		}
		v, ch := c.version, c.changed
		c.mu.Unlock()
		if len(out) > 0 {
			return out, v, nil
		}
		version = v
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, version, ctx.Err()
		}
	}
}
