// Package safetext is the one place where a string from outside orgdash
// (a name, an email, a user id, metadata: anything a tenant's customers
// or admins can set) is made safe for where it is going next. There is
// one function per destination:
//
//   - Terminal: what is drawn on a screen or printed to one;
//   - Clipboard: what is copied (and so pasted into a shell);
//   - Shell: one word of a command line for a POSIX shell (JSON: a body
//     for one, that survives a copy and paste unchanged);
//   - CSV: one cell of a file a spreadsheet will open.
//
// A string bound for a destination goes through its function and through
// nothing else: no call site escapes by hand.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Marker is what Terminal and CSV show in place of a character that does
// something other than show itself.
const Marker = '�'

// Terminal makes s safe to draw: escape sequences (colours, cursor moves,
// window titles, OSC 52 clipboard writes, bracketed-paste ends) are
// removed, and control and invisible format characters (bidi overrides
// and isolates, zero-width spaces, line and paragraph separators) are made
// visible as �, so a name cannot move the cursor, recolour the screen,
// retitle the window, reorder itself or pass for another. Printable
// Unicode, emoji ZWJ sequences and tag flags included, is left intact.
func Terminal(s string) string { return scrub(s, Marker) }

// Clipboard makes s safe to copy: what Terminal removes is removed, and
// what Terminal marks is dropped, so that a paste can neither end a
// bracketed paste, press Enter (CR, LF, U+2028), carry a NUL, write the
// clipboard again (OSC 52) nor reorder what is pasted (bidi controls).
// What it returns is exactly what a dialog showing it draws:
// Terminal(Clipboard(s)) == Clipboard(s).
func Clipboard(s string) string { return scrub(s, -1) }

// ClipboardLines is lines, each made safe by Clipboard, one a line, with
// a final newline: the only way a copy spans lines is this one, where
// orgdash itself chose the line breaks.
func ClipboardLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(Clipboard(l))
		b.WriteByte('\n')
	}
	return b.String()
}

// scrub strips escape sequences from s and replaces every hidden
// character with repl (dropped when repl is negative).
func scrub(s string, repl rune) string {
	if !needsScrubbing(s) {
		return s
	}
	s = strings.ToValidUTF8(ansi.Strip(s), string(utf8.RuneError))
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1 // the last rune kept as it is
	for i, r := range s {
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		if hidden(r) && !joins(prev, r, next) {
			if repl >= 0 {
				b.WriteRune(repl)
			}
			prev = -1
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// hidden reports whether r does something other than show itself: control
// characters (C0, DEL, C1, NUL, tab, CR, LF), line and paragraph
// separators, and the invisible format characters (bidi overrides
// U+202A–U+202E and isolates U+2066–U+2069 that reorder what follows,
// zero-width spaces and joiners that make two names look alike).
func hidden(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

func needsScrubbing(s string) bool {
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && (hidden(r) || r == utf8.RuneError) {
			return true
		}
	}
	return false
}

// joins reports whether the format character r, between prev and next,
// is part of an emoji rather than a way to hide something: a zero-width
// joiner between two pictographs (👩‍💻, 🏳️‍🌈), or the tag letters of a
// subdivision flag after a black flag (🏴 + "gbeng" + cancel tag).
func joins(prev, r, next rune) bool {
	switch {
	case r == '\u200D':
		return pictograph(prev) && pictograph(next)
	case r >= 0xE0020 && r <= 0xE007F: // tags: only as a flag's letters, ending with the cancel tag
		return (prev == 0x1F3F4 || prev >= 0xE0020 && prev <= 0xE007E) &&
			(r == 0xE007F || next >= 0xE0020 && next <= 0xE007F)
	}
	return false
}

// pictograph reports whether r can stand on either side of an emoji's
// zero-width joiner: an Extended_Pictographic character, a skin tone
// modifier or the emoji presentation selector that follows one. The
// ranges are those of Unicode's emoji-data.txt, rounded to whole blocks
// where a block is all pictographs.
func pictograph(r rune) bool {
	switch {
	case r == 0xFE0F, r >= 0x1F3FB && r <= 0x1F3FF: // emoji presentation, skin tones
		return true
	case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicators pair into flags, never joined
		return false
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x1FC00 && r <= 0x1FFFD:
		return true
	case r >= 0x2600 && r <= 0x27BF, r >= 0x2300 && r <= 0x23FF, r >= 0x2B00 && r <= 0x2BFF:
		return true
	case r == 0x00A9, r == 0x00AE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139,
		r >= 0x2194 && r <= 0x21AA, r == 0x24C2, r >= 0x25AA && r <= 0x25FE,
		r == 0x2934, r == 0x2935, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}
