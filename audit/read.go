package audit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Interrupted is the state of a change whose intent has no outcome: the
// process ended (killed, crashed, the machine went down) before it could
// write one, so the tenant may or may not have it.
const Interrupted = "interrupted"

// Change is one change as the log tells it: its intent, and its outcome
// once written.
type Change struct {
	Intent  Entry
	Outcome *Entry
}

// State is the change's outcome, or "interrupted".
func (c Change) State() string {
	if c.Outcome == nil {
		return Interrupted
	}
	return c.Outcome.Outcome
}

// Last is the latest line of the change.
func (c Change) Last() Entry {
	if c.Outcome != nil {
		return *c.Outcome
	}
	return c.Intent
}

// Reader pairs a log's intents with their outcomes as lines come.
type Reader struct {
	changes []Change
	byID    map[string]int
	line    int
}

// NewReader is an empty reader.
func NewReader() *Reader { return &Reader{byID: map[string]int{}} }

// Add takes one line; it returns the change it belongs to as it now stands.
func (r *Reader) Add(line []byte) (Change, error) {
	r.line++
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		return Change{}, fmt.Errorf("audit log line %d: %w", r.line, err)
	}
	if e.ID == "" { // a line from before intents: one complete change
		e.Phase = Ended
		out := e
		r.changes = append(r.changes, Change{Intent: e, Outcome: &out})
		return r.changes[len(r.changes)-1], nil
	}
	i, seen := r.byID[e.ID]
	if !seen {
		r.byID[e.ID] = len(r.changes)
		r.changes = append(r.changes, Change{Intent: e})
		i = len(r.changes) - 1
	}
	if e.Phase == Ended {
		out := e
		r.changes[i].Outcome = &out
	}
	return r.changes[i], nil
}

// Changes are the changes so far, in the order their intents were written.
func (r *Reader) Changes() []Change { return append([]Change(nil), r.changes...) }

// Read reads a whole log.
func Read(in io.Reader) ([]Change, error) {
	r := NewReader()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if _, err := r.Add(sc.Bytes()); err != nil {
			return r.Changes(), err
		}
	}
	return r.Changes(), sc.Err()
}
