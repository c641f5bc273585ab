package dialog

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// Item is a menu entry; one with a Reason is shown disabled, saying why.
type Item struct {
	Label  string
	Key    string // the direct key, shown beside it
	Reason string
	Then   tea.Cmd
}

// Menu is the More Options (…) menu, or any list to pick one from.
type Menu struct {
	c      *common.Common
	title  string
	items  []Item
	cursor int
}

// NewMenu lists items under title.
func NewMenu(c *common.Common, title string, items []Item) *Menu {
	m := &Menu{c: c, title: title, items: items}
	for i, it := range items { // start on the first usable item
		if it.Reason == "" {
			m.cursor = i
			break
		}
	}
	return m
}

// Init does nothing.
func (m *Menu) Init() tea.Cmd { return nil }

// Update moves and picks.
func (m *Menu) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch s := k.String(); s {
	case "esc", "q", ".":
		return m, Done(nil)
	case "up", "k", "shift+tab":
		m.cursor = (m.cursor + len(m.items) - 1) % max(len(m.items), 1)
	case "down", "j", "tab":
		m.cursor = (m.cursor + 1) % max(len(m.items), 1)
	case "enter":
		return m, m.pick(m.cursor)
	default:
		for i, it := range m.items {
			if it.Key != "" && it.Key == s {
				return m, m.pick(i)
			}
		}
	}
	return m, nil
}

func (m *Menu) pick(i int) tea.Cmd {
	if i >= len(m.items) {
		return nil
	}
	if it := m.items[i]; it.Reason == "" {
		return Done(it.Then)
	}
	return nil
}

// View lists the items, disabled ones with their reason.
func (m *Menu) View() string {
	s := m.c.Styles
	lines := make([]string, 0, len(m.items))
	for i, it := range m.items {
		cur := "  "
		if i == m.cursor {
			cur = s.Marked.Render("▸ ")
		}
		label := padTo(it.Label, 36) + " " + s.Muted.Render(it.Key)
		if it.Reason != "" {
			label = s.Muted.Render(padTo(it.Label, 36) + " " + it.Key)
		}
		lines = append(lines, ansi.Truncate(cur+label, boxWidth, "…"))
		if it.Reason != "" { // why it is unavailable, on a line of its own
			lines = append(lines, ansi.Truncate("    "+s.Warn.Render(it.Reason), boxWidth, "…"))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, s.Muted.Render("nothing here yet"))
	}
	return box(s.DialogTitle.Render(m.title), strings.Join(lines, "\n"), "", s.Muted.Render("enter choose · esc close"), m.c)
}

func padTo(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
