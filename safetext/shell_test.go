package safetext

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/safetext/safetexttest"
)

// runSh runs script with sh in an empty directory and returns its output
// and the files it left there.
func runSh(t *testing.T, script string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("sh -c %q: %v: %s", script, err, stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, filepath.Join(dir, e.Name()))
	}
	return out.String(), left
}

// Every word arrives in the command as it was, NUL aside, and nothing in
// it runs: sh prints the arguments it got, and no file appears.
func TestShellWordsArriveVerbatim(t *testing.T) {
	var words, want []string
	for _, h := range safetexttest.Corpus() {
		words = append(words, h.S)
		want = append(want, strings.ReplaceAll(h.S, "\x00", ""))
	}
	words = append(words, safetexttest.Survivors()...)
	want = append(want, safetexttest.Survivors()...)
	words, want = append(words, ""), append(want, "")
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = Shell(w)
	}
	out, left := runSh(t, "set -- "+strings.Join(quoted, " ")+"\n"+`for a; do printf '%s\0' "$a"; done`)
	if len(left) > 0 {
		t.Fatalf("the shell ran something: it left %v", left)
	}
	got := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	if len(got) != len(want) {
		t.Fatalf("%d arguments arrived, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("argument %d arrived as %q, want %q", i, got[i], want[i])
		}
	}
}

func TestShellQuotesEachQuote(t *testing.T) {
	if got := Shell("ines.o'brien@x"); got != `'ines.o'\''brien@x'` {
		t.Fatalf("got %s", got)
	}
}

// A JSON body keeps its meaning through a copy: what the clipboard would
// drop is written as an escape, and the value decodes as it was.
func TestJSONSurvivesTheClipboard(t *testing.T) {
	for _, s := range append([]string{"invoice\u202Efdp.exe", "ac\u200Bme", "one\u2028two", "🏴\U000E0067\U000E0062\U000E007F x\U000E0067"}, safetexttest.Survivors()...) {
		j, err := JSON(map[string]string{"id": s})
		if err != nil {
			t.Fatal(err)
		}
		if Clipboard(j) != j {
			t.Errorf("JSON(%q) = %s: a copy changes it to %s", s, j, Clipboard(j))
		}
		var back map[string]string
		if err := json.Unmarshal([]byte(j), &back); err != nil || back["id"] != s {
			t.Errorf("JSON(%q) = %s decodes as %q (%v)", s, j, back["id"], err)
		}
	}
	if j, _ := JSON("👩‍💻"); j != `"👩‍💻"` {
		t.Errorf("an emoji ZWJ sequence is escaped: %s", j)
	}
}
