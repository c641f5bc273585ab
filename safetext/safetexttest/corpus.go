// Package safetexttest is a corpus of hostile strings, for the tests of
// every place a string from the tenant leaves orgdash.
package safetexttest

// Hostile is one hostile string and what it tries.
type Hostile struct {
	Name, S string
}

// Corpus is the hostile strings: each tries to run code in a shell, to
// reach the terminal behind a paste, or to pass for something else.
func Corpus() []Hostile {
	return []Hostile{
		{"single quote breaking out", "x'$(touch PWNED)'y@example.com"},
		{"apostrophe in an email", "ines.o'brien@example.com"},
		{"command substitution", "$(touch PWNED)"},
		{"backticks", "`touch PWNED`"},
		{"variable", "$HOME ${PATH} $TOKEN"},
		{"double quotes", `say "hi" \"there\"`},
		{"semicolon and pipe", "a; touch PWNED | cat && rm -rf x"},
		{"history expansion", "!! !$ !-1"},
		{"escape sequence", "Evil \x1b[2J\x1b[31mRed\x1b[0m"},
		{"OSC 52 clipboard write", "name\x1b]52;c;dG91Y2ggUFdORUQK\x07 tail"},
		{"OSC 52 with ST", "name\x1b]52;c;dG91Y2g=\x1b\\ tail"},
		{"bracketed-paste end", "Bob Paste\x1b[201~; touch PASTEPWN\r"},
		{"window title", "title\x1b]0;owned\x07 corp"},
		{"bidi override", "invoice\u202Efdp.exe"},
		{"bidi isolates", "isolate\u2066x\u2069 \u202Aembed\u202C"},
		{"line and paragraph separators", "one\u2028two\u2029three"},
		{"NUL", "nul\x00byte"},
		{"newline and CR", "line\nbreak\r\n"},
		{"C1 CSI", "c1\u009b31m"},
		{"zero-width space", "ac\u200Bme"},
		{"lone ZWJ between letters", "ac\u200Dme"},
		{"invalid UTF-8", "bad\xff\xfebytes"},
		{"formula", "=HYPERLINK(\"http://evil\",\"x\")"},
		{"formula after spaces", "  +cmd|' /C calc'!A0"},
	}
}

// Survivors are printable strings that every destination must keep as
// they are: accents, scripts, emoji and their ZWJ sequences, tag flags.
func Survivors() []string {
	return []string{
		"Zürich Rückversicherung",
		"東京ロボティクス",
		"مرحبا",
		"👩‍💻 dev", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🧑🏽‍🚀", "❤️‍🔥",
		"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", // England's flag
		"🇫🇷 Paris",
		"plain ascii-name_01",
	}
}
