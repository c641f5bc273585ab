package safetext

import (
	"encoding/json"
	"strings"
	"testing"
)

// A hostile name (an escape sequence, a bidi override, a zero-width
// space, a C1 CSI, a line separator) is drawn as escapes that mean the
// same value; the indentation's line breaks are the only ones.
func TestIndentJSONShowsNothingThatActs(t *testing.T) {
	hostile := "evil\x1b]52;c;aGk=\x07\u202egnp.exe\u200b\u009b31m\u2028x"
	raw, err := json.Marshal(map[string]any{"name": hostile, "n": 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := IndentJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(got, "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), got)
	}
	for _, l := range lines {
		if Terminal(l) != l || Clipboard(l) != l {
			t.Errorf("line %q is not safe as it is", l)
		}
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil || back["name"] != hostile {
		t.Fatalf("the text no longer means the same value: %q, %v", back["name"], err)
	}
	if !strings.Contains(got, `\u202e`) || !strings.Contains(got, `\u009b`) {
		t.Fatalf("the hidden characters are not shown as escapes:\n%s", got)
	}
	if _, err := IndentJSON([]byte(`{"a":`)); err == nil {
		t.Fatal("a broken text was indented")
	}
}
