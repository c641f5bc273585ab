package safetext

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Shell is s as one word for a POSIX shell (sh, bash, zsh): in single
// quotes, where nothing is special, each ' written as
// close-quote, backslash-quote, open-quote. A NUL cannot be passed in an
// argument and is dropped; everything else arrives as it is, so $(…),
// backticks, $VAR, ! and newlines are text, never run.
func Shell(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// JSON is v as JSON (encoding/json) in which every character that
// Clipboard or Terminal would drop or mark (bidi controls, zero-width
// characters, U+2028/2029: encoding/json escapes only the controls among
// them) is written as a \u escape instead, so that the text survives a
// copy and a paste unchanged and still means the same value. A JSON body
// for a command line is Shell(JSON(v)).
func JSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	s := string(b)
	if !needsScrubbing(s) {
		return s, nil
	}
	var out strings.Builder
	for i, r := range s { // outside strings JSON is ASCII: every such rune is inside one
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if hidden(r) && !joins(prevRune(s[:i]), r, next) {
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&out, `\u%04x`, u)
			}
			continue
		}
		out.WriteRune(r)
	}
	return out.String(), nil
}

func prevRune(s string) rune {
	r, n := utf8.DecodeLastRuneInString(s)
	if n == 0 {
		return -1
	}
	return r
}
