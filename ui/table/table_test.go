package table

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/theme"
)

func rows(n int) []Row {
	out := make([]Row, n)
	for i := range out {
		out[i] = NewRow(fmt.Sprintf("id-%d", i), fmt.Sprintf("User %d", i), fmt.Sprintf("user%d@Example.com", i))
	}
	return out
}

func newTable(n int) Model {
	m := New(keymap.Default(), theme.New(true, true), "empty", Column{Title: "NAME", Min: 10, Flex: 1}, Column{Title: "EMAIL", Min: 10, Flex: 2})
	m.SetRows(rows(n))
	m.SetSize(60, 11)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

func TestMovementAndScrolling(t *testing.T) {
	m := newTable(100)
	for _, k := range []string{"j", "j", "pgdown"} {
		m.HandleKey(press(k))
	}
	if m.Cursor() != 12 || m.Position() != "13 of 100" {
		t.Fatalf("cursor %d, position %q", m.Cursor(), m.Position())
	}
	view := ansi.Strip(m.View())
	if lines := strings.Count(view, "\n") + 1; lines != 11 {
		t.Fatalf("%d lines, want 11 (header + 10 rows)", lines)
	}
	if !strings.Contains(view, "User 12") || strings.Contains(view, "User 0 ") {
		t.Fatalf("the cursor's row is not in view:\n%s", view)
	}
	m.HandleKey(press("G"))
	if r, _ := m.Selected(); r.ID != "id-99" {
		t.Fatalf("G selects %s", r.ID)
	}
	m.HandleKey(press("g"))
	m.HandleKey(press("up"))
	if m.Cursor() != 0 {
		t.Fatalf("cursor went above the first row: %d", m.Cursor())
	}
	m.HandleKey(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.Cursor() != 3 {
		t.Fatalf("the wheel moved to %d, want 3", m.Cursor())
	}
}

func TestFilterSmartCaseAndAppend(t *testing.T) {
	m := newTable(30)
	m.SetFilter("user2")
	if m.Len() != 11 || m.Position() != "1 of 11 (30 in all)" {
		t.Fatalf("user2: %d rows, %q", m.Len(), m.Position())
	}
	m.SetFilter("Example")
	if m.Len() != 30 {
		t.Fatalf("Example (capital): %d rows", m.Len())
	}
	m.SetFilter("EXAMPLE")
	if m.Len() != 0 || !strings.Contains(m.View(), "nothing matches “EXAMPLE”") {
		t.Fatalf("EXAMPLE matched %d rows", m.Len())
	}
	m.SetFilter("id-3")
	m.Append(rows(40)[30:]...)                                      // a page arrives while filtered
	if got := m.VisibleIDs(); len(got) != 11 || got[1] != "id-30" { // id-3 and id-30…id-39
		t.Fatalf("after a page: %v", got)
	}
}

func TestGutterAndNote(t *testing.T) {
	m := newTable(3)
	m.Gutter = func(id string) string {
		if id == "id-1" {
			return "●"
		}
		return ""
	}
	m.Note = func(id string) string {
		if id == "id-2" {
			return "removing…"
		}
		return ""
	}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if !strings.HasPrefix(lines[2], "●") || !strings.HasSuffix(strings.TrimRight(lines[3], " "), "removing…") {
		t.Fatalf("gutter or note missing:\n%s", strings.Join(lines, "\n"))
	}
}

func TestLayout(t *testing.T) {
	ws := layout([]Column{{Min: 10, Flex: 1}, {Min: 20}, {Min: 5, Flex: 3}}, 60)
	if ws[0]+ws[1]+ws[2]+2 != 60 || ws[1] != 20 || ws[2] <= ws[0] {
		t.Fatalf("widths %v", ws)
	}
	if ws := layout([]Column{{Min: 30}, {Min: 30}}, 20); ws[0] < 1 || ws[0]+ws[1] > 20 {
		t.Fatalf("narrow widths %v", ws)
	}
}

// BenchmarkView draws a screenful from tables of 100 and 100,000 rows: the
// cost must not grow with the rows.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{100, 100000} {
		m := newTable(n)
		m.SetSize(120, 30)
		m.SetCursor(n / 2)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkFilter100k filters 100,000 rows.
func BenchmarkFilter100k(b *testing.B) {
	m := newTable(100000)
	qs := filterQueries
	i := 0
	for b.Loop() {
		m.SetFilter(qs[i%len(qs)])
		i++
	}
}

func TestFilter100kIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	m := newTable(100000)
	start := time.Now()
	m.SetFilter("user9")
	took := time.Since(start)
	t.Logf("filtered 100,000 rows in %s", took)
	if m.Len() != 11111 {
		t.Fatalf("%d rows match user9", m.Len())
	}
}
