package audit

import "sync"

// Activity keeps a session's latest entries for the activity panel.
type Activity struct {
	mu      sync.Mutex
	entries []Entry
}

// activityCap is how many entries a session keeps.
const activityCap = 200

func (a *Activity) add(e Entry) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entries = append(a.entries, e)
	if len(a.entries) > activityCap {
		a.entries = a.entries[len(a.entries)-activityCap:]
	}
}

// Entries are the session's entries, newest last.
func (a *Activity) Entries() []Entry {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Entry(nil), a.entries...)
}
