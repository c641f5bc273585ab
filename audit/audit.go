// Package audit writes one JSON line per attempted change to a tenant: who,
// where, what, on what, and how it ended. It wraps a client.Client, so no
// mutation can bypass it, whatever the UI does.
package audit

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Entry is one line of the log.
type Entry struct {
	Time    time.Time         `json:"time"`
	User    string            `json:"user"`
	Key     string            `json:"key,omitempty"`    // SSH key fingerprint
	Remote  string            `json:"remote,omitempty"` // SSH remote address
	Tenant  string            `json:"tenant"`
	Action  string            `json:"action"`
	Org     string            `json:"organization,omitempty"`
	Targets []string          `json:"targets"`
	Outcome string            `json:"outcome"` // ok, failed, partial
	Error   string            `json:"error,omitempty"`
	Failed  map[string]string `json:"failed,omitempty"` // target -> why, for partial outcomes
}

// Log is an append-only JSONL file, safe for concurrent use.
type Log struct {
	mu sync.Mutex
	w  io.Writer
	f  *os.File
}

// Open appends to the log at path, creating it (and its folder) private to the user.
func Open(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return &Log{w: f, f: f}, nil
}

// To writes the log to w (tests, stderr).
func To(w io.Writer) *Log { return &Log{w: w} }

// Write appends e as one line and syncs it to disk.
func (l *Log) Write(e Entry) error {
	if l == nil {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.w.Write(append(b, '\n')); err != nil {
		return err
	}
	if l.f != nil {
		return l.f.Sync()
	}
	return nil
}

// Close closes the file.
func (l *Log) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}

// DefaultPath is $XDG_STATE_HOME/orgdash/audit.jsonl, or under ~/.local/state.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "orgdash", "audit.jsonl"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("no home folder for the audit log: set ORGDASH_AUDIT_LOG")
	}
	return filepath.Join(home, ".local", "state", "orgdash", "audit.jsonl"), nil
}
