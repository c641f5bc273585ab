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
