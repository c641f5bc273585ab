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

// sortBy sorts by column col (-1: as the tenant listed them): by the
// tenant page by page where it can sort the whole list, else here, loading
// the rest first when the list is not wholly loaded.
func (m *Model[T]) sortBy(col int, desc bool) tea.Cmd {
	if f := m.tenantSort(col, desc); f != nil {
		m.sorted = f
		m.table.SortBy(col, desc)
		return tea.Batch(common.Status(common.Info, m.sortedText()+" (by the tenant, a page at a time)"), m.Init())
	}
	// the rows of a tenant's sort are its first pages, of no use to another order
	reload := m.sorted != nil && !m.Complete()
	m.sorted = nil
	m.table.SortBy(col, desc)
	switch {
	case col < 0:
		m.pages.sortAll = false
		if reload {
			return tea.Batch(common.Status(common.Info, "as listed by the tenant"), m.Init())
		}
		return common.Status(common.Info, "as listed by the tenant")
	case reload:
		return tea.Batch(common.Status(common.Info, m.sortedText()+": loading the whole list first (esc stops)"), m.Init())
	case m.pages.next != "":
		m.pages.sortAll = true
		return tea.Batch(common.Status(common.Info, m.sortedText()+": loading the rest first (esc stops)"), m.loadAll())
	}
	return common.Status(common.Info, m.sortedText())
}

// tenantSort is the fetch of the rows as the tenant sorts them by col,
// when it can sort the whole list and the list is not all here (a whole
// list is sorted here at no cost); else nil.
func (m *Model[T]) tenantSort(col int, desc bool) FetchFunc[T] {
	if m.spec.Sorted == nil || col < 0 || m.Complete() || m.pages.total < 0 || m.pages.total > m.spec.SortedUpTo {
		return nil
	}
	return m.spec.Sorted(col, desc)
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
