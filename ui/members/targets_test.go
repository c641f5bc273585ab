package members

import (
	"fmt"
	"slices"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// The members an action would act on follow every change, though they are
// worked out once per change rather than on every redraw: marks made and
// cleared, a marked member renamed, one dropped.
func TestTargetsFollowEveryChange(t *testing.T) {
	f := clienttest.New(1, 0)
	m := New(uitest.Common(t, f), f.Orgs[0])
	m.SetSize(100, 20)
	for i := range 10 {
		m.List().Put(client.Member{UserID: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("Person %d", i)})
	}
	names := func() []string {
		var out []string
		for _, mem := range m.List().Targets() {
			out = append(out, mem.Name)
		}
		return out
	}
	check := func(step string, want ...string) {
		t.Helper()
		for range 2 { // asked again with nothing changed: the same answer
			if got := names(); !slices.Equal(got, want) {
				t.Fatalf("%s: targets %q, want %q", step, got, want)
			}
		}
	}
	check("nothing marked: the row under the cursor", "Person 0")
	m.List().Mark("u2", "u5", "u7")
	check("three marked", "Person 2", "Person 5", "Person 7")
	m.List().Put(client.Member{UserID: "u5", Name: "Renamed"})
	check("a marked member renamed", "Person 2", "Renamed", "Person 7")
	m.List().Drop("u2")
	check("a marked member dropped", "Renamed", "Person 7")
	m.List().Unmark("u7")
	check("one unmarked", "Renamed")
	m.List().Unmark("u5")
	if got := names(); len(got) != 1 {
		t.Fatalf("no mark left: targets %q, want the row under the cursor", got)
	}
}
