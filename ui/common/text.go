package common

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Clean makes a string from the API safe to draw, export or print: escape
// sequences are removed, and control and invisible format characters made
// visible as �, so a name cannot move the cursor, recolour the screen,
// retitle the window, reorder itself or pass for another.
func Clean(s string) string {
	if !needsCleaning(s) {
		return s
	}
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		if hidden(r) {
			return '�'
		}
		return r
	}, s)
}

// hidden reports whether r does something other than show itself: control
// characters, line and paragraph separators, and the invisible format
// characters (bidi overrides and isolates that reorder what follows,
// zero-width spaces and joiners that make two names look alike).
func hidden(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

func needsCleaning(s string) bool {
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && hidden(r) {
			return true
		}
	}
	return false
}
