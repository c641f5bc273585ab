package sim_test

import (
	"slices"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A user's organizations follow every change to their memberships: an
// addition lists at once, in creation order; a removal stops listing when
// it stops listing in the organization's members (not before); a deleted
// organization is gone from the list.
func TestUserOrganizationsFollowMemberships(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	tn := simtest.Start(t, sim.Options{Orgs: 6, Members: 10, RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 5 * time.Second, Now: clock})
	tok := tn.Token(t, 1000*time.Hour, sim.AllScopes...)
	var orgs []map[string]any
	if err := jsonInto(call(t, tn, tok, "GET", "/api/v2/organizations", "").body, &orgs); err != nil || len(orgs) != 6 {
		t.Fatalf("organizations: %v %d", err, len(orgs))
	}
	id := func(i int) string { return orgs[i]["id"].(string) }
	var users []map[string]any
	if err := jsonInto(call(t, tn, tok, "GET", "/api/v2/users?per_page=1", "").body, &users); err != nil || len(users) != 1 {
		t.Fatalf("users: %v", err)
	}
	uid := users[0]["user_id"].(string)
	in := func() []string {
		t.Helper()
		var l []map[string]any
		a := call(t, tn, tok, "GET", "/api/v2/users/"+uid+"/organizations", "")
		if err := jsonInto(a.body, &l); err != nil {
			t.Fatalf("%d %s", a.status, a.body)
		}
		ids := []string{}
		for _, o := range l {
			ids = append(ids, o["id"].(string))
		}
		return ids
	}
	member := func(method string, org int) {
		t.Helper()
		if a := call(t, tn, tok, method, "/api/v2/organizations/"+id(org)+"/members", `{"members":["`+uid+`"]}`); a.status != 204 {
			t.Fatalf("%s member: %d %s", method, a.status, a.body)
		}
	}
	for _, o := range []int{5, 1, 3} {
		member("DELETE", o) // whatever the seed made: start from none of these
	}
	now = now.Add(6 * time.Second)
	first := in()
	for _, o := range []int{5, 1, 3} {
		if slices.Contains(first, id(o)) {
			t.Fatalf("still in %s after its removal showed", orgs[o]["name"])
		}
		member("POST", o)
	}
	got := in()
	for _, o := range []int{1, 3, 5} { // in creation order, whatever order they were joined in
		i := slices.Index(got, id(o))
		if i < 0 {
			t.Fatalf("joined %s, not listed: %v", orgs[o]["name"], got)
		}
		if j := slices.Index(got, id(min(o+2, 5))); o < 5 && j < i {
			t.Fatalf("not in creation order: %v", got)
		}
	}
	member("DELETE", 3)
	if !slices.Contains(in(), id(3)) {
		t.Fatal("a removal listed as gone before it showed in the members list")
	}
	now = now.Add(6 * time.Second)
	if slices.Contains(in(), id(3)) {
		t.Fatal("a removal still lists after it stopped showing in the members list")
	}
	if a := call(t, tn, tok, "DELETE", "/api/v2/organizations/"+id(5), ""); a.status != 204 {
		t.Fatalf("delete: %d %s", a.status, a.body)
	}
	if got := in(); slices.Contains(got, id(5)) || !slices.Contains(got, id(1)) {
		t.Fatalf("after deleting %s the user is in %v", orgs[5]["name"], got)
	}
}
