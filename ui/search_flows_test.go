package ui

import (
	"context"
	"testing"
	"time"

	"testing/synctest"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A filter of a 100,000-member organization asks Auth0's user search for
// what it has not loaded: one person, added last, is found by email in
// two calls (the search and their roles), with their roles, and the list
// stays one page loaded.
func TestFlowSearchMembersPastWhatIsLoaded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-member organization")
	}
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 1, Members: 100_000})
		f := startFlow(t, tn, "", "")
		ctx := context.Background()
		acme := f.orgID("acme")
		email := "zed.deep@example.com"
		u := &management.User{Email: &email, Name: auth0.String("Zed Deep"), Connection: auth0.String("Username-Password-Authentication"),
			Password: auth0.String("Secret-123456")}
		if err := f.admin.User.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := f.admin.Organization.AddMembers(ctx, acme, []string{u.GetID()}); err != nil {
			t.Fatal(err)
		}
		roles, err := f.admin.Role.List(ctx)
		if err != nil || len(roles.Roles) == 0 {
			t.Fatalf("roles %v %v", roles, err)
		}
		if err := f.admin.Organization.AssignMemberRoles(ctx, acme, u.GetID(), []string{roles.Roles[0].GetID()}); err != nil {
			t.Fatal(err)
		}
		f.wait("1 organization")
		f.press("enter", "3")
		f.wait("Members (100,001)", "1 of 100,001")
		f.wantNot(email)
		before := tn.Stats().Calls
		f.press("/").typed(email)
		f.wait("Auth0 found 1 member matching", email, roles.Roles[0].GetName())
		if n := tn.Stats().Calls - before; n > 2 {
			t.Fatalf("finding one member took %d calls", n)
		}
		f.want("loaded 101 of 100,001") // the first page, and the one found
	})
}

// A filter of an organizations list not wholly loaded finds one not
// loaded by its exact id, from Auth0, saying the rest waits for a listing;
// once the cross-organization index has listed them, part of a display
// name or a metadata value finds them too, saying how old that listing
// is, in no call.
func TestFlowFindOrganizationsPastWhatIsLoaded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 1200, Members: 2})
		f := startFlow(t, tn, "", "")
		ctx := context.Background()
		var all []*management.Organization
		for from := ""; ; {
			l, err := f.admin.Organization.List(ctx, management.From(from), management.Take(100))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, l.Organizations...)
			if l.Next == "" || len(l.Organizations) == 0 {
				break
			}
			from = l.Next
		}
		last := all[len(all)-1]
		meta := map[string]string{"tier": "platinum-zz"}
		if err := f.admin.Organization.Update(ctx, last.GetID(), &management.Organization{Metadata: &meta}); err != nil {
			t.Fatal(err)
		}
		f.wait("1,200 organizations")
		f.wantNot(last.GetName())
		before := tn.Stats().Calls
		f.press("/").typed(last.GetID())
		f.wait("found 1 organization ", "(1 exact, from Auth0; not listed yet: exact id or name only)", last.GetName())
		if n := tn.Stats().Calls - before; n > 2 {
			t.Fatalf("an exact id took %d calls", n)
		}
		f.press("esc")

		cl := f.root().c.Client
		if err := crossorg.IndexOf(cl).Scan(ctx, cl, false, func(crossorg.ScanProgress) {}); err != nil {
			t.Fatal(err)
		}
		f.Advance(5 * time.Minute) // the listing ages
		f.press("r")
		f.wait("1,200 organizations")
		before = tn.Stats().Calls
		f.press("/").typed("tier=platinum-zz")
		f.wait("found 1 organization ", "(1 from a listing 5m old)", last.GetName())
		if n := tn.Stats().Calls - before; n != 0 {
			t.Fatalf("a metadata value took %d calls", n)
		}
	})
}
