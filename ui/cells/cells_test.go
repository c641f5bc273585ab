package cells

import (
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// texts are plain, wide, combining, emoji, hostile and styled strings,
// with ASCII next to what may join it.
func texts() []string {
	out := []string{"", "a", "acme", "東京ロボティクス株式会社", "Zürich Rückversicherung AG", "e\u0301e\u0301e\u0301",
		"👩‍👩‍👧‍👦 family", "Ελληνική Ναυτιλία", strings.Repeat("𝒜", 30), "a\r\nb", "a\rb\n", "tab\there", "x\u200by",
		"©\ufe0f©", "a\u0308\u0301b", "🇫🇷🇩🇪x", "\u0600a", "क्षa", "a\x1b[1mbold\x1b[mz", "\x1b]8;;https://x\x07link\x1b]8;;\x07",
		"a\x9b31mb", "\xff\xfea\xc3", "abc\xe2\x80", "a\x7fb", "a\x00b", "\x1bPq#0\x1b\\x", "a\x1b", "a\x1b[", "…" + strings.Repeat("x", 10),
		lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff0000")).Render("styled ≠ plain"),
		lipgloss.NewStyle().Reverse(true).Render(strings.Repeat("wide 東 ", 5))}
	for _, h := range safetexttest.Corpus() {
		out = append(out, h.S, "x"+h.S+"y")
	}
	return append(out, safetexttest.Survivors()...)
}

// Width and Truncate are ansi's, on every text and at every width around
// it; and no text is wider than its bytes, which Truncate relies on.
func TestWidthAndTruncateAreAnsis(t *testing.T) {
	check := func(s string) {
		t.Helper()
		w := Width(s)
		if want := ansi.StringWidth(s); w != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth %d", s, w, want)
		}
		if w > len(s) {
			t.Fatalf("%q is %d cells wide in %d bytes", s, w, len(s))
		}
		for n := -1; n <= w+1; n++ {
			for _, tail := range []string{"", "…"} {
				if got, want := Truncate(s, n, tail), ansi.Truncate(s, n, tail); got != want {
					t.Fatalf("Truncate(%q, %d, %q) = %q, ansi %q", s, n, tail, got, want)
				}
			}
		}
	}
	ts := texts()
	for _, s := range ts {
		check(s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 { // pieces of the texts and random bytes, run together
		var b strings.Builder
		for range 1 + r.IntN(6) {
			if r.IntN(4) == 0 {
				b.WriteByte(byte(r.IntN(256)))
				continue
			}
			s := ts[r.IntN(len(ts))]
			i := r.IntN(len(s) + 1)
			b.WriteString(s[i:][:r.IntN(len(s)-i+1)])
		}
		check(b.String())
	}
}

func FuzzWidth(f *testing.F) {
	for _, s := range texts() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if w := Width(s); w != ansi.StringWidth(s) || w > len(s) {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth %d, %d bytes", s, w, ansi.StringWidth(s), len(s))
		}
		w := ansi.StringWidth(s)
		for _, n := range []int{0, 1, w / 2, w - 1, w, w + 1, len(s)} {
			if got, want := Truncate(s, n, ""), ansi.Truncate(s, n, ""); got != want {
				t.Fatalf("Truncate(%q, %d) = %q, ansi %q", s, n, got, want)
			}
		}
	})
}
