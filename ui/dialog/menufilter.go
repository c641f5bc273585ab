package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Filterable lets / narrow the menu to the items whose label holds the
// text typed (the arrows move meanwhile, enter picks, esc clears it).
func (m *Menu) Filterable() *Menu {
	m.filterable, m.all = true, m.items
	return m
}

// filterKey takes the / that starts a filter and the keys typed into it;
// it reports whether it took k.
func (m *Menu) filterKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.c.Keys
	switch {
	case !m.filterable:
		return nil, false
	case !m.filtering:
		if key.Matches(k, keys.Filter) {
			m.filtering = true
			return nil, true
		}
		return nil, false
	case key.Matches(k, keys.Dialog.Cancel):
		m.filtering, m.query = false, ""
	case key.Matches(k, keys.Dialog.Choose):
		m.filtering = false
		return m.pick(m.cursor), true
	case k.Code == tea.KeyUp || k.Code == tea.KeyDown:
		return nil, false // the arrows move through what is shown
	case k.Code == tea.KeyBackspace:
		if r := []rune(m.query); len(r) > 0 {
			m.query = string(r[:len(r)-1])
		}
	case k.Text != "":
		m.query += k.Text
	default:
		return nil, true
	}
	m.narrow()
	return nil, true
}

// narrow shows the items whose label holds the query, ignoring case.
func (m *Menu) narrow() {
	q := strings.ToLower(m.query)
	m.items = m.items[:0:0]
	for _, it := range m.all {
		if strings.Contains(strings.ToLower(ansi.Strip(it.Label)), q) {
			m.items = append(m.items, it)
		}
	}
	m.cursor = 0
}

// filterLine is the title's filter part: "  / okt▏" while typing.
func (m *Menu) filterLine() string {
	switch {
	case m.filtering:
		return m.c.Styles.Muted.Render("  / ") + ansi.Strip(m.query) + "▏"
	case m.query != "":
		return m.c.Styles.Muted.Render("  / " + ansi.Strip(m.query))
	}
	return ""
}
