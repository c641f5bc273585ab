package sim_test

import (
	"context"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A search for a fragment anywhere (*text*) finds exactly the users whose
// field holds it, whatever the case, non-ASCII letters included: what a
// full scan with Unicode case folding finds.
func TestUserSearchForAFragmentIgnoresCase(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 50})
	m := tn.Management(t)
	ctx := context.Background()
	search := func(q string) []*management.User {
		var out []*management.User
		for page := 0; ; page++ {
			l, err := m.User.List(ctx, management.Query(q), management.PerPage(100), management.Page(page))
			must(t, err)
			out = append(out, l.Users...)
			if len(l.Users) < 100 {
				return out
			}
		}
	}
	// every user, through prefix searches (the list stops at 1,000)
	var all []*management.User
	for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
		all = append(all, search("email:"+string(c)+"*")...)
	}
	total, err := m.User.List(ctx, management.IncludeTotals(true), management.PerPage(1))
	must(t, err)
	if len(all) != total.Total {
		t.Fatalf("the prefix searches found %d users of %d", len(all), total.Total)
	}
	for _, c := range []struct{ field, fragment string }{{"email", "SMITH"}, {"name", "ÜLLER"}, {"name", "o'b"}, {"email", "GarCia"}, {"name", "RCÍA"}} {
		want := map[string]bool{}
		for _, u := range all {
			v := u.GetEmail()
			if c.field == "name" {
				v = u.GetName()
			}
			if strings.Contains(strings.ToLower(v), strings.ToLower(c.fragment)) {
				want[u.GetID()] = true
			}
		}
		got := map[string]bool{}
		q := c.field + `:"*` + c.fragment + `*"`
		for _, u := range search(q) {
			got[u.GetID()] = true
		}
		if len(want) == 0 || len(got) != len(want) {
			t.Fatalf("%s: %d users found, %d hold the fragment", q, len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Fatalf("%s: %s holds the fragment and was not found", q, id)
			}
		}
	}
}
