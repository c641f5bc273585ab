// Package crossorg is the work that spans a tenant's organizations:
// Index, which organizations enable which connection (Auth0 has no reverse
// lookup, so a scan reads each organization once and keeps what it read);
// FindOrganizations, a search by any part of a name, id or metadata; and
// Job, one change made organization by organization, planned, paced,
// paused, stopped and retried.
package crossorg

import (
	"context"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
)

// Auth0 has no reverse lookup from a connection to the organizations that
// enable it: the only way is to read every organization's connections, one
// call each. Index keeps what a scan read, per tenant and shared by every
// session on it, so a scan is paid once, resumes where it stopped, and
// says how old it is.

// Index is which organizations have which connections, as last read.
type Index struct {
	mu       sync.Mutex
	orgs     []client.Organization // every organization, as listed at the scan's start
	conns    map[string][]client.Connection
	readAt   map[string]time.Time
	listedAt time.Time
	scanning bool
	round    int            // a fresh scan begins a round: it reads again what earlier ones read
	readIn   map[string]int // the round each organization was last read in

	path, tenant string // where it is kept (Keep), and for which tenant
	dirty        bool
	savedAt      time.Time
}

var indexes sync.Map // *pace.Tracker (one per tenant) → *Index

// IndexOf is the tenant's index: every client of one tenant shares its tracker.
func IndexOf(cl client.Client) *Index {
	x, _ := indexes.LoadOrStore(cl.Tracker(), &Index{conns: map[string][]client.Connection{}, readAt: map[string]time.Time{},
		readIn: map[string]int{}})
	return x.(*Index)
}

// ScanProgress is how far a scan is.
type ScanProgress struct {
	Read, Total int // organizations read, of all
	Done        bool
	Err         error
}

// scanWorkers read organizations side by side: the budget paces them, so
// more only hides each call's latency.
const scanWorkers = 4

// Scan reads the connections of every organization not read yet, in the
// background of the budget, calling progress after each. Fresh lists the
// organizations again and reads every one again, showing what was read
// before until each is read anew. Cancelling keeps what was read: the
// next scan goes on from there. One scan at a time per tenant; a second
// call returns at once.
func (x *Index) Scan(ctx context.Context, cl client.Client, fresh bool, progress func(ScanProgress)) error {
	x.mu.Lock()
	if x.scanning {
		x.mu.Unlock()
		return nil
	}
	x.scanning = true
	if fresh {
		x.round++
	}
	listed := x.orgs != nil && !fresh
	x.mu.Unlock()
	defer func() {
		x.mu.Lock()
		x.scanning = false
		x.mu.Unlock()
	}()
	ctx = pace.Background(ctx)
	if !listed {
		orgs, err := client.All(ctx, cl.Organizations)
		if err != nil {
			return err
		}
		x.mu.Lock()
		x.orgs, x.listedAt, x.dirty = orgs, time.Now(), true
		x.forgetUnlisted()
		x.mu.Unlock()
	}
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	todo := make(chan client.Organization)
	var wg sync.WaitGroup
	var told sync.Mutex // progress hears one organization at a time
	for range scanWorkers {
		wg.Go(func() {
			for o := range todo {
				conns, err := cl.Connections(ctx, o.ID)
				if client.KindOf(err) == client.NotFound {
					conns, err = nil, nil // deleted since the listing: it has none
				}
				if err != nil {
					stop(err) // the first error ends the scan; what was read stays
					continue
				}
				x.mu.Lock()
				x.conns[o.ID], x.readAt[o.ID], x.dirty = conns, time.Now(), true
				x.readIn[o.ID] = x.round
				p := x.progressLocked()
				x.mu.Unlock()
				told.Lock()
				progress(p)
				told.Unlock()
			}
		})
	}
	for _, o := range x.unread() {
		if ctx.Err() != nil {
			break
		}
		todo <- o
	}
	close(todo)
	wg.Wait()
	var first error
	if ctx.Err() != nil {
		first = context.Cause(ctx)
	}
	x.mu.Lock()
	p := x.progressLocked()
	saveErr := x.saveLocked(true) // what was read stays read, stopped or not
	x.mu.Unlock()
	if first == nil {
		first = saveErr
	}
	p.Err = first
	progress(p)
	return first
}

// forgetUnlisted drops what was read of organizations the listing no
// longer has (deleted since).
func (x *Index) forgetUnlisted() {
	listed := make(map[string]bool, len(x.orgs))
	for _, o := range x.orgs {
		listed[o.ID] = true
	}
	for id := range x.readAt {
		if !listed[id] {
			delete(x.readAt, id)
			delete(x.conns, id)
			delete(x.readIn, id)
		}
	}
}

// readNow reports whether this round has read organization id.
func (x *Index) readNow(id string) bool {
	round, ok := x.readIn[id]
	return ok && round == x.round
}

func (x *Index) unread() []client.Organization {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []client.Organization
	for _, o := range x.orgs {
		if !x.readNow(o.ID) {
			out = append(out, o)
		}
	}
	return out
}

func (x *Index) progressLocked() ScanProgress {
	read := 0
	for _, o := range x.orgs {
		if x.readNow(o.ID) {
			read++
		}
	}
	return ScanProgress{Read: read, Total: len(x.orgs), Done: x.orgs != nil && read == len(x.orgs)}
}

// Scanning reports whether a scan is under way.
func (x *Index) Scanning() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.scanning
}

// Progress is how far the index is now.
func (x *Index) Progress() ScanProgress {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.progressLocked()
}

// Use is one organization's association with a connection.
type Use struct {
	Org  client.Organization
	Conn client.Connection
}

// Using are the organizations read so far that have connID, enabled or
// not, in listing order.
func (x *Index) Using(connID string) []Use {
	x.mu.Lock()
	defer x.mu.Unlock()
	var uses []Use
	for _, o := range x.orgs {
		if _, read := x.readAt[o.ID]; !read {
			continue
		}
		for _, c := range x.conns[o.ID] {
			if c.ID == connID {
				uses = append(uses, Use{Org: o, Conn: c})
			}
		}
	}
	return uses
}

// Oldest is when the organization read longest ago was read; zero when
// none is.
func (x *Index) Oldest() time.Time {
	x.mu.Lock()
	defer x.mu.Unlock()
	var oldest time.Time
	for _, o := range x.orgs {
		if at, ok := x.readAt[o.ID]; ok && (oldest.IsZero() || at.Before(oldest)) {
			oldest = at
		}
	}
	return oldest
}

// Counts are how many organizations read so far have each connection.
func (x *Index) Counts() map[string]int {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := map[string]int{}
	for _, conns := range x.conns {
		for _, c := range conns {
			out[c.ID]++
		}
	}
	return out
}

// Put records what a change left: conn as it is now in orgID, or gone.
func (x *Index) Put(orgID string, conn client.Connection, gone bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.readAt[orgID]; !ok {
		return // not read: the next scan reads it whole
	}
	list := x.conns[orgID][:0:0]
	for _, c := range x.conns[orgID] {
		if c.ID != conn.ID {
			list = append(list, c)
		}
	}
	if !gone {
		list = append(list, conn)
	}
	x.conns[orgID], x.dirty = list, true
	_ = x.saveLocked(false) // a failure shows at the next scan's end or Flush
}
