package audit

import (
	"bufio"
	"bytes"
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

// Torn is a line that is not a whole entry: a write cut short (the
// process died mid-line, the disk filled) or a damaged line. Readers skip
// it, keep reading, and report it.
type Torn struct {
	Line int    // 1-based
	Text string // its start, for the report
	Err  error
}

func (t Torn) Error() string {
	return fmt.Sprintf("audit log line %d is torn (skipped): %v", t.Line, t.Err)
}

// Reader pairs a log's intents with their outcomes as lines come.
type Reader struct {
	changes []Change
	byID    map[string]int
	line    int
	torn    []Torn
}

// NewReader is an empty reader.
func NewReader() *Reader { return &Reader{byID: map[string]int{}} }

// Add takes one line; it returns the change it belongs to as it now
// stands. A torn line is kept in Torn and returned as a Torn error; the
// reader goes on with the next line. When a torn start was glued to a
// whole entry (a later writer appended after a cut-short line), the
// whole entry is recovered.
func (r *Reader) Add(line []byte) (Change, error) {
	r.line++
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		e = Entry{}
		t := Torn{Line: r.line, Text: string(line[:min(len(line), 80)]), Err: err}
		r.torn = append(r.torn, t)
		if !recoverGlued(line, &e) {
			return Change{}, t
		}
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

// recoverGlued finds a whole entry glued after a torn start of line.
func recoverGlued(line []byte, e *Entry) bool {
	start := []byte(`{"time":`)
	for i := 1; i < len(line); i++ {
		j := bytes.Index(line[i:], start)
		if j < 0 {
			return false
		}
		i += j
		var x Entry
		if json.Unmarshal(line[i:], &x) == nil {
			*e = x
			return true
		}
	}
	return false
}

// Torn are the lines skipped so far.
func (r *Reader) Torn() []Torn { return append([]Torn(nil), r.torn...) }

// Changes are the changes so far, in the order their intents were written.
func (r *Reader) Changes() []Change { return append([]Change(nil), r.changes...) }

// Read reads a whole log, skipping torn lines (see ReadAll to learn of them).
func Read(in io.Reader) ([]Change, error) {
	changes, _, err := ReadAll(in)
	return changes, err
}

// ReadAll reads a whole log: its changes, and the torn lines it skipped
// (a last line without its newline counts as torn when it is not a whole
// entry). The error is the reader's own, never a torn line.
func ReadAll(in io.Reader) ([]Change, []Torn, error) {
	r := NewReader()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			r.line++
			continue
		}
		_, _ = r.Add(sc.Bytes())
	}
	return r.Changes(), r.Torn(), sc.Err()
}
