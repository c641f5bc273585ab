package sim_test

import (
	"context"
	"slices"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A tenant-wide search is kept until the next write, so a search asked
// again right after a user is created, changed, blocked or deleted finds
// what a fresh pass over the users would: never a stale answer.
func TestUserSearchAfterAWriteIsNeverStale(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 50})
	m := tn.Management(t)
	ctx := context.Background()
	search := func(q string) []string {
		t.Helper()
		var ids []string
		for page := 0; ; page++ {
			l, err := m.User.List(ctx, management.Query(q), management.PerPage(100), management.Page(page))
			must(t, err)
			for _, u := range l.Users {
				ids = append(ids, u.GetID())
			}
			if len(l.Users) < 100 {
				return ids
			}
		}
	}
	const smiths, zed, blocked = `email:"*smith*"`, `name:"*zedekiah*"`, "blocked:true"
	before := search(smiths)
	if len(before) == 0 || !slices.Equal(search(smiths), before) {
		t.Fatalf("the same search twice: %d then other users", len(before))
	}
	if len(search(zed)) != 0 {
		t.Fatal("a name no user has was found")
	}
	blockedBefore := search(blocked)

	u := &management.User{Connection: auth0.String("Username-Password-Authentication"),
		Email: auth0.String("new.smith@example.com"), Password: auth0.String("Passw0rd!long")}
	must(t, m.User.Create(ctx, u))
	if got := search(smiths); !slices.Equal(got, append(slices.Clone(before), u.GetID())) {
		t.Fatalf("after creating a smith: %d found, want %d with the new one last", len(got), len(before)+1)
	}

	must(t, m.User.Update(ctx, u.GetID(), &management.User{Email: auth0.String("new.jones@example.com"), Name: auth0.String("Zedekiah Jones")}))
	if got := search(smiths); !slices.Equal(got, before) {
		t.Fatalf("after renaming the smith away: %d found, want the %d from before", len(got), len(before))
	}
	if got := search(zed); !slices.Equal(got, []string{u.GetID()}) {
		t.Fatalf("after naming a user Zedekiah: %v", got)
	}

	must(t, m.User.Update(ctx, u.GetID(), &management.User{Blocked: auth0.Bool(true)}))
	if got := search(blocked); !slices.Equal(got, append(slices.Clone(blockedBefore), u.GetID())) {
		t.Fatalf("after blocking: %v, want %v and the new user", got, blockedBefore)
	}

	must(t, m.User.Delete(ctx, u.GetID()))
	if got := search(zed); len(got) != 0 {
		t.Fatalf("after deleting the user: %v", got)
	}
	if got := search(blocked); !slices.Equal(got, blockedBefore) {
		t.Fatalf("after deleting the user, blocked: %v, want %v", got, blockedBefore)
	}
}
