package common

import "testing"

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Acme":                           "Acme",
		"Zürich Rückversicherung":        "Zürich Rückversicherung",
		"東京ロボティクス":                       "東京ロボティクス",
		"Evil \x1b[2J\x1b[31mRed\x1b[0m": "Evil Red",
		"title\x1b]0;owned\x07 corp":     "title corp",
		"bell\x07 tab\t nl\n":            "bell� tab� nl�",
		"c1\u009b31m":                    "c1�31m",
		"invoice\u202Efdp.exe":           "invoice�fdp.exe", // a right-to-left override would show "invoiceexe.pdf"
		"ac\u200Bme":                     "ac�me",           // a zero-width space: not "acme"
		"isolate\u2066x\u2069":           "isolate�x�",
		"bom\uFEFF":                      "bom�",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
