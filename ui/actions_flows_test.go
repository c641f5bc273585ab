package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func TestFlowRemoveTwoMarkedMembers(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 5, Members: 50, RemovalDelayMin: time.Second, RemovalDelayMax: time.Second})
		f := startFlow(t, tn, "", "")
		f.want("5 organizations")
		f.press("enter", "3")
		f.want("Members (50)")
		f.press("space", "space", "d")
		f.want("Remove 2 members?")
		f.confirm("y")
		f.want("removing…")
		f.wait("1 of 48") // gone once the tenant stops listing them
		e := f.audited("remove members")[0]
		left := f.members("acme")
		if len(left) != 48 || len(e.Targets) != 2 || left[e.Targets[0]] || left[e.Targets[1]] {
			t.Fatalf("%d members left; audit targets %v", len(left), e.Targets)
		}
	})
}

func TestFlowToggleConnectionOffAndOnKeepsSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn, org, saml, _ := acmeWith(t)
		f := startFlow(t, tn, "", "")
		f.want("1 organization")
		f.press("enter", "2")
		f.want("acme-saml")
		f.press("t") // the only enabled connection: a warning first
		f.want("Disable the last enabled connection?")
		f.confirm("y")
		f.want("disabled acme-saml; its settings are kept")
		c, _ := f.orgConn(org, saml)
		if c["is_enabled"] != false || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
			t.Fatalf("after disabling: %v", c)
		}
		f.press("t") // an open profile confirms every change with y/N
		f.want("Enable acme-saml?")
		f.confirm("y")
		f.want("enabled acme-saml; its settings are kept")
		c, _ = f.orgConn(org, saml)
		if c["is_enabled"] != true || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
			t.Fatalf("after enabling: %v", c)
		}
		f.audited("disable connection", "re-enable connection")
	})
}

func TestFlowEditSettingsRefusesTheSignupRuleBeforeAnyCall(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn, org, _, db := acmeWith(t)
		f := startFlow(t, tn, "", "")
		f.want("1 organization")
		f.press("enter", "n") // not the connection picker: n is "enable connection" only on the Connections tab
		f.wantNot("Enable a connection")
		f.press("2")
		f.want("acme-saml")
		f.press("n")
		f.want("Enable a connection for acme", "Username-Password-Authentication")
		f.press("enter")
		f.want("Enable Username-Password-Authentication", "┃ Auto-membership") // the form has the focus
		f.press("y")                                                           // auto-membership on
		f.want("┃ Signup")
		f.press("n") // signup off
		f.want("┃ Name in this organization")
		f.press("enter", "enter") // no name, access not set: then the change is confirmed
		f.want("Enable Username-Password-Authentication for acme?", "Auto-membership: off → on")
		f.confirm("y")
		f.want("enabled Username-Password-Authentication", "2 of 2") // the cursor went to it
		f.press("e")
		f.want("Settings of Username-Password-Authentication", "┃ Auto-membership")
		before := tn.Stats().Calls
		f.press("n") // auto-membership off
		f.want("┃ Signup")
		f.press("y")                                 // signup on: refused
		f.want("signup needs a database connection") // the rest wraps
		f.press("enter", "enter")                    // to the end: the form is not sent
		f.want("signup needs a database connection")
		f.wantNot("Save the settings")
		if calls := tn.Stats().Calls - before; calls != 0 {
			t.Fatalf("%d calls were made for a form Auth0 would refuse", calls)
		}
		f.press("shift+tab", "shift+tab", "n", "enter", "enter") // signup off, no name, access not set: confirmed, saved
		f.want("Save the settings of Username-Password-Authentication?", "Auto-membership: on → off")
		f.confirm("y")
		f.want("saved the settings of Username-Password-Authentication")
		c, _ := f.orgConn(org, db)
		if c["assign_membership_on_login"] != false || c["is_signup_enabled"] != false || c["is_enabled"] != true {
			t.Fatalf("after editing: %v", c)
		}
		f.audited("enable connection", "edit connection")
	})
}

// The newer family's name and access level are edited in the same form,
// checked before any call, shown as a diff and stored on the tenant.
func TestFlowEditNewerConnectionSettings(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn, org, saml, _ := acmeWith(t)
		f := startFlow(t, tn, "", "")
		f.want("1 organization")
		f.press("enter", "2")
		f.want("acme-saml")
		f.press("e")
		f.want("Settings of acme-saml", "┃ Auto-membership")
		f.press("enter", "enter") // auto-membership and button as they are
		f.want("┃ Name in this organization")
		before := tn.Stats().Calls
		f.typed(strings.Repeat("x", 60)) // the field stops at Auth0's 50
		f.want(strings.Repeat("x", 50))
		f.wantNot(strings.Repeat("x", 51))
		f.press("ctrl+u")
		f.typed("Acme SSO")
		f.press("enter")
		f.want("┃ Administrators' access", "readonly")
		f.press("down", "down", "down", "enter") // not set → none → readonly → limited
		f.want("Save the settings of acme-saml?", "Name in this organization: not set → Acme SSO", "Administrators' access: not set → limited")
		if calls := tn.Stats().Calls - before; calls != 0 {
			t.Fatalf("%d calls before the confirmation", calls)
		}
		f.confirm("y")
		f.want("saved the settings of acme-saml")
		c, _ := f.orgConn(org, saml)
		if c["organization_connection_name"] != "Acme SSO" || c["organization_access_level"] != "limited" || c["is_enabled"] != true {
			t.Fatalf("after editing: %v", c)
		}
		entries := f.audited("edit connection")
		if got := entries[0].After; !strings.Contains(fmt.Sprint(got), "Acme SSO") {
			t.Fatalf("the audit's after value does not carry the name: %v", got)
		}
		f.press("e", "enter", "enter")
		f.want("┃ Name in this organization")
		f.press("ctrl+u", "enter")
		f.want("cannot be cleared")
	})
}

func TestFlowRemoveConnectionAndUndo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn, org, saml, _ := acmeWith(t)
		f := startFlow(t, tn, "", "")
		f.want("1 organization")
		f.press("enter", "2")
		f.want("acme-saml")
		f.press("d")
		f.want("Remove connection acme-saml?", "only enabled connection")
		f.confirm("y")
		f.want("removed acme-saml", "z undo removal of acme-saml")
		if _, status := f.orgConn(org, saml); status != 404 {
			t.Fatalf("after removal the association answers %d", status)
		}
		f.press("z")
		f.want("restored acme-saml with its settings")
		c, _ := f.orgConn(org, saml)
		if c["is_enabled"] != true || c["assign_membership_on_login"] != true || c["show_as_button"] != false {
			t.Fatalf("after undo: %v", c)
		}
		f.audited("remove connection", "enable connection")
	})
}

func TestFlowScopeLimitedClientShowsActionsDisabled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		tn.AddClient("viewer", "viewer-secret", []string{"read:organizations", "read:organization_members", "read:organization_connections"})
		f := startFlow(t, tn, "viewer", "viewer-secret")
		f.want("3 organizations", "🔒 read-only: the token grants no write scope")
		f.press("enter")
		f.want("acme › Overview", "unavailable: needs delete:organizations")
		f.press("3")
		f.want("Members (5)")
		f.press(".")
		f.want("More options", "needs delete:organization_members")
		f.press("esc")
		f.wantNot("More options")
		f.press("d")
		f.want("cannot remove members: needs delete:organization_members")
		f.press("2")
		f.want("Username-Password-Authentication")
		f.press("t")
		f.want("cannot toggle connection: needs update:organization_connections")
		f.audited()
	})
}

func TestFlowRemovalFinishesThrough429Storm(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 40, Rate: 2, Burst: 2, RemovalDelayMin: time.Second, RemovalDelayMax: time.Second})
		stop := simtest.Storm(t, tn, 700*time.Millisecond) // another tool spends most of the budget
		defer stop()
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("acme › Overview")
		f.press("3")
		f.wait("Members (40)", "1 of 40") // the count comes first, then the rows
		f.press("space", "space", "d")
		f.wait("Remove 2 members?")
		f.confirm("y")
		f.wait("1 of 38")
		f.audited("remove members")
		if tn.Stats().Throttled == 0 {
			t.Fatal("no 429 was answered: the storm did not happen")
		}
	})
}

func TestFlowLoadFinishesThrough429Storm(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		opts := sim.DefaultOptions()
		opts.Orgs, opts.Members, opts.Rate, opts.Burst = 20, 400, 2, 2
		tn := simtest.StartInMemory(t, opts)
		stop := simtest.Storm(t, tn, 700*time.Millisecond) // another tool spends most of the budget
		defer stop()
		f := startFlow(t, tn, "", "")
		f.wait("20 organizations", "1 of 20")
		f.press("enter")
		f.wait("acme › Overview")
		f.press("3")
		f.wait("waiting") // the footer counts the wait down
		f.wait("Members (400)", "1 of 400")
		if tn.Stats().Throttled == 0 {
			t.Fatal("no 429 was answered: the storm did not happen")
		}
	})
}

func TestFlowOrganizationDeletedBehindTheUsersBack(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.DefaultOptions())
		f := startFlow(t, tn, "", "")
		f.want("150 organizations")
		f.press(":").typed("org globex").press("enter")
		f.want("globex › Overview")
		o, err := f.admin.Organization.ReadByName(context.Background(), "globex")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.admin.Organization.Delete(context.Background(), o.GetID()); err != nil {
			t.Fatal(err)
		}
		f.press("3")
		f.want("organization globex no longer exists", "149 organizations")
		f.wantNot("globex ›")
	})
}

// On a tenant without the newer connections family there is no enabled
// flag: the column is hidden and t offers removal, which z undoes with the
// connection's settings.
func TestFlowLegacyTenantTogglesByRemoving(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5, NoConnectionsAPI: true})
		f := startFlow(t, tn, "", "")
		f.Send(tea.WindowSizeMsg{Width: 180, Height: 36}) // room for the whole status line
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "2")
		f.want("CONNECTION", "AUTO-MEMBER")
		f.wantNot("ENABLED")
		acme, err := f.admin.Organization.ReadByName(context.Background(), "acme")
		if err != nil {
			t.Fatal(err)
		}
		before, err := f.admin.Organization.Connections(context.Background(), acme.GetID())
		if err != nil || len(before.OrganizationConnections) == 0 {
			t.Fatalf("acme's connections: %v", err)
		}
		first := before.OrganizationConnections[0]
		f.press(".")
		f.want("Remove — z puts it back with its settings")
		f.press("esc", "t")
		f.want("Remove connection " + first.GetConnection().GetName() + "?")
		f.confirm("y")
		f.want("removed " + first.GetConnection().GetName())
		f.press("z")
		f.want("restored " + first.GetConnection().GetName() + " with its settings")
		after, err := f.admin.Organization.Connections(context.Background(), acme.GetID())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range after.OrganizationConnections {
			if c.GetConnectionID() == first.GetConnectionID() {
				if c.GetAssignMembershipOnLogin() != first.GetAssignMembershipOnLogin() || c.GetShowAsButton() != first.GetShowAsButton() {
					t.Fatalf("restored with other settings: %+v, was %+v", c, first)
				}
				return
			}
		}
		t.Fatal("the connection did not come back")
	})
}
