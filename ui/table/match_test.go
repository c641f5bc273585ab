package table

import (
	"slices"
	"strings"
	"testing"
)

// shown are the ids the filter lets through, in view order.
func shown(m Model) []string {
	return m.VisibleIDs()
}

// want are the ids of rows whose text holds q, by smart case, in row order.
func want(m Model, q string) []string {
	var ids []string
	for _, r := range m.Rows() {
		hay := r.hay
		if strings.ToLower(q) == q {
			hay = strings.ToLower(hay)
		}
		if strings.Contains(hay, q) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// Typing a filter letter by letter, deleting back, switching case, rows
// arriving, changing, going and being sorted under a filter: the rows shown
// are always exactly those a fresh search of every row finds.
func TestFilterShowsWhatAFreshSearchFinds(t *testing.T) {
	m := newTable(2000)
	check := func(step string) {
		t.Helper()
		if got, w := shown(m), want(m, m.Filter()); !slices.Equal(got, w) {
			t.Fatalf("%s (filter %q): %d rows shown, a fresh search finds %d", step, m.Filter(), len(got), len(w))
		}
	}
	for _, q := range []string{"u", "us", "user", "user1", "user19", "user1", "", "E", "Ex", "ex", "example", "User 1", "user 1"} {
		m.SetFilter(q)
		check("typed")
	}
	m.SetFilter("user2")
	m.Append(NewRow("new-1", "User 2X", "user2x@example.com"), NewRow("new-2", "Nobody", "nobody@example.com"))
	check("rows appended")
	m.Replace(NewRow("id-20", "Renamed", "renamed@example.com"))
	m.SetFilter("user20")
	check("a row changed, then typing on")
	m.Remove("id-200", "new-1")
	m.SetFilter("user200")
	check("rows removed, then typing on")
	m.SetFilter("Example")
	check("capital after rows changed")
	m.SortBy(1, true)
	m.SetFilter("user3")
	got := shown(m)
	slices.Sort(got)
	w := want(m, "user3")
	slices.Sort(w)
	if !slices.Equal(got, w) {
		t.Fatalf("sorted: %d rows shown, a fresh search finds %d", len(got), len(w))
	}
}
