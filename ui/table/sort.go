package table

import (
	"cmp"
	"slices"
	"strings"
)

// sortOrder is a column and a direction; col -1 is the order rows arrived in.
type sortOrder struct {
	col  int
	desc bool
	set  bool // false: as listed
}

func (o sortOrder) active() bool { return o.set }

// mark adds the direction to the sorted column's title: "NAME ▲".
func (o sortOrder) mark(col int, title string) string {
	if !o.set || o.col != col {
		return title
	}
	if o.desc {
		return title + " ▼"
	}
	return title + " ▲"
}

// SortBy orders the rows by column col, ascending or descending, ignoring
// case (ties keep the order they came in); col < 0 restores that order.
// The cursor stays on its row, and rows that arrive later take their place.
func (m *Model) SortBy(col int, desc bool) {
	sel, _ := m.Selected()
	m.sort = sortOrder{col: col, desc: desc, set: col >= 0 && col < len(m.cols)}
	m.sortRows()
	m.refilter(sel.ID)
}

// SortedBy is the sort column (-1 when as listed) and whether it descends.
func (m Model) SortedBy() (int, bool) {
	if !m.sort.set {
		return -1, false
	}
	return m.sort.col, m.sort.desc
}

// Columns are the column titles.
func (m Model) Columns() []string {
	out := make([]string, len(m.cols))
	for i, c := range m.cols {
		out[i] = c.Title
	}
	return out
}

func (m *Model) number(rows []Row) {
	for i := range rows {
		rows[i].arrival = m.nextIn
		m.nextIn++
	}
}

func (m *Model) sortRows() {
	o := m.sort
	m.search, m.ver = hays{}, m.ver+1 // they follow the rows' order
	slices.SortStableFunc(m.rows, func(a, b Row) int {
		if o.set {
			c := cmp.Compare(strings.ToLower(cell(a, o.col)), strings.ToLower(cell(b, o.col)))
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a.arrival, b.arrival)
	})
}

func cell(r Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}
