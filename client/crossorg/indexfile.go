package crossorg

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/orgdash/orgdash/client"
)

// The index is kept on disk per tenant, so a restart (the dashboard
// opened again at 3 a.m.) does not pay the scan again: each organization
// keeps when it was read, and the screens say how old that is. The file
// holds organization names and connection settings, no secret; it is
// written 0600 through a temporary file renamed into place.

// indexFile is the index on disk.
type indexFile struct {
	Version  int                            `json:"version"`
	Tenant   string                         `json:"tenant"`
	ListedAt time.Time                      `json:"listed_at"`
	Orgs     []client.Organization          `json:"organizations"`
	Conns    map[string][]client.Connection `json:"connections"`
	ReadAt   map[string]time.Time           `json:"read_at"`
}

const indexVersion = 1

// saveEvery bounds how often changes rewrite the file; a scan's end and
// Flush always write it.
const saveEvery = 5 * time.Second

// IndexPath is where the index of tenant domain is kept: the user's cache
// directory, one file per tenant.
func IndexPath(domain string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(domain))
	return filepath.Join(dir, "orgdash", "index-"+hex.EncodeToString(sum[:8])+".json"), nil
}

// Keep loads the index kept at path for tenant (if there is one) and keeps
// it there from now on. A file of another tenant or version is ignored.
func (x *Index) Keep(path, tenant string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.path, x.tenant = path, tenant
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var f indexFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("%s: %v (it is read again by the next scan)", path, err)
	}
	if f.Version != indexVersion || f.Tenant != tenant || x.orgs != nil {
		return nil
	}
	x.orgs, x.listedAt, x.conns, x.readAt = f.Orgs, f.ListedAt, f.Conns, f.ReadAt
	if x.conns == nil {
		x.conns = map[string][]client.Connection{}
	}
	if x.readAt == nil {
		x.readAt = map[string]time.Time{}
	}
	for id := range x.readAt {
		x.readIn[id] = x.round // read, in this process's first round
	}
	return nil
}

// Flush writes the index if it changed since it was last written.
func (x *Index) Flush() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.saveLocked(true)
}

// saveLocked writes the file when kept and dirty: now, or at most every
// saveEvery unless force.
func (x *Index) saveLocked(force bool) error {
	if x.path == "" || !x.dirty || (!force && time.Since(x.savedAt) < saveEvery) {
		return nil
	}
	raw, err := json.Marshal(indexFile{Version: indexVersion, Tenant: x.tenant, ListedAt: x.listedAt, Orgs: x.orgs,
		Conns: x.conns, ReadAt: x.readAt})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(x.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(x.path), ".index-*")
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
	if err := os.Rename(tmp.Name(), x.path); err != nil {
		return err
	}
	x.dirty, x.savedAt = false, time.Now()
	return nil
}
