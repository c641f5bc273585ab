// Package audit is the write-ahead log of every change to a tenant: before
// the first call of a change, an intent line (who, where, what, on what,
// the before-values of what it edits) is written and synced; after its
// last answer, an outcome line. A killed process leaves an intent without
// an outcome, which readers show as interrupted and `orgdash audit
// reconcile` settles against the tenant. It wraps a client.Client, so no
// change can bypass it, whatever the UI does.
package audit

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The phases of a change's lines.
const (
	Intent = "intent"
	Ended  = "outcome"
)

// The outcomes of a change.
const (
	OK         = "ok"
	Failed     = "failed"
	Partial    = "partial"    // per-target results differ: Results says which
	Unverified = "unverified" // the answer was lost and the tenant could not tell
	Cancelled  = "cancelled"  // never sent
)

// Entry is one line of the log: a change's intent, or its outcome (which
// repeats the intent's fields, so each line reads on its own).
type Entry struct {
	Time    time.Time         `json:"time"`
	ID      string            `json:"id"`    // the change: its intent and outcome share it
	Phase   string            `json:"phase"` // intent or outcome
	User    string            `json:"user"`
	Comment string            `json:"comment,omitempty"` // the SSH key's comment, when it names the person
	Key     string            `json:"key,omitempty"`     // SSH key fingerprint
	Remote  string            `json:"remote,omitempty"`  // SSH remote address
	Tenant  string            `json:"tenant"`
	Profile string            `json:"profile,omitempty"`
	Writer  string            `json:"writer,omitempty"` // the process that wrote the line (see Live)
	Action  string            `json:"action"`
	Org     string            `json:"organization,omitempty"`
	OrgName string            `json:"organization_name,omitempty"`
	Targets []string          `json:"targets"`
	Names   map[string]string `json:"names,omitempty"`  // target id -> what people call it
	Before  map[string]any    `json:"before,omitempty"` // what an edit changes, as it was
	After   map[string]any    `json:"after,omitempty"`  // and as the change asks for it

	Outcome string            `json:"outcome,omitempty"` // ok, failed, partial, unverified, cancelled
	Note    string            `json:"note,omitempty"`    // "applied (confirmed after a lost answer)"
	Error   string            `json:"error,omitempty"`
	Results map[string]string `json:"results,omitempty"` // target -> its outcome, for partial
	Failed  map[string]string `json:"failed,omitempty"`  // target -> why, for targets that did not end ok
}

// newID names a change.
func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Log is an append-only JSONL file, safe for concurrent use.
type Log struct {
	mu     sync.Mutex
	w      io.Writer
	f      *os.File
	sinks  []sink
	writer string   // this process's name on its lines
	lease  *os.File // held while the log is open
}

// Open appends to the log at path, creating it (and its folder) private
// to the user, and takes this writer's lease (see Live). A last line cut
// short by an earlier writer is ended first, so the next line stays whole.
func Open(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := endTornTail(f); err != nil {
		f.Close()
		return nil, err
	}
	writer := newWriterID()
	lease, err := takeLease(path, writer)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Log{w: f, f: f, writer: writer, lease: lease}, nil
}

// endTornTail writes a newline after a last line that has none.
func endTornTail(f *os.File) error {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		return err
	}
	if last[0] != '\n' {
		_, err = f.Write([]byte{'\n'})
	}
	return err
}

// To is a log written to w alone, with no file behind it: for tests.
func To(w io.Writer) *Log { return &Log{w: w} }

// Write appends e as one line and syncs it to disk.
func (l *Log) Write(e Entry) error {
	if l == nil {
		return nil
	}
	if e.Writer == "" {
		e.Writer = l.writer
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
		if err := l.f.Sync(); err != nil {
			return err
		}
	}
	for _, s := range l.sinks { // after the file: a sink that fails loses nothing
		if err := s.Send(b, e.Time); err != nil && s.onError != nil {
			s.onError(err)
		}
	}
	return nil
}

// Close closes the file and gives up the writer's lease.
func (l *Log) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	dropLease(l.lease)
	return l.f.Close()
}

// Writer is the name this log writes on its lines ("" for To).
func (l *Log) Writer() string {
	if l == nil {
		return ""
	}
	return l.writer
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
