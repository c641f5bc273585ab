package table

import "strings"

// The filter's matching: each row's searchable text is made once (lowered
// in NewRow) and laid out contiguously here, so that filtering 100,000 rows
// is one strings.Contains a row over a flat slice, with no allocation.

// hays are the rows' searchable texts in row order: lowered, and as they
// are (for a query with a capital). Each is made on first use and kept
// until the rows change.
type hays struct {
	lower, exact []string
}

// add follows rows appended at the end.
func (h *hays) add(rows []Row) {
	if h.lower != nil {
		for i := range rows {
			h.lower = append(h.lower, rows[i].lower)
		}
	}
	if h.exact != nil {
		for i := range rows {
			h.exact = append(h.exact, rows[i].hay)
		}
	}
}

// of are the rows' texts in the filter's case.
func (h *hays) of(rows []Row, exact bool) []string {
	if exact {
		if h.exact == nil {
			h.exact = make([]string, len(rows))
			for i := range rows {
				h.exact[i] = rows[i].hay
			}
		}
		return h.exact
	}
	if h.lower == nil {
		h.lower = make([]string, len(rows))
		for i := range rows {
			h.lower[i] = rows[i].lower
		}
	}
	return h.lower
}

// Version changes whenever the rows are set, added to, replaced, removed
// or reordered: what is worked out from the rows holds while it stays.
func (m Model) Version() int { return m.ver }

// filterAll makes the view anew from every row.
func (m *Model) filterAll() {
	m.view = m.view[:0]
	m.filterFrom(0)
}

// filterFrom adds to the view the rows from start on that match.
func (m *Model) filterFrom(start int) {
	if m.filter == "" {
		for i := start; i < len(m.rows); i++ {
			m.view = append(m.view, i)
		}
		return
	}
	q, hay := m.filter, m.search.of(m.rows, m.exact)
	for i := start; i < len(hay); i++ {
		if strings.Contains(hay[i], q) {
			m.view = append(m.view, i)
		}
	}
}

// narrow keeps in the view only the rows that match the filter: after the
// filter grew, no row outside the view can match it.
func (m *Model) narrow() {
	q, hay := m.filter, m.search.of(m.rows, m.exact)
	kept := m.view[:0]
	for _, i := range m.view {
		if strings.Contains(hay[i], q) {
			kept = append(kept, i)
		}
	}
	m.view = kept
}
