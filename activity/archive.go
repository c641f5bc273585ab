package activity

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/orgdash/orgdash/client"
)

// The archive keeps the organization events orgdash has read, per tenant,
// so that a tenant whose plan keeps logs a day still shows last week. It
// holds what the tenant logged (names, emails, request bodies: no secret
// Auth0 would log), written 0600 through a temporary file renamed into
// place, and bounded: past MaxArchived events the oldest go.

// Archive is one tenant's kept events. Safe for concurrent use.
type Archive struct {
	mu     sync.Mutex
	path   string
	tenant string
	events map[string]client.LogEvent
	max    int
}

// MaxArchived bounds an archive: about 2 KB an event, some 20 MB at most.
const MaxArchived = 10000

type archiveFile struct {
	Version int               `json:"version"`
	Tenant  string            `json:"tenant"`
	Events  []client.LogEvent `json:"events"`
}

const archiveVersion = 1

// ArchivePath is where tenant domain's archive is kept: the user's state
// directory ($XDG_STATE_HOME/orgdash, or ~/.local/state/orgdash), one file
// per tenant.
func ArchivePath(domain string) (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "state")
	}
	sum := sha256.Sum256([]byte(domain))
	return filepath.Join(dir, "orgdash", "activity-"+hex.EncodeToString(sum[:8])+".json"), nil
}

// OpenArchive loads tenant's archive at path, if there is one (a file of
// another tenant or version is started anew), keeping at most limit events
// (0: MaxArchived).
func OpenArchive(path, tenant string, limit int) (*Archive, error) {
	a := &Archive{path: path, tenant: tenant, events: map[string]client.LogEvent{}, max: cmpOrZero(limit, MaxArchived)}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return a, nil
	}
	if err != nil {
		return nil, err
	}
	var f archiveFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return a, fmt.Errorf("%s: %v (it is written anew)", path, err)
	}
	if f.Version == archiveVersion && f.Tenant == tenant {
		for _, e := range f.Events {
			a.events[e.ID] = e
		}
	}
	return a, nil
}

// Events are the kept events, newest first.
func (a *Archive) Events() []client.LogEvent {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sortedLocked()
}

func (a *Archive) sortedLocked() []client.LogEvent {
	out := make([]client.LogEvent, 0, len(a.events))
	for _, e := range a.events {
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y client.LogEvent) int {
		if c := y.Date.Compare(x.Date); c != 0 {
			return c
		}
		return strings.Compare(y.ID, x.ID)
	})
	return out
}

// Add keeps events and writes the file when any is new.
func (a *Archive) Add(events []client.LogEvent) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	added := false
	for _, e := range events {
		if _, ok := a.events[e.ID]; !ok && e.ID != "" {
			a.events[e.ID] = e
			added = true
		}
	}
	if !added {
		return nil
	}
	all := a.sortedLocked()
	if len(all) > a.max {
		for _, e := range all[a.max:] {
			delete(a.events, e.ID)
		}
		all = all[:a.max]
	}
	return a.saveLocked(all)
}

// saveLocked writes the archive through a temporary file, 0600.
func (a *Archive) saveLocked(all []client.LogEvent) error {
	raw, err := json.Marshal(archiveFile{Version: archiveVersion, Tenant: a.tenant, Events: all})
	if err != nil {
		return err
	}
	dir := filepath.Dir(a.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".activity-*") // CreateTemp makes it 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), a.path)
}
