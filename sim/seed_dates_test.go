package sim_test

import (
	"context"
	"testing"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// No demo user was updated before they were created.
func TestDemoUsersAreUpdatedNoEarlierThanCreated(t *testing.T) {
	opts := sim.DefaultOptions()
	opts.Plan = ""
	tn := simtest.Start(t, opts)
	m := tn.Management(t)
	checked := 0
	for page := 0; page < 5; page++ {
		l, err := m.User.List(context.Background(), management.Page(page), management.PerPage(100))
		must(t, err)
		for _, u := range l.Users {
			checked++
			if u.GetUpdatedAt().Before(u.GetCreatedAt()) {
				t.Fatalf("%s: created %s, updated %s", u.GetEmail(), u.GetCreatedAt(), u.GetUpdatedAt())
			}
		}
	}
	if checked < 400 {
		t.Fatalf("%d users checked", checked)
	}
}
