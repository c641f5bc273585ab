package common

import "sync"

// Memo is a session's store of results worth keeping past the screen
// that made them (the last checkup of each organization, for its
// Overview), under keys the storing package owns. Safe from any
// goroutine; the zero value is ready.
type Memo struct {
	mu sync.Mutex
	m  map[string]any
}

// Put keeps v under key, replacing what was there.
func (m *Memo) Put(key string, v any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]any{}
	}
	m.m[key] = v
}

// Get is what is kept under key.
func (m *Memo) Get(key string) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[key]
	return v, ok
}
