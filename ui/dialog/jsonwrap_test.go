package dialog

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A long line wraps at a space or a punctuation mark within it, its other
// rows hang deeper, no row is wider than asked, none holds a lone "," or
// quote, and the rows put together are the line.
func TestWrapJSONLine(t *testing.T) {
	for _, tc := range []struct {
		line  string
		width int
		rows  []string
	}{
		{`  "a": "b",`, 40, []string{`  "a": "b",`}},
		{`    "logo_url": "https://cdn.example.com/logos/acme.png",`, 40,
			[]string{`    "logo_url": "https://cdn.example.`, `      com/logos/acme.png",`}},
		// an id that fits the next row moves there whole
		{`  "id": "org_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",`, 44, []string{`  "id":`, `    "org_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",`}},
		// a word longer than a row is cut where it must be, and the comma never falls alone on the last row
		{`  "k": "` + strings.Repeat("x", 40) + `",`, 40, []string{`  "k":`, `    "` + strings.Repeat("x", 34), `    ` + strings.Repeat("x", 6) + `",`}},
		{`  "k": "` + strings.Repeat("x", 35) + `",`, 40, []string{`  "k":`, `    "` + strings.Repeat("x", 29), `    ` + strings.Repeat("x", 6) + `",`}},
	} {
		got := wrapJSONLine(tc.line, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.rows, "|") {
			t.Errorf("%q at %d:\n got %q\nwant %q", tc.line, tc.width, got, tc.rows)
		}
	}
}

// Whatever the width, every row fits, no row is a lone punctuation mark,
// and the text is kept (wide characters included).
func TestWrapJSONKeepsTheText(t *testing.T) {
	lines := []string{
		`{`,
		`  "name": "東京ロボティクス株式会社東京ロボティクス株式会社",`,
		`  "url": "https://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p",`,
		`  "v": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",`,
		`  "flag": "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦"`,
		`}`,
	}
	for width := 16; width <= 70; width++ {
		rows := wrapJSON(lines, width)
		var joined []string
		for i, r := range rows {
			if ansi.StringWidth(r.text) > width {
				t.Fatalf("at %d row %q is wider", width, r.text)
			}
			if s := strings.TrimSpace(r.text); s == "," || s == `",` || s == `"` {
				t.Fatalf("at %d a row is only %q", width, s)
			}
			text := r.text
			if i > 0 && rows[i-1].line == r.line {
				text = strings.TrimLeft(text, " ")
				joined[len(joined)-1] = strings.TrimRight(joined[len(joined)-1], " ")
				joined[len(joined)-1] += text
				continue
			}
			joined = append(joined, text)
		}
		for i, l := range lines {
			if strings.ReplaceAll(joined[i], " ", "") != strings.ReplaceAll(l, " ", "") {
				t.Fatalf("at %d line %d became %q", width, i, joined[i])
			}
		}
	}
}
