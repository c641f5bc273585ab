package safetext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// IndentJSON is a JSON text indented by two spaces a level, for a screen
// and for a copy at once: every character inside its strings that
// Terminal would mark or Clipboard drop (bidi controls, zero-width
// characters, C1 controls, U+2028/2029; the C0 controls and ESC cannot be
// there raw, JSON writes them \u001b) is written as a \u escape, so the
// text still means the same value, no line holds anything that acts on a
// terminal, and the only line breaks are the indentation's.
// Terminal(line) == line for each of its lines.
func IndentJSON(body []byte) (string, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, body, "", "  "); err != nil {
		return "", err
	}
	s := strings.ToValidUTF8(out.String(), string(utf8.RuneError))
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s { // outside strings the text is ASCII: such a rune is inside one
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if r >= 0x7f && hidden(r) && !joins(prevRune(s[:i]), r, next) {
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}
