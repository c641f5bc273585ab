package client_test

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The tenant sorts organizations by name, page after page, as far as
// offset paging reaches: every page continues the order of the one before.
func TestOrganizationsSortedByTheTenant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 250, Members: 5})
		c := connect(t, tn)
		for _, desc := range []bool{false, true} {
			var names []string
			for page := ""; ; {
				p, err := c.OrganizationsSorted(ctx, "name", desc, page)
				ok(t, err)
				for _, o := range p.Items {
					names = append(names, o.Name)
				}
				if p.Next == "" {
					break
				}
				page = p.Next
			}
			want := slices.Clone(names)
			slices.Sort(want)
			if desc {
				slices.Reverse(want)
			}
			if len(names) != 250 || !slices.Equal(names, want) {
				t.Fatalf("desc %v: %d names, sorted %v: %s…", desc, len(names), slices.Equal(names, want), strings.Join(names[:min(5, len(names))], ", "))
			}
		}
		if client.OffsetLimit != 1000 {
			t.Fatal("Auth0's offset paging reaches 1,000 records")
		}
	})
}
