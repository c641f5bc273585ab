package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// clip is each of the first h lines cut by ansi.Truncate, padded with
// empty lines to h: for styled, wide, hostile and empty text, text of
// fewer, as many and more lines than h, at widths around theirs; and so
// is a clip remembering the lines that fit, frame after frame.
func TestClipIsTruncateOfEachLine(t *testing.T) {
	naive := func(s string, w, h int) string {
		lines := strings.Split(s, "\n")
		if len(lines) > h {
			lines = lines[:h]
		}
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, w, "")
		}
		for len(lines) < h {
			lines = append(lines, "")
		}
		return strings.Join(lines, "\n")
	}
	texts := []string{"", "\n", "a\n\nb\n", "東京ロボティクス\n\x1b[1mbold…\x1b[m tail", "e\u0301e\u0301\r\nx\ty",
		strings.Repeat("abc…", 40) + "\n" + strings.Repeat("東", 40), strings.Repeat("東", 30)}
	for _, c := range safetexttest.Corpus() {
		texts = append(texts, c.S, c.S+"\n"+c.S)
	}
	var memo fitMemo
	for i := range 12 {
		w := i * 5 % 12 // widths narrower and wider than the last
		for range 3 {   // frames of the same width: the memo's lines remembered, and forgotten
			memo.size(w*7, 2)
			for _, s := range texts {
				for h := range 4 {
					want := naive(s, w*7, h)
					if got := clip(s, w*7, h); got != want {
						t.Fatalf("clip(%q, %d, %d) = %q, want %q", s, w*7, h, got, want)
					}
					if got := memo.clip(s, w*7, h); got != want {
						t.Fatalf("remembering, clip(%q, %d, %d) = %q, want %q", s, w*7, h, got, want)
					}
				}
			}
		}
	}
}
