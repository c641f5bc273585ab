package ui

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client/clienttest"
)

// s sorts the whole list, not the page at hand: with 100 of 250 members
// loaded, sorting by name loads the rest first, so "User 100" follows
// "User 10" (it was not loaded yet) and the status says it covers all.
func TestSortOfAPartlyLoadedListSortsItAll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 250), 120, 36)
		s.press("enter", "3")
		s.want("Members (250)", "loaded 100 of 250")
		s.press("s")
		s.want("sorted by name, ascending (all 250 rows)")
		s.wantNot("loaded 100 of 250")
		sc := s.screen()
		i10, i100 := strings.Index(sc, "User 10 "), strings.Index(sc, "User 100 ")
		if i10 < 0 || i100 < 0 || i100 < i10 || strings.Contains(sc[i10:i100], "User 11 ") {
			t.Fatalf("User 100 does not follow User 10:\n%s", sc)
		}
		s.press("r") // a refresh keeps the whole list sorted
		s.want("sorted by name, ascending (all 250 rows)")
		if sc := s.screen(); !strings.Contains(sc, "User 100 ") {
			t.Fatalf("after a refresh the sort covers a part again:\n%s", sc)
		}
	})
}

// S picks the sort column directly, from a menu of the shown columns.
func TestSortByPicksAColumn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 250), 120, 36)
		s.press("enter", "3", "S")
		s.want("Sort by", "email, descending", "as listed by the tenant")
		s.press("/").typed("email, desc").press("enter")
		s.want("sorted by email, descending (all 250 rows)", "EMAIL ▼")
		if sc := s.screen(); strings.Index(sc, "user99@") > strings.Index(sc, "user98@") {
			t.Fatalf("not sorted by email, descending:\n%s", sc)
		}
	})
}
