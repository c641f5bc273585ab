package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// clip is each of the first h lines cut by ansi.Truncate, padded with
// empty lines to h: for styled, wide, hostile and empty text, text of
// fewer, as many and more lines than h, at widths around theirs.
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
		strings.Repeat("abc…", 40) + "\n" + strings.Repeat("東", 40)}
	for _, c := range safetexttest.Corpus() {
		texts = append(texts, c.S, c.S+"\n"+c.S)
	}
	for _, s := range texts {
		for h := range 4 {
			for w := range 12 {
				if got, want := clip(s, w*7, h), naive(s, w*7, h); got != want {
					t.Fatalf("clip(%q, %d, %d) = %q, want %q", s, w*7, h, got, want)
				}
			}
		}
	}
}
