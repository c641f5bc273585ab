package common

import (
	"testing"

	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// What the screens draw is what safetext.Terminal makes of it: the whole
// hostile corpus comes out with no escape and no control character.
func TestCleanIsTheTerminalSanitiser(t *testing.T) {
	for _, h := range safetexttest.Corpus() {
		for _, r := range Clean(h.S) {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u202E' || r == '\u2028' {
				t.Errorf("%s: Clean(%q) keeps %U", h.Name, h.S, r)
			}
		}
	}
	for _, s := range safetexttest.Survivors() {
		if Clean(s) != s {
			t.Errorf("Clean(%q) = %q", s, Clean(s))
		}
	}
}
