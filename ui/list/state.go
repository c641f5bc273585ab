package list

// Phase is where a row's action stands.
type Phase int

// The phases of a row's action.
const (
	Pending    Phase = iota // sent, or accepted and still settling
	Failed                  // the tenant refused it, or it did not happen
	Unverified              // accepted, but not confirmed when we stopped looking
)

func (p Phase) String() string { return [...]string{"pending", "failed", "unverified"}[p] }

// State is a row's pending or finished action, with what to say about it.
type State struct {
	Phase Phase
	Note  string
}

// SetState shows st on the row with id.
func (m *Model[T]) SetState(id string, st State) { m.states[id] = st }

// ClearState drops the row's action state.
func (m *Model[T]) ClearState(id string) { delete(m.states, id) }

// StateOf is the row's action state.
func (m *Model[T]) StateOf(id string) (State, bool) {
	st, ok := m.states[id]
	return st, ok
}

// Failed are the ids whose last action failed, in the table's order.
func (m *Model[T]) Failed() []string {
	var out []string
	if !m.anyFailed() {
		return nil // asked on every redraw: no pass over the rows unless one failed
	}
	for _, r := range m.table.Rows() {
		if st, ok := m.states[r.ID]; ok && st.Phase == Failed {
			out = append(out, r.ID)
		}
	}
	return out
}

// anyFailed reports whether some row's last action failed (the states are
// the few rows acted on, not every row).
func (m *Model[T]) anyFailed() bool {
	for _, st := range m.states {
		if st.Phase == Failed {
			return true
		}
	}
	return false
}

// Busy reports whether any row's action is still pending.
func (m *Model[T]) Busy() bool {
	for _, st := range m.states {
		if st.Phase == Pending {
			return true
		}
	}
	return false
}

// gutter draws a row's action state, or its mark.
func (m *Model[T]) gutter(id string) string {
	s := m.c.Styles
	if st, ok := m.states[id]; ok {
		switch st.Phase {
		case Pending:
			return m.spinner.View()
		case Failed:
			return s.Error.Render("✗")
		default:
			return s.Warn.Render("?")
		}
	}
	if m.marks[id] {
		return s.Marked.Render("●")
	}
	return ""
}

// note is drawn after a row's cells.
func (m *Model[T]) note(id string) string {
	st, ok := m.states[id]
	if !ok {
		return ""
	}
	s := m.c.Styles
	switch st.Phase {
	case Failed:
		return s.Error.Render(st.Note)
	case Unverified:
		return s.Warn.Render(st.Note)
	}
	return s.Muted.Render(st.Note)
}
