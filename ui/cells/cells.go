// Package cells measures and cuts terminal text exactly as
// charmbracelet/x/ansi does (grapheme clusters, escape sequences of no
// width), without segmenting plain ASCII: ansi asks its grapheme segmenter
// about every byte, which on a 500-column screen is most of a frame's cost.
package cells

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// Width is ansi.StringWidth(s). A printable ASCII byte followed by another
// ASCII byte (or by nothing) is a grapheme cluster of its own (only CR LF
// joins two ASCII bytes, and neither is printable) of width 1: it is
// counted without the segmenter; anything else is measured as ansi does.
func Width(s string) int {
	width := 0
	state := parser.GroundState
	for i := 0; i < len(s); i++ {
		b := s[i]
		next, action := parser.Table.Transition(state, b)
		if action == parser.PrintAction && b >= 0x20 && b < 0x7f && (i+1 == len(s) || s[i+1] < 0x80) {
			width++
			state = parser.GroundState
			continue
		}
		if action == parser.PrintAction || next == parser.Utf8State {
			cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			width += w
			i += len(cluster) - 1
			state = parser.GroundState
			continue
		}
		state = next
	}
	return width
}

// Truncate is ansi.Truncate(s, w, tail): s when it fits in w cells (a
// string is never wider than its length in bytes: no grapheme cluster is
// wider than 2 cells, and a 1-byte one at most 1), else s cut to w cells
// ending in tail.
func Truncate(s string, w int, tail string) string {
	if len(s) <= w || Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, tail)
}
