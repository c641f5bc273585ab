// Package table is the dashboard's list view: a scrollable, filterable table
// whose rows are drawn at View time, so per-row state (marks, spinners,
// outcomes) needs no rebuild, and whose cost does not grow with the rows.
package table

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/cells"
)

// Column is a column's title and how it takes width.
type Column struct {
	Title string
	Min   int // width it never goes below (unless the terminal is narrower)
	Flex  int // share of the spare width; 0 keeps it at Min
	// Hidden columns take no room and are not drawn (a column that means
	// nothing on this tenant).
	Hidden bool
}

// Row is one row: an id (what marks and results refer to) and its cells.
type Row struct {
	ID string
	// Cells are never changed in place once the row is in a table (the
	// table knows a drawn row by them: rows.go); Replace the row instead.
	Cells   []string
	hay     string // the cells' plain text, for the filter
	lower   string
	arrival int // the order rows came in, which "as listed" restores
}

// NewRow makes a row, cleaning every cell of control characters.
func NewRow(id string, cells ...string) Row {
	for i, c := range cells {
		cells[i] = safetext.Terminal(c)
	}
	hay := ansi.Strip(strings.Join(cells, "\x00") + "\x00" + id)
	return Row{ID: id, Cells: cells, hay: hay, lower: strings.ToLower(hay)}
}

// Model is a table of rows with a cursor and a filter.
type Model struct {
	cols   []Column
	widths []int
	rows   []Row
	view   []int // indices of the rows the filter lets through
	filter string
	exact  bool // the filter has a capital: its case counts (smart case)
	search hays // the rows' text laid out for the filter
	ver    int  // counts the changes to the rows: set, added, replaced, removed, reordered
	cursor int  // position in view
	offset int  // first visible position in view
	width  int
	height int // rows shown, header excluded
	keys   *keymap.KeyMap
	styles *theme.Styles
	empty  string
	sort   sortOrder
	nextIn int // arrival number of the next row
	drawn  *rowCache

	// Gutter draws two cells before a row (a mark, a spinner, an outcome).
	Gutter func(id string) string
	// Note is drawn after a row's cells (a pending or failed action).
	Note func(id string) string
}

// New makes an empty table; empty is what it says when there are no rows.
func New(keys *keymap.KeyMap, styles *theme.Styles, empty string, cols ...Column) Model {
	return Model{cols: cols, keys: keys, styles: styles, empty: empty, drawn: &rowCache{}}
}

// SetStyles switches the styles (after a background change).
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// SetRows replaces the rows, keeping the cursor on the same id if it stays.
func (m *Model) SetRows(rows []Row) {
	sel, _ := m.Selected()
	m.rows, m.search, m.ver = rows, hays{}, m.ver+1
	m.nextIn = 0
	m.number(m.rows)
	m.sortRows()
	m.refilter(sel.ID)
}

// Append adds rows at the end (a page arrived); the cursor stays put.
func (m *Model) Append(rows ...Row) {
	start := len(m.rows)
	m.rows = append(m.rows, rows...)
	m.number(m.rows[start:])
	m.search.add(m.rows[start:])
	m.ver++
	if m.sort.active() {
		sel, _ := m.Selected()
		m.sortRows()
		m.refilter(sel.ID)
		return
	}
	m.filterFrom(start)
}

// Rows are all rows, filtered or not.
func (m Model) Rows() []Row { return m.rows }

// Replace puts r in place of the row with the same id.
func (m *Model) Replace(r Row) {
	for i := range m.rows {
		if m.rows[i].ID == r.ID {
			r.arrival = m.rows[i].arrival
			m.rows[i] = r
			m.search, m.ver = hays{}, m.ver+1
			return
		}
	}
}

// Remove drops the rows with these ids. The cursor stays on its row, or,
// when that row went, at the same place: on the row that took its place.
func (m *Model) Remove(ids ...string) {
	sel, _ := m.Selected()
	at := m.cursor
	m.rows = slices.DeleteFunc(m.rows, func(r Row) bool { return slices.Contains(ids, r.ID) })
	m.search, m.ver = hays{}, m.ver+1
	m.refilter(sel.ID)
	if slices.Contains(ids, sel.ID) {
		m.cursor = at
		m.clamp()
	}
}

// SetFilter shows only rows containing q: ignoring case unless q has a
// capital letter (smart case).
func (m *Model) SetFilter(q string) {
	sel, _ := m.Selected()
	old, oldExact := m.filter, m.exact
	m.filter, m.exact = q, strings.ToLower(q) != q
	if old != "" && m.exact == oldExact && strings.Contains(q, old) {
		m.narrow() // typing on: only the rows shown can still match
		m.keepCursor(sel.ID)
		return
	}
	m.refilter(sel.ID)
}

// Filter is the current filter.
func (m Model) Filter() string { return m.filter }

func (m *Model) refilter(keep string) {
	m.filterAll()
	m.keepCursor(keep)
}

// keepCursor puts the cursor on the row keep if it shows, else the first.
func (m *Model) keepCursor(keep string) {
	m.cursor = 0
	for p, i := range m.view {
		if m.rows[i].ID == keep {
			m.cursor = p
			break
		}
	}
	m.clamp()
}

// Len is how many rows the filter lets through; Total how many there are.
func (m Model) Len() int { return len(m.view) }

// Total is how many rows the table holds, matching the filter or not.
func (m Model) Total() int { return len(m.rows) }

// Selected is the row under the cursor.
func (m Model) Selected() (Row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return Row{}, false
	}
	return m.rows[m.view[m.cursor]], true
}

// VisibleIDs are the ids the filter lets through, in order.
func (m Model) VisibleIDs() []string {
	ids := make([]string, len(m.view))
	for p, i := range m.view {
		ids[p] = m.rows[i].ID
	}
	return ids
}

// Cursor is the cursor's position among the visible rows.
func (m Model) Cursor() int { return m.cursor }

// SetCursor moves the cursor to position p.
func (m *Model) SetCursor(p int) {
	m.cursor = p
	m.clamp()
}

// Position says where the cursor is: "12 of 5,000" (with the total when filtered).
func (m Model) Position() string {
	if len(m.view) == 0 {
		return "0 of " + Count(len(m.view))
	}
	s := Count(m.cursor+1) + " of " + Count(len(m.view))
	if m.filter != "" {
		s += " (" + Count(len(m.rows)) + " in all)"
	}
	return s
}

func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.view)-1))
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if h := max(m.height, 1); m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, len(m.view)-max(m.height, 1)))
}

// HandleKey moves the cursor for movement keys and the mouse wheel; it
// reports whether it used the message.
func (m *Model) HandleKey(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			m.SetCursor(m.cursor - 3)
		case tea.MouseWheelDown:
			m.SetCursor(m.cursor + 3)
		default:
			return false
		}
		return true
	case tea.KeyPressMsg:
		k := m.keys
		switch {
		case key.Matches(msg, k.Up):
			m.SetCursor(m.cursor - 1)
		case key.Matches(msg, k.Down):
			m.SetCursor(m.cursor + 1)
		case key.Matches(msg, k.Top):
			m.SetCursor(0)
		case key.Matches(msg, k.Bottom):
			m.SetCursor(len(m.view) - 1)
		case key.Matches(msg, k.PageUp):
			m.SetCursor(m.cursor - m.height)
		case key.Matches(msg, k.PageDown):
			m.SetCursor(m.cursor + m.height)
		default:
			return false
		}
		return true
	}
	return false
}

// View draws the header and the visible rows, exactly height+1 lines.
func (m Model) View() string {
	var b strings.Builder
	b.WriteString("   ")
	m.joinShown(&b, func(i int) string {
		return m.styles.TableHeader.Render(fit(m.sort.mark(i, m.cols[i].Title), m.widths[i]))
	})
	lines := 1
	if len(m.view) == 0 {
		msg := m.empty
		if m.filter != "" {
			msg = "nothing matches “" + safetext.Terminal(m.filter) + "”"
		}
		b.WriteString("\n   " + m.styles.Muted.Render(fit(msg, m.width-3)))
		lines++
	}
	m.drawn.frame(m)
	rows, size := make([]string, 0, max(m.height, 0)), m.height+1 // the rows, then the whole at once
	for p := m.offset; p < len(m.view) && p < m.offset+m.height; p++ {
		rows = append(rows, m.renderRow(p))
		size += len(rows[len(rows)-1])
	}
	b.Grow(size)
	for _, r := range rows {
		b.WriteByte('\n')
		b.WriteString(r)
		lines++
	}
	for ; lines < m.height+1; lines++ {
		b.WriteByte('\n')
	}
	return b.String()
}

// fit truncates or pads s to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	var sw int
	if printable(s) {
		s, sw = truncatePlain(s, w)
	} else {
		s = cells.Truncate(s, w, "…")
		sw = cells.Width(s)
	}
	if pad := w - sw; pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// printable reports whether s is valid UTF-8 without control characters
// (C0, DEL, C1), which ansi.Truncate treats as sequences: one quick pass
// over its bytes.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f || b == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// truncatePlain is ansi.Truncate(s, w, "…") for printable text (see
// printable), and its width, reading only as far as the cut: a long cell
// costs its first w cells, not its whole length (ansi.Truncate measures
// all of it first, and fit measured the result again).
func truncatePlain(s string, w int) (string, int) {
	width, cut, cutWidth := 0, -1, 0 // cut: where the text ends to leave room for "…"
	for i := 0; i < len(s); {
		n, cw := 1, 1 // an ASCII byte before another (or the end) is a cluster of its own (see cells.Width)
		if s[i] >= 0x80 || i+1 < len(s) && s[i+1] >= 0x80 {
			var cluster string
			cluster, cw = ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			n = len(cluster)
		}
		if cut < 0 && width+cw > w-1 {
			cut, cutWidth = i, width
		}
		if width += cw; width > w {
			return s[:cut] + "…", cutWidth + 1
		}
		i += n
	}
	return s, width
}

// Title is a tab's label with its count once loaded: "Connections (3)".
func Title(label string, n int, loaded bool) string {
	if !loaded {
		return label
	}
	return label + " (" + Count(n) + ")"
}
