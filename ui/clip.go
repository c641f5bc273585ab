package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/ui/cells"
)

// clip makes s exactly h lines of at most w cells: its first h lines, cut
// to w cells, and empty ones after.
func clip(s string, w, h int) string { return (*fitMemo)(nil).clip(s, w, h) }

// fitMemo remembers the lines of the last frames found to fit the width,
// so that a frame drawing the same lines again (the help closed, a key
// that moves nothing) does not measure them again, cluster by cluster:
// 200 lines of names in a script that is not ASCII cost milliseconds. It
// holds two screens' worth of lines, and a screen's more that it forgets
// as it learns new ones; a nil fitMemo remembers nothing.
type fitMemo struct {
	width, limit int
	cur, prev    map[string]struct{}
}

// size starts a frame of w×h cells; a new width forgets every line.
func (f *fitMemo) size(w, h int) {
	if w != f.width {
		clear(f.cur)
		clear(f.prev)
	}
	f.width, f.limit = w, 2*h
	if f.cur == nil {
		f.cur, f.prev = map[string]struct{}{}, map[string]struct{}{}
	}
}

// keep remembers line, forgetting the older lines when there are enough.
func (f *fitMemo) keep(line string) {
	if len(f.cur) >= f.limit {
		f.prev, f.cur = f.cur, f.prev
		clear(f.cur)
	}
	f.cur[line] = struct{}{}
}

// clip is clip, remembering the lines that fit when w is the frame's width.
// While every line is whole, the text is not copied: the result is a piece
// of s.
func (f *fitMemo) clip(s string, w, h int) string {
	if f != nil && w != f.width {
		f = nil
	}
	whole, end := s, 0 // while copying is false, the lines so far are whole[:end]
	var b strings.Builder
	copying, there := false, true // there: line i is in s (else it is padding)
	for i := range h {
		line, rest, more := strings.Cut(s, "\n")
		cut := f.cut(line, w)
		switch {
		case !copying && there && cut == line:
			end = len(whole) - len(s) + len(line)
		case !copying:
			copying = true
			b.Grow(len(whole) + h)
			b.WriteString(whole[:end])
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(cut)
		default:
			b.WriteByte('\n')
			b.WriteString(cut)
		}
		s, there = rest, more
	}
	if !copying {
		return whole[:end]
	}
	return b.String()
}

// cut is cells.Truncate(line, w, ""), asking the memo first.
func (f *fitMemo) cut(line string, w int) string {
	if f == nil || len(line) <= w { // no wider than its bytes: cells.Truncate's shortcut
		return cells.Truncate(line, w, "")
	}
	if _, ok := f.cur[line]; ok {
		return line
	}
	if _, ok := f.prev[line]; ok {
		f.keep(line)
		return line
	}
	if cells.Width(line) > w {
		return ansi.Truncate(line, w, "")
	}
	f.keep(strings.Clone(line)) // not the frame's whole text, which line is a piece of
	return line
}
