package ui

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// openCalls is the most calls opening an organization may make: the
// organization, its member count, the first page of each eager tab
// (connections, invitations, domains, applications, groups), and its own
// roles with the one-off probe that learns the tenant has them. It was
// 10 and a call per group (13 for acme), and a page of roles more.
const openCalls = 9

// holdRoles is a transport that holds every read of a group's roles
// until release is closed, so a test can see what the tab says meanwhile.
type holdRoles struct {
	base    http.RoundTripper
	release chan struct{}
}

func (h holdRoles) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/groups/") && strings.HasSuffix(r.URL.Path, "/roles") {
		<-h.release
	}
	return h.base.RoundTrip(r)
}

// Opening an organization makes at most openCalls calls, as the tenant
// counts them, however many groups it has: the groups' roles are read
// when the Groups tab is shown, one call a group on screen, and their
// cells say they are being read until they are.
func TestFlowOpeningAnOrganizationIsCheap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 100})
		hold := holdRoles{base: tn.Transport, release: make(chan struct{})}
		log := &callLog{base: hold}
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Demo: true,
			Transport: log, VerifyInterval: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		s := open(t, cl, 160, 36)
		s.waitFor(time.Minute, "3 organizations", "1 of 3")
		before, calls := log.len(), tn.Server.Stats().Calls
		s.press("enter")
		s.waitFor(time.Minute, "Members (100)", "Groups (3)", "Roles (1)", "Applications (1)")
		s.Advance(time.Second) // every eager tab has its answer
		opened := log.since(before)
		if n := tn.Server.Stats().Calls - calls; n > openCalls {
			t.Errorf("opening acme made %d calls, want at most %d: %q", n, openCalls, opened)
		}
		if n := matching(opened, "GET /organizations/org_", "/groups?"); n != 1 {
			t.Errorf("%d reads of acme's groups on opening it, want 1: %q", n, opened)
		}
		if n := matching(opened, "GET /organizations/org_", "/groups/grp_"); n != 0 {
			t.Errorf("opening acme read %d groups' roles, want none until the Groups tab is shown: %q", n, opened)
		}

		before = log.len()
		s.press("0")
		s.waitFor(time.Minute, "engineering", "finance", "reading…")
		s.wantNot("acme-billing-admin", "none")
		close(hold.release)
		s.waitFor(time.Minute, "acme-billing-admin")
		s.wantNot("reading…")
		shown := log.since(before)
		if n := matching(shown, "GET /organizations/org_", "/groups/grp_", "/roles?"); n != 3 {
			t.Errorf("the Groups tab read %d groups' roles, want 3 (a call a group on screen): %q", n, shown)
		}
		if n := matching(shown, "GET /organizations/org_", "/groups?"); n != 0 {
			t.Errorf("the Groups tab listed the groups again (%d calls): %q", n, shown)
		}

		// the next organization: the tenant has organization roles, known
		// since the first, so it is not asked again
		s.press("esc", "down")
		before, calls = log.len(), tn.Server.Stats().Calls
		s.press("enter")
		s.waitFor(time.Minute, "Members (")
		s.Advance(time.Second)
		next := log.since(before)
		if n := tn.Server.Stats().Calls - calls; n > openCalls-1 {
			t.Errorf("opening a second organization made %d calls, want at most %d: %q", n, openCalls-1, next)
		}
		if n := matching(next, "GET /organizations/org_", "/roles/rol_orgdashprobe/"); n != 0 {
			t.Errorf("the second organization probed for organization roles again: %q", next)
		}
	})
}

// A token that may list groups but not read their roles shows the groups
// with their roles unknown, says why, and asks for no roles.
func TestFlowGroupRolesUnreadableSaySo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		tn.AddClient("groups-only", "groups-secret", []string{"read:organizations", "read:organization_groups"})
		f := startFlow(t, tn, "groups-only", "groups-secret")
		f.want("3 organizations")
		f.press("enter")
		f.wait("Groups (3)")
		before := tn.Server.Stats().Calls
		f.press("0")
		f.wait("finance", "— unknown", "ROLES IT GIVES unknown: needs read:organization_group_roles")
		f.wantNot("reading…")
		if n := tn.Server.Stats().Calls - before; n != 0 {
			t.Errorf("showing the Groups tab made %d calls, want none: the token may not read the roles", n)
		}
	})
}
