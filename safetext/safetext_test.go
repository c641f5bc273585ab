package safetext

import (
	"strings"
	"testing"
	"unicode"

	"github.com/orgdash/orgdash/safetext/safetexttest"
)

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"Acme":                                 "Acme",
		"Evil \x1b[2J\x1b[31mRed\x1b[0m":       "Evil Red",
		"title\x1b]0;owned\x07 corp":           "title corp",
		"bell\x07 tab\t nl\n":                  "bell� tab� nl�",
		"c1\u009b31m":                          "c1�31m",
		"invoice\u202Efdp.exe":                 "invoice�fdp.exe", // a right-to-left override would show "invoiceexe.pdf"
		"ac\u200Bme":                           "ac�me",           // a zero-width space: not "acme"
		"ac\u200Dme":                           "ac�me",           // nor a joiner between letters
		"isolate\u2066x\u2069":                 "isolate�x�",
		"bom\uFEFF":                            "bom�",
		"nul\x00":                              "nul�",
		"one\u2028two":                         "one�two",
		"Bob Paste\x1b[201~; touch PASTEPWN\r": "Bob Paste; touch PASTEPWN�",
		"name\x1b]52;c;dG91Y2g=\x07 tail":      "name tail",
		"\U000E0067hidden tag":                 "�hidden tag", // a tag letter outside a flag hides text
	} {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

// Nothing that acts reaches a paste: no control, no escape, no format
// character but an emoji's joiner, no separator; and the copy is what a
// dialog shows of it.
func TestClipboardLeavesNothingThatActs(t *testing.T) {
	for _, h := range safetexttest.Corpus() {
		got := Clipboard(h.S)
		for _, r := range got {
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
				t.Errorf("%s: Clipboard(%q) = %q keeps %U", h.Name, h.S, got, r)
			}
		}
		if strings.Contains(got, "\x1b") || strings.Contains(got, "]52;") || strings.Contains(got, "[201~") {
			t.Errorf("%s: Clipboard(%q) = %q keeps an escape sequence", h.Name, h.S, got)
		}
		if Terminal(got) != got {
			t.Errorf("%s: the dialog would show %q, the clipboard gets %q", h.Name, Terminal(got), got)
		}
	}
	for in, want := range map[string]string{
		"Bob Paste\x1b[201~; touch PASTEPWN\r": "Bob Paste; touch PASTEPWN",
		"name\x1b]52;c;dG91Y2ggUFdORUQK\x07 x": "name x",
		"invoice\u202Efdp.exe":                 "invoicefdp.exe",
		"one\u2028two\u2029three":              "onetwothree",
		"line\nbreak\r\n":                      "linebreak",
		"nul\x00byte":                          "nulbyte",
		"ines.o'brien@example.com":             "ines.o'brien@example.com",
	} {
		if got := Clipboard(in); got != want {
			t.Errorf("Clipboard(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintableTextSurvivesEveryDestination(t *testing.T) {
	for _, s := range safetexttest.Survivors() {
		if got := Terminal(s); got != s {
			t.Errorf("Terminal(%q) = %q", s, got)
		}
		if got := Clipboard(s); got != s {
			t.Errorf("Clipboard(%q) = %q", s, got)
		}
		if got := CSV(s); got != s {
			t.Errorf("CSV(%q) = %q", s, got)
		}
	}
}

func TestClipboardLinesBreaksOnlyWhereAsked(t *testing.T) {
	got := ClipboardLines([]string{"one\r\ntwo", "three\x1b[201~"})
	if got != "onetwo\nthree\n" {
		t.Fatalf("got %q", got)
	}
}

func TestCSVGuardsFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":                   "'=1+1",
		"+cmd":                   "'+cmd",
		"-2+3":                   "'-2+3",
		"@SUM(A1)":               "'@SUM(A1)",
		"\t=1":                   "'�=1",
		"\r=1":                   "'�=1",
		"  =1":                   "'  =1",
		"＝1+1":                   "'＝1+1",
		"\x1b[0m=HYPERLINK(1)":   "'=HYPERLINK(1)", // an escape first does not hide the formula
		"acme":                   "acme",
		"a=b":                    "a=b",
		"bidi\u202E":             "bidi�",
		"jane@example.com":       "jane@example.com",
		"x'$(touch PWNED)'y@e.x": "x'$(touch PWNED)'y@e.x",
	} {
		if got := CSV(in); got != want {
			t.Errorf("CSV(%q) = %q, want %q", in, got, want)
		}
	}
}
