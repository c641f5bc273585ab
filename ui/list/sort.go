package list

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// nextSort steps through every column ascending then descending, then
// back to the order the tenant listed them in. A list not wholly loaded
// loads the rest first: a sort of the rows at hand would put rows still
// to come in the wrong place (and say "sorted" of a part).
func (m *Model[T]) nextSort() tea.Cmd {
	cols := m.table.Columns()
	col, desc := m.table.SortedBy()
	switch {
	case col < 0:
		col, desc = 0, false
	case !desc:
		desc = true
	default:
		col, desc = col+1, false
	}
	for col < len(cols) && m.table.Hidden(col) {
		col++
	}
	if col >= len(cols) {
		col = -1
	}
	return m.sortBy(col, desc)
}

// sortBy sorts by column col (-1: as the tenant listed them), loading the
// rest first when the list is not wholly loaded.
func (m *Model[T]) sortBy(col int, desc bool) tea.Cmd {
	if col < 0 {
		m.table.SortBy(-1, false)
		m.pages.sortAll = false
		return common.Status(common.Info, "as listed by the tenant")
	}
	m.table.SortBy(col, desc)
	if m.pages.next != "" {
		m.pages.sortAll = true
		return tea.Batch(common.Status(common.Info, m.sortedText()+": loading the rest first (esc stops)"), m.loadAll())
	}
	return common.Status(common.Info, m.sortedText())
}

// sortMsg sorts list id by col.
type sortMsg struct {
	id, col int
	desc    bool
}

// sortMenu offers every shown column, each way, and the tenant's order.
func (m *Model[T]) sortMenu() tea.Cmd {
	id := m.id
	item := func(label string, col int, desc bool) dialog.Item {
		return dialog.Item{Label: label, Then: func() tea.Msg { return sortMsg{id: id, col: col, desc: desc} }}
	}
	var items []dialog.Item
	for col, title := range m.table.Columns() {
		if m.table.Hidden(col) || title == "" {
			continue
		}
		name := strings.ToLower(title)
		items = append(items, item(name+", ascending", col, false), item(name+", descending", col, true))
	}
	items = append(items, item("as listed by the tenant", -1, false))
	return dialog.Open(dialog.NewMenu(m.c, "Sort by", items).Filterable())
}

// sortedText says the sort: "sorted by name, ascending".
func (m *Model[T]) sortedText() string {
	col, desc := m.table.SortedBy()
	if col < 0 {
		return "as listed by the tenant"
	}
	dir := "ascending"
	if desc {
		dir = "descending"
	}
	return "sorted by " + strings.ToLower(m.table.Columns()[col]) + ", " + dir
}
