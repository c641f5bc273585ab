package table

// ClickRow moves the cursor to the row drawn on line y of the table (0 is
// its header); it reports whether a row is there.
func (m *Model) ClickRow(y int) bool {
	p := m.offset + y - 1
	if y < 1 || y > m.height || p >= len(m.view) {
		return false
	}
	m.cursor = p
	return true
}

// SetHidden hides or shows column i.
func (m *Model) SetHidden(i int, hidden bool) {
	if i >= 0 && i < len(m.cols) && m.cols[i].Hidden != hidden {
		m.cols[i].Hidden = hidden
		m.widths = layout(m.cols, m.width-3)
	}
}

// Hidden reports whether column i is hidden.
func (m Model) Hidden(i int) bool { return i >= 0 && i < len(m.cols) && m.cols[i].Hidden }

// SetSize gives the table its width and height (header included).
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, max(h-1, 1)
	m.widths = layout(m.cols, w-3) // gutter and its space
	m.clamp()
}

// Select puts the cursor on the row with id, if the filter shows it.
func (m *Model) Select(id string) {
	for p, i := range m.view {
		if m.rows[i].ID == id {
			m.cursor = p
			m.clamp()
			return
		}
	}
}

// OnScreenIDs are the ids of the rows drawn now and of as many again
// below them (what a taller window, or the next page down, would show),
// in order.
func (m Model) OnScreenIDs() []string {
	end := min(len(m.view), m.offset+2*max(m.height, 1))
	ids := make([]string, 0, max(end-m.offset, 0))
	for p := m.offset; p < end; p++ {
		ids = append(ids, m.rows[m.view[p]].ID)
	}
	return ids
}
