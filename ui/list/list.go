// Package list is the dashboard's list pane, shared by every screen and
// tab that lists rows (organizations, an organization's connections,
// members, invitations and domains, the tenant's connections, people, a
// connection's or a person's organizations): its count in one call, its
// pages on demand (the first at once, more near the end, all for a
// filter, mark all or L), the "/" filter, marks, sort by any column, each
// row's action state, the status line and the help. Tab is the base such
// a screen embeds: it is left with its columns, its row, its fetch and its
// own actions; everything a list does the same way lives here once.
package list

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Spec is what a list shows.
type Spec[T any] struct {
	Empty string // what an empty list says
	// Optional is a list of a feature a tenant may lack (Early Access): its
	// tab hides until the tenant has said it has it (a first page read),
	// and for good on a tenant that answers Unsupported.
	Optional bool
	// Noun is what the rows are, plural, for what a list that could not
	// read them says: "cannot list invitations: the token lacks …".
	Noun string
	// Lacks, when set, says what the rows cannot show and why ("ROLES
	// unknown: needs read:organization_member_roles"), under the list;
	// "" when they show everything.
	Lacks    func() string
	Columns  []table.Column
	ID       func(T) string
	Row      func(T) table.Row
	Markable bool // rows can be marked for bulk actions
	// Fetch loads the page after from ("" for the first). A list that
	// comes in one piece returns it as one page.
	Fetch FetchFunc[T]
	// Sorted, when set, is the fetch of the rows as the tenant sorts them
	// by column col, or nil where it cannot. The tenant sorts only the
	// first SortedUpTo rows (offset paging): a longer list, or one whose
	// count is not known yet, is loaded whole and sorted here.
	Sorted     func(col int, desc bool) FetchFunc[T]
	SortedUpTo int
	// Count asks the tenant how many rows there are in one call, for a
	// list that comes in pages; nil: the loaded rows are the count.
	Count func(ctx context.Context, cl client.Client) (int, error)
	// Search, when set, finds rows on the tenant by the filter's text (in
	// a call or two): a filter of a list not wholly loaded asks it instead
	// of loading every page (see search.go). Its note, if any, says where
	// the rows were found ("from the index listed 4m ago").
	Search func(ctx context.Context, cl client.Client, text string) (found []T, note string, err error)
	// Copy is what y offers to copy from a row (id, name, email, the
	// Dashboard's address); nil: its id.
	Copy func(T) []common.Copyable
	// CountScope names the count for other panes ("members:org_1"), which
	// see it as a common.CountedMsg.
	CountScope string
	// Org is the organization the rows belong to: a 404 saying it is gone
	// closes its screen. Nil for the organizations list.
	Org *client.Organization
	// News, when set, is what another session's change must have touched
	// for the list to reload (as an automatic refresh: not while the user
	// is in the middle of something here); nil: it follows no news.
	News *common.Touched

	// What a Tab uses:
	Label  string        // the tab's label before its count: "Members"
	One    string        // one row, for "no member selected"
	Header func() string // a line over the list (a screen's title), or nil
}

// FetchFunc loads the page of a list after from ("" for the first).
type FetchFunc[T any] func(ctx context.Context, cl client.Client, from string) (client.Page[T], error)

// Model is a list pane of T.
type Model[T any] struct {
	c        *common.Common
	id       int // tells this list's messages from another's
	spec     Spec[T]
	sorted   FetchFunc[T] // while the tenant sorts the rows: its sorted pages
	table    table.Model
	filter   table.Filter
	spinner  spinner.Model
	items    map[string]T
	marks    map[string]bool
	states   map[string]State
	seq      int // the current load; older pages are dropped
	loading  bool
	err      error
	width    int
	height   int
	pages    paging
	marksVer int           // counts the changes to marks
	targets  targetMemo[T] // the marked rows' items, worked out once per change
	loadedAt time.Time     // when the first page came
	search   searching     // what the filter asked the tenant for
}

// New makes an empty list; Init loads it.
func New[T any](c *common.Common, spec Spec[T]) *Model[T] {
	m := &Model[T]{c: c, id: c.NextID(), spec: spec, filter: table.NewFilter(c.Keys),
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		items:   map[string]T{}, marks: map[string]bool{}, states: map[string]State{}, pages: paging{total: -1},
		table: table.New(c.Keys, c.Styles, spec.Empty, spec.Columns...)}
	m.table.Gutter, m.table.Note = m.gutter, m.note
	return m
}

// pageMsg is one page of load seq.
type pageMsg[T any] struct {
	seq  int
	page client.Page[T]
	err  error
}

// fetch loads the page after from: in the background (after whatever
// the user is doing, leaving a reserve of the budget) unless the user is
// waiting for it.
func (m *Model[T]) fetch(from string, background bool) tea.Cmd {
	ctx, cl, fetch, seq := m.c.Ctx, m.c.Client, m.spec.Fetch, m.seq
	if m.sorted != nil { // the tenant's sorted order
		fetch = m.sorted
	}
	if background {
		ctx = pace.Background(ctx)
	}
	m.pages.fetching = true
	return func() tea.Msg {
		p, err := fetch(ctx, cl, from)
		return pageMsg[T]{seq: seq, page: p, err: err}
	}
}

// Init (re)loads the list from its first page. Marks and finished
// actions' notes go (the reload shows the truth); rows whose action is
// still running keep saying so.
func (m *Model[T]) Init() tea.Cmd {
	first := m.seq == 0 // never loaded
	m.seq = m.c.NextID()
	m.loading, m.err = true, nil
	m.search.text = ""
	m.items = map[string]T{}
	m.marks = map[string]bool{}
	m.marksVer++
	for id, st := range m.states {
		if st.Phase != Pending {
			delete(m.states, id)
		}
	}
	m.table.SetRows(nil)
	if first { // keeps a count already read or asked for: an organization counts its members when it opens
		m.pages = paging{total: m.pages.total, counting: m.pages.counting}
	} else {
		m.pages = paging{total: -1}
	}
	if col, _ := m.table.SortedBy(); col >= 0 && m.sorted == nil { // a list sorted here reloads whole, to stay sorted whole
		m.pages.all, m.pages.sortAll = true, true
	}
	return tea.Batch(m.fetch("", false), m.CountCmd(), m.spinner.Tick)
}

func (m *Model[T]) onPage(msg pageMsg[T]) tea.Cmd {
	if m.spec.Org != nil {
		if gone, ok := common.Gone(msg.err, *m.spec.Org); ok {
			m.loading = false
			return func() tea.Msg { return gone }
		}
	}
	rows := make([]table.Row, 0, len(msg.page.Items))
	for _, it := range msg.page.Items {
		id := m.spec.ID(it)
		if _, dup := m.items[id]; dup {
			continue
		}
		m.items[id] = it
		rows = append(rows, m.spec.Row(it))
	}
	m.table.Append(rows...)
	var age tea.Cmd
	if m.loading {
		m.loadedAt, age = time.Now(), m.ageTick()
	}
	m.loading, m.pages.fetching, m.pages.next = false, false, ""
	if msg.err != nil {
		m.err = msg.err
		return nil
	}
	if len(msg.page.Items) > 0 && (m.pages.total < 0 || m.table.Total() < m.pages.total) {
		m.pages.next = msg.page.Next // Auth0's member pages end with an empty one: not asked for once the count is reached
	}
	return tea.Batch(m.more(), age)
}

// Err is the last load's error, nil while loading or after success.
func (m *Model[T]) Err() error { return m.err }

// Loading reports whether the first page is still coming.
func (m *Model[T]) Loading() bool { return m.loading }

// Loaded reports whether a load has shown its first page without error.
func (m *Model[T]) Loaded() bool { return m.seq != 0 && !m.loading && m.err == nil }

// Complete reports whether every row is loaded.
func (m *Model[T]) Complete() bool { return m.Loaded() && m.pages.next == "" }

// Load tells one load of the list from the next: it changes whenever the
// list (re)loads from its first page.
func (m *Model[T]) Load() int { return m.seq }

// OnScreen are the items drawn now and as many again below them.
func (m *Model[T]) OnScreen() []T {
	ids := m.table.OnScreenIDs()
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		out = append(out, m.items[id])
	}
	return out
}

// Started reports whether Init has run.
func (m *Model[T]) Started() bool { return m.seq != 0 }

// Total is how many rows there are, filtered or not.
func (m *Model[T]) Total() int { return m.table.Total() }

// Item is the item with id.
func (m *Model[T]) Item(id string) (T, bool) {
	it, ok := m.items[id]
	return it, ok
}

// Items are every item, in the table's order.
func (m *Model[T]) Items() []T {
	out := make([]T, 0, len(m.items))
	for _, r := range m.table.Rows() {
		out = append(out, m.items[r.ID])
	}
	return out
}

// Selected is the item under the cursor.
func (m *Model[T]) Selected() (T, bool) {
	r, ok := m.table.Selected()
	if !ok {
		var zero T
		return zero, false
	}
	return m.Item(r.ID)
}

// targetMemo holds the marked rows' items for as long as neither the marks
// (marks) nor the rows (rows, the table's version) change.
type targetMemo[T any] struct {
	ok          bool
	marks, rows int
	items       []T
}

// Targets are the marked items in the table's order, or the one under
// the cursor when none is marked.
func (m *Model[T]) Targets() []T {
	var out []T
	if len(m.marks) == 0 { // the usual case, asked on every redraw: no pass over the rows
		if it, ok := m.Selected(); ok {
			out = append(out, it)
		}
		return out
	}
	if t := m.targets; t.ok && t.marks == m.marksVer && t.rows == m.table.Version() {
		out = slices.Clone(t.items) // nothing marked or listed changed since: no pass over the rows on a redraw
	} else {
		for _, r := range m.table.Rows() {
			if m.marks[r.ID] {
				out = append(out, m.items[r.ID])
			}
		}
		m.targets = targetMemo[T]{ok: true, marks: m.marksVer, rows: m.table.Version(), items: out}
	}
	if len(out) == 0 {
		if it, ok := m.Selected(); ok {
			out = append(out, it)
		}
	}
	return out
}

// Put shows it: in place of the row with its id, or as a new row.
func (m *Model[T]) Put(it T) {
	id := m.spec.ID(it)
	_, had := m.items[id]
	m.items[id] = it
	if had {
		m.table.Replace(m.spec.Row(it))
	} else {
		m.table.Append(m.spec.Row(it))
		if m.pages.total >= 0 {
			m.pages.total++
		}
	}
}

// SetHidden hides or shows column i.
func (m *Model[T]) SetHidden(i int, hidden bool) { m.table.SetHidden(i, hidden) }

// Select puts the cursor on the row with id.
func (m *Model[T]) Select(id string) { m.table.Select(id) }

// Changed shows a change of the list's own rows: the row removed (an id,
// or "") goes; made, when it has an id, is put and selected.
func (m *Model[T]) Changed(removed string, made T) {
	if removed != "" {
		m.Drop(removed)
	}
	if id := m.spec.ID(made); id != "" {
		m.Put(made)
		m.Select(id)
	}
}

// Drop removes the rows with these ids, their marks and states.
func (m *Model[T]) Drop(ids ...string) {
	for _, id := range ids {
		if _, had := m.items[id]; had && m.pages.total > 0 {
			m.pages.total--
		}
		delete(m.items, id)
		delete(m.marks, id)
		delete(m.states, id)
		m.marksVer++
	}
	m.table.Remove(ids...)
}

// Marked is how many rows are marked.
func (m *Model[T]) Marked() int { return len(m.marks) }

// Mark marks ids (failed targets keep their marks for a retry).
func (m *Model[T]) Mark(ids ...string) {
	for _, id := range ids {
		if _, ok := m.items[id]; ok {
			m.marks[id] = true
			m.marksVer++
		}
	}
}

// Unmark clears the marks of ids.
func (m *Model[T]) Unmark(ids ...string) {
	for _, id := range ids {
		delete(m.marks, id)
	}
	m.marksVer++
}

// Capturing reports whether the filter is taking keys.
func (m *Model[T]) Capturing() bool { return m.filter.Active() }

// SetSize gives the list its room: the table and one status line.
func (m *Model[T]) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, h-1)
}

// Title is a tab label with the count: "Members (20,000)" as the tenant
// counted them, else the rows loaded, "(…)" while the first page comes.
func (m *Model[T]) Title(label string) string {
	switch {
	case m.pages.total >= 0:
		return label + " (" + table.Count(m.pages.total) + ")"
	case m.seq == 0, m.err != nil && m.table.Total() == 0:
		return label // not known: no count, and no rows to count
	case m.loading:
		return label + " (…)"
	case m.pages.next != "":
		return label + " (" + table.Count(m.table.Total()) + "+)"
	}
	return label + " (" + table.Count(m.table.Total()) + ")"
}
