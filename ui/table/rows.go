package table

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/cells"
)

// renderRow draws the row at position p: its gutter, its cells and its
// note, exactly the table's width; the cursor's row highlighted.
func (m Model) renderRow(p int) string {
	r := m.rows[m.view[p]]
	gutter := "  "
	if m.Gutter != nil {
		gutter = fit(m.Gutter(r.ID), 2)
	}
	note := ""
	if m.Note != nil {
		note = m.Note(r.ID)
	}
	line, ok := m.drawn.get(r, gutter, note)
	if !ok {
		line = m.line(r, gutter, note)
		m.drawn.put(r, gutter, note, line)
	}
	if p == m.cursor {
		return m.styles.Selected.Render(ansi.Strip(line))
	}
	return line
}

// line is a row as drawn, but for the cursor's highlight.
func (m Model) line(r Row, gutter, note string) string {
	var b strings.Builder
	b.Grow(m.width + 8)
	b.WriteString(gutter + " ")
	m.joinShown(&b, func(i int) string {
		cell := ""
		if i < len(r.Cells) {
			cell = r.Cells[i]
		}
		return fit(cell, m.widths[i])
	})
	line := b.String()
	if note != "" {
		note = cells.Truncate(note, max(m.width/2, 20), "…") // the row stays recognisable
		line = cells.Truncate(line, max(m.width-cells.Width(note)-1, 0), "…") + " " + note
	}
	return fit(line, m.width)
}

// joinShown writes the text of each column shown, text(i) for column i,
// one space apart: the header and every row line up.
func (m Model) joinShown(b *strings.Builder, text func(i int) string) {
	first := true
	for i, c := range m.cols {
		if c.Hidden {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(text(i))
	}
}

// rowCache holds the rows drawn in the last two frames, so that a frame
// drawing the same rows again (the help closed, a spinner turning in one
// row) does not cut every cell again: 200 rows of long names on a
// 500-column screen cost milliseconds. A row is known by its cells (the
// same slice: rows are replaced, never changed in place), its gutter and
// its note; the layout (the widths) changing empties it.
type rowCache struct {
	width     int
	widths    []int // the columns' widths; a hidden column's -1
	cur, prev map[rowKey]string
}

type rowKey struct {
	cells        *string // the row's first cell: its cells' identity
	n            int
	gutter, note string
}

func keyOf(r Row, gutter, note string) rowKey {
	k := rowKey{n: len(r.Cells), gutter: gutter, note: note}
	if len(r.Cells) > 0 {
		k.cells = &r.Cells[0]
	}
	return k
}

// frame starts a frame of the table as m lays it out: the rows drawn two
// frames ago and not since are forgotten.
func (c *rowCache) frame(m Model) {
	if c == nil {
		return
	}
	if c.width != m.width || len(c.widths) != len(m.widths) || !c.same(m) {
		c.width, c.widths = m.width, slices.Clone(m.widths)
		for i, col := range m.cols {
			if col.Hidden && i < len(c.widths) {
				c.widths[i] = -1
			}
		}
		clear(c.cur)
		clear(c.prev)
	}
	c.prev, c.cur = c.cur, c.prev
	if c.cur == nil {
		c.cur = map[rowKey]string{}
	}
	clear(c.cur)
}

func (c *rowCache) same(m Model) bool {
	for i, w := range m.widths {
		if i < len(m.cols) && m.cols[i].Hidden {
			w = -1
		}
		if c.widths[i] != w {
			return false
		}
	}
	return true
}

func (c *rowCache) get(r Row, gutter, note string) (string, bool) {
	if c == nil {
		return "", false
	}
	k := keyOf(r, gutter, note)
	if line, ok := c.cur[k]; ok {
		return line, true
	}
	line, ok := c.prev[k]
	if ok {
		c.cur[k] = line
	}
	return line, ok
}

func (c *rowCache) put(r Row, gutter, note, line string) {
	if c != nil {
		c.cur[keyOf(r, gutter, note)] = line
	}
}
