package dialog

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// jsonRow is one screen row of the JSON viewer: part of a line of the
// indented body (line counts from 0), cut to the viewer's width.
type jsonRow struct {
	text string
	line int
}

// minTail is the fewest cells a wrapped line's last row holds, so that a
// "," or a closing quote is never left alone on a row.
const minTail = 8

// wrapJSON lays the lines of an indented JSON text out in rows of at most
// width cells. A line that does not fit is cut after a space or a
// punctuation mark inside it (a URL after its "/"), a value that fits the
// next row whole moved there,
// or where it must be when a word is longer than the row; its other rows
// hang two cells deeper than it, and its last row keeps at least minTail
// cells, so that no row holds a lone ",".
func wrapJSON(lines []string, width int) []jsonRow {
	rows := make([]jsonRow, 0, len(lines))
	for i, l := range lines {
		for _, r := range wrapJSONLine(l, width) {
			rows = append(rows, jsonRow{text: r, line: i})
		}
	}
	return rows
}

// wrapJSONLine is one line of wrapJSON.
func wrapJSONLine(line string, width int) []string {
	width = max(width, minTail*2)
	if ansi.StringWidth(line) <= width {
		return []string{line}
	}
	indent := len(line) - len(strings.TrimLeft(line, " "))
	hang := min(indent+2, width/2)
	var rows []string
	rest, lead := line[indent:], strings.Repeat(" ", indent)
	for {
		room := width - len(lead)
		restWidth := ansi.StringWidth(rest)
		if restWidth <= room {
			return append(rows, lead+rest)
		}
		limit := room
		if restWidth-room < minTail { // what is left would be a lone "," or a few characters: cut earlier
			limit = restWidth - minTail
		}
		cut := jsonCut(rest, limit, width-hang)
		rows = append(rows, lead+strings.TrimRight(rest[:cut], " "))
		rest = rest[cut:]
		lead = strings.Repeat(" ", hang)
	}
}

// breaksAfter are the characters a JSON line may be cut after: spaces,
// and the punctuation of URLs, emails and dates ("_" is not: it is inside
// Auth0's ids, org_…, con_…).
const breaksAfter = " /-.,:;?&=|@+#"

// jsonCut is where to cut s so that s[:cut] fits in limit cells. After a
// space where what follows fits a row of next cells (a value moves whole
// to the next row, an id unbroken), else after the last break, else where
// the cells run out (never inside a grapheme, never at 0).
func jsonCut(s string, limit, next int) int {
	fit := len(ansi.Truncate(s, max(limit, 1), ""))
	for w := max(limit, 1) + 1; fit == 0; w++ { // a grapheme wider than the row: it takes a row of its own
		fit = len(ansi.Truncate(s, w, ""))
	}
	if i := strings.LastIndexByte(s[:fit], ' '); i > 0 && i+1 < len(s) && ansi.StringWidth(s[i+1:]) <= next {
		return i + 1
	}
	if i := strings.LastIndexAny(s[:fit], breaksAfter); i > 0 && i+1 < len(s) {
		return i + 1
	}
	return fit
}
