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

// Organizations the tenant can sort whole (up to Auth0's 1,000 of offset
// paging) are sorted by it, a page at a time: the first page shows the
// first names of the whole list at once, without loading the rest.
func TestTenantSortsOrganizationsAPageAtATime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(250, 5), 120, 36)
		s.want("250 organizations", "loaded 100 of 250")
		s.press("s")
		s.want("sorted by name, ascending (by the tenant", "loaded 100 of 250", "NAME ▲")
		sc := s.screen()
		if i, j := strings.Index(sc, "org-10 "), strings.Index(sc, "org-100 "); i < 0 || j < i || strings.Contains(sc[i:j], "org-11 ") {
			t.Fatalf("the first page is not the start of the whole list sorted:\n%s", sc)
		}
		s.press("G") // the rest, in the tenant's order, which is the sort's
		s.want("250 of 250", "org-99 ")
		s.press("s") // all here now: sorted here, no call
		s.want("sorted by name, descending", "NAME ▼")
		s.wantNot("by the tenant")
	})
}

// Past what the tenant can sort, the list is loaded whole and sorted here.
func TestLongListsAreSortedHere(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(1200, 5), 120, 36)
		s.want("1,200 organizations")
		s.press("s")
		s.want("sorted by name, ascending (all 1,200 rows)")
	})
}
