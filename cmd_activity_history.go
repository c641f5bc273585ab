package main

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
)

// histories are where the dashboard's and serve's Activity tabs read: the
// audit log at one path and, where ORGDASH_ACTIVITY_ARCHIVE is "on" (or 1,
// true), one archive per real tenant shared by every session.
type histories struct {
	auditPath string
	archive   bool
	warn      io.Writer
	mu        sync.Mutex
	archives  map[string]*activity.Archive
}

func newHistories(auditPath string, warn io.Writer) *histories {
	on := map[string]bool{"on": true, "1": true, "true": true, "yes": true}[os.Getenv("ORGDASH_ACTIVITY_ARCHIVE")]
	return &histories{auditPath: auditPath, archive: on, warn: warn, archives: map[string]*activity.Archive{}}
}

// source is cl's tenant's activity source.
func (h *histories) source(cl client.Client) activity.Source {
	src := activity.Source{Client: cl, AuditPath: h.auditPath}
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
