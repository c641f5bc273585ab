package list

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// paging is how much of a list is loaded, and what else is wanted.
type paging struct {
	total    int    // as the tenant counted, -1 until known
	counting bool   // a count is asked for and not answered yet
	next     string // the cursor of the page after the loaded ones; "" once all are
	fetching bool
	all      bool // every page is wanted: a filter, mark all, export or L
	markAll  bool // mark every row once all are loaded
	toEnd    bool // the user asked for the last row: load the rest for them, then go there
	sortAll  bool // a sort waits for the rest: sorting part of a list misplaces the rows not loaded
}

// CountCmd asks the tenant for the list's count in one call, when the
// list has a way, does not know it yet and has not asked already.
func (m *Model[T]) CountCmd() tea.Cmd {
	if m.spec.Count == nil || m.pages.total >= 0 || m.pages.counting {
		return nil
	}
	m.pages.counting = true
	ctx, cl, count, scope := m.c.Ctx, m.c.Client, m.spec.Count, m.spec.CountScope
	return func() tea.Msg {
		n, err := count(ctx, cl)
		return common.CountedMsg{Scope: scope, N: n, Err: err}
	}
}

func (m *Model[T]) onCount(msg common.CountedMsg) {
	m.pages.counting = false
	if msg.Err != nil {
		return // the rows still load; the count is left out
	}
	m.pages.total = msg.N
	if m.Loaded() && m.table.Total() >= msg.N {
		m.pages.next = ""
	}
}

// Count is how many rows there are: as the tenant counted them, else as loaded.
func (m *Model[T]) Count() int {
	if m.pages.total >= 0 {
		return m.pages.total
	}
	return m.table.Total()
}

// lookahead is how near the end of the loaded rows the cursor comes
// before the next page is asked for: a screen's worth.
func (m *Model[T]) lookahead() int { return max(m.height, 10) }

// more asks for the next page when one is wanted: all of them, or the
// cursor is near the end of what is loaded. Only the page the user is
// scrolling to is interactive; the rest is background work.
func (m *Model[T]) more() tea.Cmd {
	if m.pages.next == "" {
		if m.pages.toEnd {
			m.pages.toEnd = false
			m.table.SetCursor(m.table.Len() - 1)
		}
		if m.pages.sortAll {
			m.pages.sortAll = false
			m.pages.all = false
			return common.Status(common.Info, m.sortedText()+" (all "+table.Plural(m.table.Total(), "row")+")")
		}
		if m.pages.markAll {
			m.pages.markAll = false
			n := m.markVisible()
			return common.Status(common.Info, fmt.Sprintf("marked %s", table.Plural(n, "row")))
		}
		m.pages.all = false
		return nil
	}
	if m.pages.fetching {
		return nil
	}
	near := m.table.Cursor() >= m.table.Len()-m.lookahead()
	if !near && !m.pages.all {
		return nil
	}
	return m.fetch(m.pages.next, !near && !m.pages.toEnd)
}

// loadAll asks for every page not yet loaded.
func (m *Model[T]) loadAll() tea.Cmd {
	if m.pages.next == "" {
		return nil
	}
	m.pages.all = true
	return tea.Batch(m.more(), m.spinner.Tick)
}

// markVisible marks every row the filter shows and says how many.
func (m *Model[T]) markVisible() int {
	ids := m.table.VisibleIDs()
	for _, id := range ids {
		m.marks[id] = true
	}
	m.marksVer++
	return len(ids)
}

// position is where the cursor is among all the rows, loaded or not.
func (m *Model[T]) position() string {
	if m.pages.next == "" || m.table.Filter() != "" || m.table.Len() == 0 {
		return m.table.Position()
	}
	return table.Count(m.table.Cursor()+1) + " of " + table.Count(m.Count())
}

// progress is the status of an incomplete list: "loaded 1,200 of 20,000",
// what is being loaded and why, or how to load the rest.
func (m *Model[T]) progress() string {
	if m.pages.next == "" {
		return ""
	}
	s := "loaded " + table.Count(m.table.Total())
	if m.pages.total >= 0 {
		s += " of " + table.Count(m.pages.total)
	}
	switch {
	case m.pages.toEnd:
		return s + " · loading the rest to reach the last…"
	case m.pages.markAll:
		return s + " · marking all once the rest is loaded…"
	case m.pages.sortAll:
		return s + " · sorting all: loading the rest…"
	case m.pages.all && m.table.Filter() != "":
		return s + " · the filter covers what is loaded; loading the rest…"
	case m.pages.all:
		return s + " · loading the rest…"
	}
	return s + " · " + m.c.Keys.LoadAll.Help().Key + " loads the rest"
}

// ageMsg redraws a list's "loaded 2m ago".
type ageMsg struct{ id, seq int }

// ageTick asks for the next redraw of the data's age, a minute on.
func (m *Model[T]) ageTick() tea.Cmd {
	id, seq := m.id, m.seq
	return common.Tick(m.c.Ctx, time.Minute, func(time.Time) tea.Msg { return ageMsg{id: id, seq: seq} })
}

// ago is a duration for people: "2m", "1h5m".
func ago(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh%dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
