package across

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/safetext/safetexttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// Each hostile string, as a path segment and in the body, reaches curl as
// it is when the copied lines are pasted into sh (curl there a function
// that prints its arguments), and nothing else runs: no file appears.
func TestCurlLinesRunNothingButCurl(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	corpus := safetexttest.Corpus()
	lines := make([]string, len(corpus))
	for i, h := range corpus {
		lines[i] = Curl(c, "DELETE", []string{"organizations", h.S, "members"}, map[string]any{"members": []string{h.S}})
	}
	for i, l := range lines {
		if safetext.Clipboard(l) != l {
			t.Errorf("%s: the copy would change the call:\n%q\n%q", corpus[i].Name, l, safetext.Clipboard(l))
		}
	}
	dir := t.TempDir()
	cmd := exec.Command("sh", "-c", `curl() { for a; do printf '%s\0' "$a"; done; printf '\n'; }`+"\n"+safetext.ClipboardLines(lines))
	cmd.Dir = dir
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("sh: %v: %s", err, stderr.String())
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Fatalf("pasting the calls ran something: it left %s", left[0].Name())
	}
	calls := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(calls) != len(corpus) {
		t.Fatalf("%d calls ran, want %d", len(calls), len(corpus))
	}
	for i, h := range corpus {
		args := strings.Split(strings.TrimSuffix(calls[i], "\x00"), "\x00")
		wantURL := "https://fake.example/api/v2/organizations/" + url.PathEscape(h.S) + "/members"
		if len(args) != 10 || args[3] != wantURL {
			t.Errorf("%s: curl got %q, want the address %s", h.Name, args, wantURL)
			continue
		}
		var body struct{ Members []string }
		if err := json.Unmarshal([]byte(args[9]), &body); err != nil || len(body.Members) != 1 || body.Members[0] != string([]rune(h.S)) /* each invalid byte: U+FFFD */ {
			t.Errorf("%s: the body arrived as %q (%v)", h.Name, args[9], err)
		}
	}
}
