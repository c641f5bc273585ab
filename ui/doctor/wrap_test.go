package doctor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/theme"
)

// wrap fits every line in the width, indents what follows the first, and
// neither loses nor adds a character: a long email cut in two reads
// whole again once the lines are joined (before, a space went into it).
func TestWrapKeepsTheTextWhole(t *testing.T) {
	bold := theme.New(true, false).Error
	texts := []string{
		"Why can't " + strings.Repeat("a", 150) + "@example.com log in?",
		"    fix (F): Turn on membership on login for Username-Password-Authentication in initech",
		bold.Render("Cause: Auth0 blocks logins after too many failed attempts (brute-force protection) for noah.garcia4980@example.com"),
		"ran: " + strings.Repeat("word ", 40),
		strings.Repeat("東京", 60),
	}
	squeeze := func(s string) string { return strings.ReplaceAll(ansi.Strip(s), " ", "") }
	for _, s := range texts {
		for _, w := range []int{20, 41, 80} {
			lines := wrap(s, w, 4)
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Errorf("%q at %d: line %q is %d wide", s, w, l, ansi.StringWidth(l))
				}
			}
			if got := squeeze(strings.Join(lines, "")); got != squeeze(s) {
				t.Errorf("at %d the text changed:\n%q\nwant\n%q", w, got, squeeze(s))
			}
			if strings.Contains(ansi.Strip(strings.Join(lines, "\n")), "examp\n    le.c om") {
				t.Errorf("a space went into the email: %q", lines)
			}
		}
	}
	email := strings.Repeat("a", 150) + "@example.com"
	if joined := strings.Join(wrap("Why can't "+email+" log in?", 80, 0), ""); !strings.Contains(ansi.Strip(joined), email) {
		t.Errorf("the email is not whole once the lines are joined: %q", joined)
	}
}

// Only spaces break a line: a hyphenated name stays whole where a space
// is in reach.
func TestWrapBreaksAtSpacesNotHyphens(t *testing.T) {
	lines := wrap("WARNING omar is a member of acme and blocked by brute-force protection after too many failed logins", 50, 4)
	joined := strings.Join(lines, "\n")
	if strings.Contains(joined, "brute-\n") || !strings.Contains(joined, "brute-force") {
		t.Fatalf("brute-force broken at its hyphen:\n%s", joined)
	}
	lines = wrap("fix (F): Turn on membership on login for Username-Password-Authentication in initech", 60, 4)
	if joined := strings.Join(lines, "\n"); !strings.Contains(joined, "Username-Password-Authentication") {
		t.Fatalf("a connection's name broken at a hyphen:\n%s", joined)
	}
}
