package activity

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// Source is where a tenant's activity comes from.
type Source struct {
	Client client.Client
	// AuditPath is orgdash's audit log ("" none: every change shows as made elsewhere).
	AuditPath string
	// Archive keeps the organization events read beyond the tenant's
	// retention (nil: none).
	Archive *Archive
	// Depth is how many sapi events a first read takes, newest first
	// (0: DefaultDepth). Auth0 cannot search the path, so an organization's
	// changes are found among the tenant's.
	Depth int
	// Names turns ids into what people call them (optional).
	Names map[string]string
	// Live is the tenant's Events API subscription, where it has one: news
	// of changes as they happen (nil: the logs are polled alone).
	Live *Live
}

// DefaultDepth is how many sapi events a first read takes: three calls.
const DefaultDepth = 300

// Query is which activity to read.
type Query struct {
	Org string // the organization's id; "" for the whole tenant
	// OrgName is what the organization is called: audit lines of an older
	// orgdash named some changes' organization by name alone.
	OrgName string
	Since   time.Time // zero: as far as the logs (and the archive) go
}

// keptLogs bounds the events a feed holds.
const keptLogs = 5000

// Feed is a query's timeline, read once and then followed from its
// checkpoint. Safe for concurrent use; Load and Poll are best run one at a
// time (a second waits for the first).
type Feed struct {
	src Source
	q   Query

	run        sync.Mutex // one read at a time
	mu         sync.Mutex
	logs       map[string]client.LogEvent
	names      map[string]string // the tenant's connections by id, once read
	checkpoint string            // the newest log id read: Poll reads on from there
	cpDate     time.Time         // and its date
	read       bool
	shared     sharedUse // what of the tenant's shared things the organization uses
}

// NewFeed is the feed of q's activity from src; nothing is read yet.
func NewFeed(src Source, q Query) *Feed {
	return &Feed{src: src, q: q, logs: map[string]client.LogEvent{}, shared: sharedUse{userOrgs: map[string][]string{}}}
}

// Query is what the feed reads.
func (f *Feed) Query() Query { return f.q }

// searches are the log reads of a first read: for an organization, its
// sapi events among the tenant's (by type and date) and its own events (by
// organization_id); for the tenant, one read of every type shown.
func (f *Feed) searches() []client.LogQuery {
	depth := cmpOrZero(f.src.Depth, DefaultDepth)
	own := append([]string{"organization_member_added", "s"}, LoginFailureTypes...)
	if f.q.Org == "" {
		return []client.LogQuery{{Types: append([]string{"sapi"}, own...), Since: f.q.Since, Limit: depth}}
	}
	return []client.LogQuery{{Types: []string{"sapi"}, Since: f.q.Since, Limit: depth},
		{OrgID: f.q.Org, Types: own, Since: f.q.Since, Limit: 100}}
}

func cmpOrZero(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Load reads the activity anew: the audit, the tenant logs (two searches
// for an organization, one for the tenant, newest first) and the archive;
// the first time, also the tenant's connections and applications, to name
// them (a call each).
// What was read is kept (and archived) even when a read fails.
func (f *Feed) Load(ctx context.Context) ([]Entry, error) {
	f.run.Lock()
	defer f.run.Unlock()
	var errs []error
	for _, q := range f.searches() {
		l, err := f.src.Client.Logs(ctx, q)
		f.keep(l, len(l) > 0)
		if err != nil {
			errs = append(errs, err)
		}
	}
	f.mu.Lock()
	named := f.names != nil
	f.read = true
	f.mu.Unlock()
	if !named { // once: "disabled okta-workforce for Customer Portal" reads better than their ids
		names := map[string]string{}
		if cs, err := f.src.Client.TenantConnections(ctx); err == nil {
			for _, c := range cs {
				names[c.ID] = c.Name
			}
		}
		if f.src.Client.Capabilities().Can(client.ReadApplications).Allowed {
			if as, err := f.src.Client.Applications(ctx); err == nil {
				for _, a := range as {
					names[a.ID] = a.Name
				}
			}
		}
		f.mu.Lock()
		f.names = names
		f.mu.Unlock()
	}
	f.relate(ctx, true)
	return f.finish(errs...)
}

// Poll reads what the tenant logged since the last read, in one call (the
// events after the checkpoint, at most a page; a busy tenant's next poll
// reads on). Without a checkpoint (nothing logged yet) it loads again.
func (f *Feed) Poll(ctx context.Context) ([]Entry, error) {
	f.mu.Lock()
	cp, read := f.checkpoint, f.read
	f.mu.Unlock()
	if !read || cp == "" {
		return f.Load(ctx)
	}
	f.run.Lock()
	defer f.run.Unlock()
	l, err := f.src.Client.Logs(ctx, client.LogQuery{After: cp, Limit: PollPage})
	f.mu.Lock()
	if client.KindOf(err) == client.Invalid && f.checkpoint == cp {
		f.checkpoint = "" // a checkpoint Auth0 no longer takes (past retention): the next poll reads anew
	}
	if len(l) > 0 {
		last := l[len(l)-1] // oldest first: the last is the newest
		f.checkpoint, f.cpDate = last.ID, last.Date
	}
	f.mu.Unlock()
	f.keep(l, false)
	f.relate(ctx, false)
	return f.finish(err)
}

// PollPage is how many events one poll reads: one call's page.
const PollPage = 100

// keep holds the events of the feed's query; newestFirst: l's first is the
// newest, a checkpoint when later than the one held.
func (f *Feed) keep(l []client.LogEvent, newestFirst bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if newestFirst {
		if f.checkpoint == "" || l[0].Date.After(f.cpDate) {
			f.checkpoint, f.cpDate = l[0].ID, l[0].Date
		}
	}
	for _, e := range l {
		if f.wants(e) {
			f.logs[e.ID] = e
		}
	}
	if len(f.logs) > keptLogs {
		all := make([]client.LogEvent, 0, len(f.logs))
		for _, e := range f.logs {
			all = append(all, e)
		}
		slices.SortFunc(all, func(a, b client.LogEvent) int { return b.Date.Compare(a.Date) })
		for _, e := range all[keptLogs:] {
			delete(f.logs, e.ID)
		}
	}
}

// wants reports whether e belongs to the feed's query.
func (f *Feed) wants(e client.LogEvent) bool {
	if !f.q.Since.IsZero() && e.Date.Before(f.q.Since) {
		return false
	}
	if e.Type == "sapi" { // every change for the tenant; an organization's, and those to what it may share
		org, ok := sapiOrg(e)
		if kind, _ := sharedTarget(e); kind != noTarget {
			return true
		}
		return f.q.Org == "" || (ok && org == f.q.Org)
	}
	return kindOfLog(e) >= 0 && e.OrgID != "" && (f.q.Org == "" || e.OrgID == f.q.Org)
}

// finish archives what was read and builds the timeline.
func (f *Feed) finish(errs ...error) ([]Entry, error) {
	f.mu.Lock()
	logs := make([]client.LogEvent, 0, len(f.logs))
	for _, e := range f.logs {
		logs = append(logs, e)
	}
	names := map[string]string{}
	maps.Copy(names, f.names)
	f.mu.Unlock()
	maps.Copy(names, f.src.Names)
	if a := f.src.Archive; a != nil {
		if err := a.Add(logs); err != nil {
			errs = append(errs, err)
		}
		for _, e := range a.Events() {
			if f.wants(e) {
				logs = append(logs, e) // Build drops the repeats
			}
		}
	}
	changes, err := readAudit(f.src.AuditPath)
	if err != nil {
		errs = append(errs, err)
	}
	running := map[string]bool{}
	for _, c := range changes {
		if c.Outcome == nil && audit.Live(f.src.AuditPath, c.Intent.Writer) {
			running[c.Intent.ID] = true
		}
	}
	c := f.src.Client
	return Build(Input{Tenant: audit.TenantName(c.Tenant()), Org: f.q.Org, OrgName: f.q.OrgName, OurClient: c.Capabilities().ClientID,
		Changes: changes, Logs: logs, Names: names, Events: f.src.Live.Recent(), Through: f.through(logs, names),
		InProgress: running}), errors.Join(errs...)
}

// Settle builds the timeline again from what was read, with the audit read
// anew: no call to Auth0. A change in progress shows its outcome once
// written.
func (f *Feed) Settle() ([]Entry, error) {
	f.run.Lock()
	defer f.run.Unlock()
	return f.finish()
}

// readAudit reads the audit log at path through the audit package's reader.
func readAudit(path string) ([]audit.Change, error) {
	if path == "" {
		return nil, nil
	}
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return audit.Read(file)
}
