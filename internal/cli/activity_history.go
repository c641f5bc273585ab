package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/ui/common"
)

// histories are where the dashboard's and serve's Activity tabs read: the
// audit log at one path and, where ORGDASH_ACTIVITY_ARCHIVE is "on" (or 1,
// true), one archive per real tenant shared by every session; and each
// tenant's one Events API subscription, which tells every session's
// screens of changes made anywhere and keeps the connection index current.
type histories struct {
	ctx       context.Context // the process's (or server's) lifetime: the subscriptions'
	auditPath string
	archive   bool
	warn      io.Writer
	changes   *common.Changes // the sessions' news feed the events are relayed to
	mu        sync.Mutex
	archives  map[string]*activity.Archive
	lives     map[string]*activity.Live
}

func newHistories(ctx context.Context, auditPath string, changes *common.Changes, warn io.Writer) *histories {
	on := map[string]bool{"on": true, "1": true, "true": true, "yes": true}[os.Getenv("ORGDASH_ACTIVITY_ARCHIVE")]
	return &histories{ctx: ctx, auditPath: auditPath, archive: on, warn: warn, changes: changes,
		archives: map[string]*activity.Archive{}, lives: map[string]*activity.Live{}}
}

// live is cl's tenant's subscription, started on first use: one per
// tenant however many sessions show it.
func (h *histories) live(cl client.Client) *activity.Live {
	h.mu.Lock()
	defer h.mu.Unlock()
	domain := cl.Tenant().Domain
	if l, ok := h.lives[domain]; ok {
		return l
	}
	l := activity.NewLive(cl)
	h.lives[domain] = l
	if h.changes != nil {
		h.changes.Relay(l)
	}
	l.Subscribe(activity.KeepIndex(crossorg.IndexOf(cl)))
	l.Start(h.ctx)
	return l
}

// setup gives a session its activity source and starts its tenant's
// subscription; the first session's news feed (the server's, shared by
// all) carries the events.
func (h *histories) setup(c *common.Common) {
	h.mu.Lock()
	if h.changes == nil {
		h.changes = c.Changes
	}
	h.mu.Unlock()
	c.History = h.source
	h.live(c.Client)
}

// source is cl's tenant's activity source.
func (h *histories) source(cl client.Client) activity.Source {
	src := activity.Source{Client: cl, AuditPath: h.auditPath, Live: h.live(cl)}
	t := cl.Tenant()
	if !h.archive || t.Demo {
		return src
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	a, ok := h.archives[t.Domain]
	if !ok {
		var err error
		if a, err = openArchive(t.Domain); err != nil && h.warn != nil {
			fmt.Fprintln(h.warn, "orgdash: the activity archive:", err)
		}
		h.archives[t.Domain] = a // nil after a failure: not tried again
	}
	src.Archive = a
	return src
}
