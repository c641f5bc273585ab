package table

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// The early-stopping truncation cuts exactly where ansi.Truncate does, for
// wide, combining, emoji and hostile text at every width.
func TestTruncatePlainIsAnsiTruncate(t *testing.T) {
	texts := []string{"", "a", "acme", "東京ロボティクス株式会社", "Zürich Rückversicherung AG", "e\u0301e\u0301e\u0301",
		"👩‍👩‍👧‍👦 family", "Ελληνική Ναυτιλία", strings.Repeat("𝒜", 300),
		"ab\u0301cd", "a\u200db", "x🇫🇷y", "abc" + strings.Repeat("d", 50) + "\u0301"}
	for _, h := range safetexttest.Corpus() {
		if printable(h.S) {
			texts = append(texts, h.S)
		}
	}
	for _, s := range texts {
		for w := 1; w <= 40; w++ {
			got, width := truncatePlain(s, w)
			if want := ansi.Truncate(s, w, "…"); got != want || width != ansi.StringWidth(want) {
				t.Fatalf("%q at %d: got %q (width %d), ansi.Truncate %q (width %d)", s, w, got, width, want, ansi.StringWidth(want))
			}
		}
	}
}
