package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/common"
)

// Item is a menu entry; one with a Reason is shown disabled, saying why.
// Key is the binding that picks it directly (shown beside it); the zero
// binding picks it only with enter.
type Item struct {
	Label  string
	Key    key.Binding
	Reason string
	Then   tea.Cmd
	// Opens says Then opens a dialog or a page (maybe after a read):
	// picking the item holds the keys typed after it until it has, as its
	// own key would (see common.Common.Opening).
	Opens bool
}

// Items are a screen's actions as menu entries: the keys the user bound,
// each with why it is unavailable now, and the command it runs.
func Items(c *common.Common, as common.Actions) []Item {
	marked := c.TakeOpening() // the key being handled may have marked the session: kept below
	items := make([]Item, 0, len(as))
	for _, a := range as {
		if a.Label == "" {
			continue
		}
		it := Item{Label: a.Label, Key: a.Key, Reason: c.Why(a)}
		if it.Reason == "" {
			it.Then = a.Run()
			it.Opens = a.Opens || c.TakeOpening() // Run made a dialog.Open, or reads first
		}
		items = append(items, it)
	}
	if marked {
		c.Opening()
	}
	return items
}

// Menu is the More Options (…) menu, or any list to pick one from.
type Menu struct {
	c      *common.Common
	title  string
	items  []Item // those shown: all of them, or those the filter keeps
	cursor int

	filterable, filtering bool
	all                   []Item // every item, when filterable
	query                 string
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

// Update moves and picks: an item's own key picks it directly; the wheel
// moves, a click picks (coordinates from the box's top left).
func (m *Menu) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		n := max(len(m.items), 1)
		switch msg.Button {
		case tea.MouseWheelUp:
			m.cursor = (m.cursor + n - 1) % n
		case tea.MouseWheelDown:
			m.cursor = (m.cursor + 1) % n
		}
		return m, nil
	case tea.MouseClickMsg:
		if i := m.itemAt(msg.Y); msg.Button == tea.MouseLeft && i >= 0 {
			m.cursor = i
			return m, m.pick(i)
		}
		return m, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	if cmd, took := m.filterKey(k); took {
		return m, cmd
	}
	keys := m.c.Keys
	n := max(len(m.items), 1)
	switch {
	case key.Matches(k, keys.Dialog.Choose):
		return m, m.pick(m.cursor)
	case key.Matches(k, keys.Dialog.Cancel, keys.Close, keys.More):
		return m, Done(nil)
	}
	for i, it := range m.items { // an item's own key, as the user bound it
		if len(it.Key.Keys()) > 0 && key.Matches(k, it.Key) {
			return m, m.pick(i)
		}
	}
	switch {
	case key.Matches(k, keys.Dialog.Prev):
		m.cursor = (m.cursor + n - 1) % n
	case key.Matches(k, keys.Dialog.Next):
		m.cursor = (m.cursor + 1) % n
	}
	return m, nil
}

func (m *Menu) pick(i int) tea.Cmd {
	if i >= len(m.items) {
		return nil
	}
	if it := m.items[i]; it.Reason == "" {
		if it.Opens {
			m.c.Opening()
		}
		return Done(it.Then)
	}
	return nil
}

// Help is moving, choosing and closing.
func (m *Menu) Help() help.KeyMap {
	d := m.c.Keys.Dialog
	short := []key.Binding{d.Prev, d.Next, d.Choose, Named(d.Cancel, "close")}
	if m.filterable {
		short = append(short[:3:3], m.c.Keys.Filter, Named(d.Cancel, "close"))
	}
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}

// View lists the items, disabled ones with their reason.
func (m *Menu) View() string {
	lines, _ := m.lines()
	return box(m.c, m.c.Styles.DialogTitle.Render(m.title)+m.filterLine(), "", strings.Join(lines, "\n"), "", hint(m.c, m.Help()))
}

// itemAt is the item drawn on line y of the box, or -1.
func (m *Menu) itemAt(y int) int {
	top := 4 // the border, the padding, the title and its gap
	if compact(m.c) {
		top = 2
	}
	_, items := m.lines()
	if y -= top; y < 0 || y >= len(items) {
		return -1
	}
	return items[y]
}

// lines are the menu's lines as shown (a window of them on a short
// terminal), with the item each belongs to (-1: none).
func (m *Menu) lines() ([]string, []int) {
	s := m.c.Styles
	lines := make([]string, 0, len(m.items))
	owner := make([]int, 0, len(m.items))
	for i, it := range m.items {
		cur := "  "
		if i == m.cursor {
			cur = s.Marked.Render("▸ ")
		}
		k := it.Key.Help().Key
		text := it.Label
		if k != "" { // a long label is cut short of the key column, never into it
			text = padTo(ansi.Truncate(text, max(textWidth(m.c)-2-1-ansi.StringWidth(k), 8), "…"), 36)
		}
		label := text + " " + s.Muted.Render(k)
		if it.Reason != "" {
			label = s.Muted.Render(text + " " + k)
		}
		lines, owner = append(lines, ansi.Truncate(cur+label, textWidth(m.c), "…")), append(owner, i)
		if it.Reason != "" { // why it is unavailable, on a line of its own
			lines, owner = append(lines, ansi.Truncate("    "+s.Warn.Render(it.Reason), textWidth(m.c), "…")), append(owner, i)
		}
	}
	if len(lines) == 0 && m.query != "" {
		return []string{s.Muted.Render("nothing matches")}, []int{-1}
	}
	if len(lines) == 0 {
		return []string{s.Muted.Render("nothing here yet")}, []int{-1}
	}
	start, end := m.window(len(lines))
	return lines[start:end], owner[start:end]
}

// window is the span of n lines a short terminal has room for, around the cursor.
func (m *Menu) window(n int) (int, int) {
	room := n
	if m.c.Height > 0 {
		room = max(m.c.Height-4-3, 3) // the border and padding, the title, its gap, the hint
		if compact(m.c) {
			room = max(m.c.Height-2-2, 3)
		}
	}
	if n <= room {
		return 0, n
	}
	at := 0 // the cursor's line: items with a reason take two
	for i := 0; i < m.cursor; i++ {
		at++
		if m.items[i].Reason != "" {
			at++
		}
	}
	start := min(max(at-room/2, 0), n-room)
	return start, start + room
}

func padTo(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// CopyMenu offers things to copy, each with its value shown as it will be
// copied; a value the copy had to clean says "(cleaned)".
func CopyMenu(c *common.Common, things []common.Copyable) tea.Cmd {
	things = common.CopyItems(things...)
	width := 0
	for _, t := range things {
		width = max(width, len(t.Label))
	}
	items := make([]Item, len(things))
	for i, t := range things {
		label := fmt.Sprintf("%-*s  ", width, t.Label)
		_, cleaned := t.Copied() // what y copies, as it is shown
		shown := c.Styles.Muted.Render(ansi.Truncate(t.Shown(), 44, "…"))
		if cleaned {
			shown += " " + c.Styles.Warn.Render("(cleaned)")
		}
		items[i] = Item{Label: label + shown, Then: common.CopyCmd(t)}
	}
	return Open(NewMenu(c, "Copy", items))
}
