package list

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// A list that comes in pages and has a Search (members: Auth0's user
// search with organization_id) does not load every page for a filter
// when more than SearchPast rows are not loaded: once the typing pauses,
// it asks the tenant for the rows matching the filter, in one search,
// and shows them among those loaded. A list with fewer left loads them,
// so the filter sees every row exactly, as any list does.

// SearchPast is how many rows not loaded make a filter ask the tenant
// rather than load them: ten pages.
const SearchPast = 1000

// SearchPause is how long the filter's typing must pause before the
// tenant is searched: one search for a word typed, not one a key.
const SearchPause = 400 * time.Millisecond

// searching is what the list has asked the tenant for.
type searching struct {
	seq  int    // the latest keystroke's; older pauses are dropped
	text string // the text last searched for ("" for none)
}

// searchPausedMsg says the filter's typing paused.
type searchPausedMsg struct{ id, seq int }

// foundRowsMsg is a search's answer.
type foundRowsMsg[T any] struct {
	id    int
	seq   int // the load it was asked in: a reload drops it
	text  string
	items []T
	note  string
	err   error
}

// searchesTenant reports whether a filter asks the tenant rather than
// loading every page.
func (m *Model[T]) searchesTenant() bool {
	return m.spec.Search != nil && !m.Complete() && (m.pages.total < 0 || m.pages.total-m.table.Total() > SearchPast)
}

// searchSoon waits for the typing to pause, then searches.
func (m *Model[T]) searchSoon() tea.Cmd {
	m.search.seq++
	id, seq := m.id, m.search.seq
	return common.Tick(m.c.Ctx, SearchPause, func(time.Time) tea.Msg { return searchPausedMsg{id: id, seq: seq} })
}

// onSearchPaused searches for the filter's text, unless it changed since,
// was searched for already, or every row is loaded by now.
func (m *Model[T]) onSearchPaused(msg searchPausedMsg) tea.Cmd {
	text := m.table.Filter()
	if msg.seq != m.search.seq || text == "" || text == m.search.text || !m.searchesTenant() {
		return nil
	}
	m.search.text = text
	ctx, cl, search, id, seq := m.c.Ctx, m.c.Client, m.spec.Search, m.id, m.seq
	return func() tea.Msg {
		items, note, err := search(ctx, cl, text)
		return foundRowsMsg[T]{id: id, seq: seq, text: text, items: items, note: note, err: err}
	}
}

// onFound shows the rows found among those loaded (they are not new rows:
// the count stays) and says what the search found.
func (m *Model[T]) onFound(msg foundRowsMsg[T]) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	if msg.err != nil { // the filter still finds every row: by loading them
		return tea.Batch(common.Status(common.Failure, "search "+m.spec.Noun+": "+common.Explain(msg.err)+"; loading them all instead"),
			m.loadAll())
	}
	for _, it := range msg.items {
		id := m.spec.ID(it)
		if _, had := m.items[id]; had {
			continue
		}
		m.items[id] = it
		m.table.Append(m.spec.Row(it))
	}
	one := m.spec.One
	if one == "" {
		one = "row"
	}
	text := fmt.Sprintf("Auth0 found %s matching %q, without loading the rest", table.Plural(len(msg.items), one), common.Clean(msg.text))
	if msg.note != "" {
		text = fmt.Sprintf("found %s (%s)", table.Plural(len(msg.items), one), common.Clean(msg.note)) // the filter line shows the text
	}
	return common.Status(common.Info, text)
}
