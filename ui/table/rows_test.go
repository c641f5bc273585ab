package table

import (
	"testing"

	"github.com/orgdash/orgdash/theme"
)

// A table drawing frame after frame (its rows remembered) draws what a
// table drawing once draws, through every change a row's look depends
// on: its cells replaced, its gutter and note, the cursor, the width, a
// column hidden, scrolling, sorting and filtering.
func TestRowsDrawnAgainAreDrawnAsNew(t *testing.T) {
	m := newTable(50)
	m.SetStyles(theme.New(true, false)) // the cursor's row in colour
	gutter, note := map[string]string{}, map[string]string{}
	m.Gutter = func(id string) string { return gutter[id] }
	m.Note = func(id string) string { return note[id] }
	steps := []func(){
		func() {},
		func() { m.Replace(NewRow("id-3", "Renamed 3", "東京@example.com")) },
		func() { gutter["id-2"] = "●" },
		func() { note["id-4"] = "removing…" },
		func() { note["id-4"] = "failed: no scope" },
		func() { delete(gutter, "id-2") },
		func() { m.SetCursor(3) },
		func() { m.SetSize(41, 11) },
		func() { m.SetSize(120, 30) },
		func() { m.SetHidden(1, true) },
		func() { m.SetHidden(1, false) },
		func() { m.SetCursor(40) },
		func() { m.SortBy(1, true) },
		func() { m.SetFilter("user1") },
		func() { m.SetFilter("") },
		func() { m.Remove("id-1") },
		func() { m.Append(NewRow("id-new", "New", "new@example.com")) },
	}
	for i, step := range steps {
		step()
		fresh := m
		fresh.drawn = &rowCache{}
		for range 2 { // once after the change, once again unchanged
			if got, want := m.View(), fresh.View(); got != want {
				t.Fatalf("step %d draws\n%s\nnot\n%s", i, got, want)
			}
		}
	}
}
