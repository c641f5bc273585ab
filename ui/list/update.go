package list

import (
	"cmp"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// Update handles what every list handles alike: its pages, its spinner,
// refreshes, and the keys for the filter, moving, marking, sorting,
// copying and going back. It reports whether it took msg; a screen gives
// the rest to its action table.
func (m *Model[T]) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case pageMsg[T]:
		if msg.seq != m.seq {
			return nil, true
		}
		return m.onPage(msg), true
	case searchPausedMsg:
		if msg.id != m.id {
			return nil, false
		}
		return m.onSearchPaused(msg), true
	case foundRowsMsg[T]:
		if msg.id != m.id {
			return nil, false
		}
		return m.onFound(msg), true
	case common.CountedMsg:
		if msg.Scope != "" && msg.Scope == m.spec.CountScope {
			m.onCount(msg)
		}
		return nil, false // other panes may show it too
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return nil, false
		}
		if !m.loading && !m.pages.all && !m.Busy() {
			return nil, true
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd, true
	case markMsg:
		if msg.id != m.id {
			return nil, false
		}
		m.toggleMark()
		return nil, true
	case common.TouchedMsg: // another session changed something
		if m.spec.News == nil || msg.Touched != *m.spec.News {
			return nil, false
		}
		return m.Update(common.RefreshMsg{Auto: true})
	case sortMsg:
		if msg.id != m.id {
			return nil, false
		}
		return m.sortBy(msg.col, msg.desc), true
	case common.RefreshMsg:
		if msg.Auto && (len(m.marks) > 0 || m.Busy() || m.pages.all || m.filter.Active()) {
			return nil, true // the user is in the middle of something here: not now
		}
		return m.Init(), true
	case ageMsg:
		if msg.id != m.id || msg.seq != m.seq {
			return nil, msg.id == m.id
		}
		return m.ageTick(), true // the view redraws with the new age
	case tea.MouseWheelMsg:
		took := m.table.HandleKey(msg)
		return m.more(), took
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft || !m.table.ClickRow(msg.Y) {
			return nil, false
		}
		return m.more(), true
	case tea.KeyPressMsg, tea.PasteMsg:
		return m.handleKey(msg)
	}
	return nil, false
}

// Spin keeps the spinner turning while a row's action is pending.
func (m *Model[T]) Spin() tea.Cmd { return m.spinner.Tick }

func (m *Model[T]) handleKey(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, took := m.filter.Route(msg, &m.table); took {
		switch {
		case m.table.Filter() != "" && m.searchesTenant(): // the tenant finds the rows not yet loaded
			cmd = tea.Batch(cmd, m.searchSoon())
		case m.table.Filter() != "": // a filter of part of a list would hide rows not yet loaded
			cmd = tea.Batch(cmd, m.loadAll())
		}
		return cmd, true
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	keys := m.c.Keys
	switch {
	case m.pages.next != "" && key.Matches(k, keys.Bottom):
		m.table.HandleKey(k)
		m.pages.all, m.pages.toEnd = true, true
		return tea.Batch(m.more(), m.spinner.Tick), true
	case m.table.HandleKey(k):
		return m.more(), true
	case key.Matches(k, keys.LoadAll) && !m.Complete(): // once complete, L is the screen's
		return m.loadAll(), true
	case key.Matches(k, keys.Back) && m.pages.sortAll:
		// a sort of what is loaded would pass for a sort of the list
		m.pages.sortAll, m.pages.all = false, false
		m.table.SortBy(-1, false)
		return common.Status(common.Info, "stopped loading the rest; as listed by the tenant (a sort needs every row)"), true
	case key.Matches(k, keys.Back) && (m.pages.markAll || m.pages.toEnd):
		m.pages.markAll, m.pages.toEnd, m.pages.all = false, false, false
		return common.Status(common.Info, "stopped loading the rest"), true
	case key.Matches(k, keys.Back):
		if len(m.marks) > 0 { // esc clears the marks before it goes back
			m.marks = map[string]bool{}
			m.marksVer++
			return common.Status(common.Info, "marks cleared"), true
		}
		return common.Back, true
	case key.Matches(k, keys.Copy):
		return m.CopyMenu(), true
	case key.Matches(k, keys.Refresh):
		return m.Init(), true
	case key.Matches(k, keys.Sort):
		return m.nextSort(), true
	case key.Matches(k, keys.SortBy):
		return m.sortMenu(), true
	case m.spec.Markable && m.c.Client.Capabilities().ReadOnly != "" &&
		(key.Matches(k, keys.Mark) || key.Matches(k, keys.MarkAll)):
		// marks are for changes: a session that can make none has nothing to mark for
		return common.Status(common.Info, common.Clean(m.c.Client.Capabilities().ReadOnly)+": nothing to mark rows for"), true
	case m.spec.Markable && key.Matches(k, keys.Mark):
		m.toggleMark()
	case m.spec.Markable && key.Matches(k, keys.MarkAll):
		if m.pages.next != "" { // all means all: load the rest first
			m.pages.markAll = true
			return tea.Batch(m.loadAll(), m.spinner.Tick), true
		}
		m.markVisible()
	case m.spec.Markable && key.Matches(k, keys.Unmark):
		m.marks = map[string]bool{}
		m.marksVer++
	default:
		return nil, false
	}
	return nil, true
}

// CopyMenu offers what can be copied from the row under the cursor.
func (m *Model[T]) CopyMenu() tea.Cmd {
	it, ok := m.Selected()
	if !ok {
		return nil
	}
	if m.spec.Copy == nil {
		return common.Copy(m.spec.ID(it))
	}
	return dialog.CopyMenu(m.c, append(m.spec.Copy(it), m.copyMarked()...))
}

// copyMarked offers each thing the copy menu has of a row, for every
// marked row at once, one a line in the list's order ("Email of the 3
// marked"); nothing while fewer than two rows are marked.
func (m *Model[T]) copyMarked() []common.Copyable {
	if len(m.marks) < 2 {
		return nil
	}
	var labels []string
	lines := map[string][]string{}
	for _, r := range m.table.Rows() {
		it, ok := m.items[r.ID]
		if !ok || !m.marks[r.ID] {
			continue
		}
		for _, c := range m.spec.Copy(it) {
			if c.Value == "" {
				continue
			}
			if _, seen := lines[c.Label]; !seen {
				labels = append(labels, c.Label)
			}
			lines[c.Label] = append(lines[c.Label], c.Value)
		}
	}
	out := make([]common.Copyable, 0, len(labels))
	for _, l := range labels {
		out = append(out, common.Copyable{Label: l + " of the " + table.Count(len(m.marks)) + " marked", Lines: lines[l]})
	}
	return out
}

// ToggleMark marks or unmarks the row under the cursor and moves down.
func (m *Model[T]) toggleMark() {
	if r, ok := m.table.Selected(); ok {
		if m.marks[r.ID] {
			delete(m.marks, r.ID)
		} else {
			m.marks[r.ID] = true
		}
		m.marksVer++
		m.table.SetCursor(m.table.Cursor() + 1)
	}
}

// markMsg toggles the mark under the cursor of list id.
type markMsg struct{ id int }

// MarkCmd toggles the mark under the cursor: the menu's "Mark / unmark".
func (m *Model[T]) MarkCmd() tea.Cmd {
	id := m.id
	return func() tea.Msg { return markMsg{id} }
}

// View draws the table and the status line: the filter, where the cursor
// is, loading, marks, or what went wrong and what to do.
func (m *Model[T]) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	m.table.SetEmpty(m.emptyText())
	bottom := s.Muted.Render(m.position())
	if f := m.filter.View(s, m.width/2); f != "" {
		bottom = f + "  " + bottom
	}
	if m.loading {
		bottom += "  " + m.spinner.View() + s.Muted.Render(" loading…")
	}
	if age := time.Since(m.loadedAt); m.Loaded() && age >= time.Minute {
		bottom += "  " + s.Muted.Render("loaded "+ago(age)+" ago · r refreshes")
	}
	if p := m.progress(); p != "" {
		if m.pages.all {
			bottom += "  " + m.spinner.View()
		}
		bottom += "  " + s.Muted.Render(p)
	}
	if n := len(m.marks); n > 0 {
		bottom += "  " + s.Marked.Render(table.Count(n)+" marked")
	}
	if m.spec.Lacks != nil && m.table.Total() > 0 {
		if lacks := m.spec.Lacks(); lacks != "" {
			bottom += "  " + s.Warn.Render(lacks)
		}
	}
	if m.err != nil {
		bottom = s.Error.Render(common.Explain(m.err))
	}
	return m.table.View() + "\n" + bottom
}

// emptyText is what the list says with no rows: that it could not read
// them (naming the scope the token lacks) rather than that there are
// none, and that they are coming while they are.
func (m *Model[T]) emptyText() string {
	noun := cmp.Or(m.spec.Noun, "rows")
	switch {
	case m.err != nil:
		return common.CannotList(noun, m.err)
	case m.loading || m.seq == 0:
		return "loading " + noun + "…"
	}
	return m.spec.Empty
}

// Help is the filter's keys while it has the focus; else the screen's
// actions followed by what every list does. The short line leaves out
// what the full help has room for (copy, create, add, a detail page,
// sort, marking all).
func (m *Model[T]) Help(actions []key.Binding) help.KeyMap {
	if m.filter.Active() {
		return m.filter.Help()
	}
	k := m.c.Keys
	move := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
	var short []key.Binding
	if m.spec.Markable {
		short = append(short, k.Mark)
	}
	for _, b := range actions {
		key := b.Help().Key
		// in an organization's tabs enter opens a detail page: the short line keeps its room for acting
		// (View JSON, like Copy, is in the full help and the menu)
		if key != k.Copy.Help().Key && key != k.Create.Help().Key && key != k.Add.Help().Key && key != k.ViewJSON.Help().Key &&
			!(m.spec.Org != nil && key == k.Open.Help().Key) {
			short = append(short, b)
		}
	}
	short = append(short, k.Filter)
	all := []key.Binding{k.Filter, k.Sort, k.SortBy, k.Copy, k.Refresh, k.LoadAll, k.Back}
	if m.spec.Markable {
		all = append([]key.Binding{k.Mark, k.MarkAll, k.Unmark}, all...)
	}
	actions = dedupe(actions)
	return common.HelpMap{Short: dedupe(short), Full: [][]key.Binding{move, actions, dedupe(append(actions, all...))[len(actions):]}}
}

// dedupe drops bindings whose key an earlier one already shows.
func dedupe(bs []key.Binding) []key.Binding {
	seen := map[string]bool{}
	out := bs[:0:0]
	for _, b := range bs {
		if k := b.Help().Key; !seen[k] {
			seen[k] = true
			out = append(out, b)
		}
	}
	return out
}

// Route gives msg to the list, and a key it did not take to the screen's
// action table: the whole of a list screen's input handling.
func (m *Model[T]) Route(msg tea.Msg, actions func() common.Actions) tea.Cmd {
	if cmd, took := m.Update(msg); took {
		return cmd
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if m.pages.markAll { // an action now would act on the rows marked so far, not on all
			return common.Status(common.Info, "marking all: the rest is still loading (esc stops it)")
		}
		cmd, _ := actions().Handle(m.c, k)
		return cmd
	}
	return nil
}
