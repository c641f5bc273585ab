package crossorg_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A finished scan is kept on disk, 0600: the next process has every
// organization read, with its age, without a call; a change made since is
// kept by Flush. Another tenant's file, or a broken one, is not used.
func TestIndexOutlivesTheProcess(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 12, Members: 2})
	path := filepath.Join(t.TempDir(), "orgdash", "index.json")
	c := connect(t, tn)
	x := crossorg.IndexOf(c)
	ok(t, x.Keep(path, tn.URL))
	ok(t, x.Scan(ctx, c, true, func(crossorg.ScanProgress) {}))
	st, err := os.Stat(path)
	ok(t, err)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("the index is %v, want 0600", st.Mode().Perm())
	}
	counts := x.Counts()
	var some string
	for id := range counts {
		some = id
	}
	uses := x.Using(some)
	x.Put(uses[0].Org.ID, uses[0].Conn, true) // removed since the scan
	ok(t, x.Flush())

	again := connect(t, tn) // another process: another tracker, so another index
	y := crossorg.IndexOf(again)
	ok(t, y.Keep(path, tn.URL))
	before := tn.Stats().Calls
	if p := y.Progress(); !p.Done || p.Read != 12 {
		t.Fatalf("kept index: %+v", p)
	}
	if got := y.Using(some); len(got) != len(uses)-1 {
		t.Fatalf("kept index has %d organizations with %s, want %d (one removed since)", len(got), some, len(uses)-1)
	}
	if n := tn.Stats().Calls - before; n != 0 {
		t.Fatalf("%d calls to use a kept index", n)
	}

	other := crossorg.IndexOf(connect(t, tn))
	ok(t, other.Keep(path, "https://another.example"))
	if p := other.Progress(); p.Read != 0 {
		t.Fatalf("another tenant's index was used: %+v", p)
	}
	ok(t, os.WriteFile(path, []byte("{not json"), 0o600))
	broken := crossorg.IndexOf(connect(t, tn))
	if err := broken.Keep(path, tn.URL); err == nil || !strings.Contains(err.Error(), "read again by the next scan") {
		t.Fatalf("a broken file: %v", err)
	}
	if p := broken.Progress(); p.Read != 0 {
		t.Fatalf("a broken file was used: %+v", p)
	}
}
