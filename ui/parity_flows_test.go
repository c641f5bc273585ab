package ui

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// c creates an organization from a form that applies Auth0's rules before
// any call; the tenant then has it with its fields, the audit says so, and
// z deletes it again.
func TestFlowCreateOrganization(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("c") // one call: the tenant's connections, to offer
		f.want("Create an organization", "┃ Name")
		before := tn.Stats().Calls
		f.typed("Bad Name").press("enter")
		f.want("the name must be 1 to 50 lowercase letters")
		if n := tn.Stats().Calls - before; n != 0 {
			t.Fatalf("%d calls for a name Auth0 would refuse", n)
		}
		for range len("Bad Name") {
			f.press("backspace")
		}
		f.typed("new-co").press("enter")
		f.typed("New Co").press("enter")
		f.press("enter") // no logo
		f.typed("#12ab34").press("enter")
		f.press("enter") // no background
		f.typed("tier=gold").press("enter")
		f.want("┃ Connections")
		f.press("x", "enter") // the first of the tenant's connections, enabled at creation
		f.want("Create organization new-co?", "display name: New Co", "primary colour: #12ab34", "metadata tier: gold",
			"1 connection enabled")
		f.confirm("y")
		f.want("created organization new-co", "4 organizations", "z undo creation of new-co")
		o, err := f.admin.Organization.ReadByName(context.Background(), "new-co")
		if err != nil {
			t.Fatal(err)
		}
		if o.GetDisplayName() != "New Co" || o.GetBranding().GetColors()["primary"] != "#12ab34" || o.GetMetadata()["tier"] != "gold" {
			t.Fatalf("the tenant has %+v", o)
		}
		conns, err := f.admin.Organization.Connections(context.Background(), o.GetID())
		if err != nil || len(conns.OrganizationConnections) != 1 {
			t.Fatalf("new-co has %d connections (%v), want 1", len(conns.OrganizationConnections), err)
		}
		es := f.audited("create organization")
		if es[0].OrgName != "new-co" {
			t.Fatalf("audit %+v", es[0])
		}
		f.press("z")
		f.want("deleted new-co again", "3 organizations")
		if _, err := f.admin.Organization.ReadByName(context.Background(), "new-co"); err == nil {
			t.Fatal("undo left the organization in the tenant")
		}
	})
}

// e on the Overview edits the organization: the confirmation is a diff,
// renaming warns, the audit has before and after, z puts the old back.
func TestFlowEditOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 40)
		f.press("enter")
		f.wait("acme › Overview", "Display name  Acme")
		f.press("e")
		f.want("Edit acme", "Renaming changes every login URL")
		f.press("enter") // the name stays
		for range len("Acme") {
			f.press("backspace")
		}
		f.typed("Acme Inc").press("enter", "enter", "enter", "enter", "enter") // logo, colours, metadata
		f.press("enter", "enter", "enter", "enter")                            // the settings, as they are
		f.want("Save the changes to acme?", "display name: Acme → Acme Inc")
		f.wantNot("apps that send it stop working", "third-party") // not renamed: no warning; settings unchanged: not sent
		f.confirm("y")
		f.want("saved acme", "Display name  Acme Inc")
		o, err := f.admin.Organization.ReadByName(context.Background(), "acme")
		if err != nil || o.GetDisplayName() != "Acme Inc" {
			t.Fatalf("the tenant has %q (%v)", o.GetDisplayName(), err)
		}
		es := f.audited("edit organization")
		if es[0].Before["display_name"] != "Acme" || es[0].After["display_name"] != "Acme Inc" {
			t.Fatalf("audit before %v after %v", es[0].Before, es[0].After)
		}
		f.press("z")
		f.want("put back the old values of acme", "Display name  Acme")
		if o, _ := f.admin.Organization.ReadByName(context.Background(), "acme"); o.GetDisplayName() != "Acme" {
			t.Fatalf("after undo the tenant has %q", o.GetDisplayName())
		}
	})
}

// Assign roles by name to a member from More Options; the tenant has them,
// the row shows them, the audit says so, and z takes them back.
func TestFlowAssignRolesByName(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 40)
		f.press("enter", "3")
		f.wait("Members (5)", "1 of 5")
		f.press("j", ".")
		f.want("More options", "Assign roles…")
		for range 8 {
			if strings.Contains(f.screen(), "▸ Assign roles…") {
				break
			}
			f.press("j")
		}
		f.press("enter")
		f.want("Assign roles:", "support", "auditor")
		for range 8 { // to "support", and pick it
			if strings.Contains(f.screen(), "> [ ] support") {
				break
			}
			f.press("down")
		}
		f.press("x", "enter")
		f.want("Assign support to")
		f.confirm("y")
		f.want("assigned roles to 1 member")
		acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
		uid := f.memberIDs("acme")[1]
		rs, err := f.admin.Organization.MemberRoles(context.Background(), acme.GetID(), uid)
		if err != nil {
			t.Fatal(err)
		}
		has := false
		for _, r := range rs.Roles {
			has = has || r.GetName() == "support"
		}
		if !has {
			t.Fatalf("%s holds %v in acme, want support", uid, rs.Roles)
		}
		f.audited("assign roles")
		f.press("z")
		f.want("put the roles of 1 member back")
		rs, _ = f.admin.Organization.MemberRoles(context.Background(), acme.GetID(), uid)
		for _, r := range rs.Roles {
			if r.GetName() == "support" {
				t.Fatal("undo left the role")
			}
		}
	})
}

// Invitations name their roles (one call for the tenant's roles).
func TestFlowInvitationsNameTheirRoles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 40)
		f.press("enter", "4")
		f.wait("Invitations (3)")
		acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
		invs, err := f.admin.Organization.Invitations(context.Background(), acme.GetID())
		if err != nil {
			t.Fatal(err)
		}
		named := 0
		for _, inv := range invs.OrganizationInvitations {
			for _, id := range inv.Roles {
				r, err := f.admin.Role.Read(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				f.want(r.GetName())
				named++
			}
		}
		if named == 0 {
			t.Skip("the demo's invitations carry no roles")
		}
	})
}

// enter on a member opens their page: who they are, their roles here, and
// every organization they are in, each one enter away.
func TestFlowMemberDetailAndItsOrganizations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 40)
		uid := f.memberIDs("acme")[0]
		ctx := context.Background()
		l, err := f.admin.Organization.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var other string
		for _, o := range l.Organizations {
			if o.GetName() != "acme" {
				other = o.GetName()
				if err := f.admin.Organization.AddMembers(ctx, o.GetID(), []string{uid}); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		f.press("enter", "3")
		f.wait("Members (5)", "1 of 5")
		f.press("enter")
		f.wait("Member of 2 organizations", "Roles here", "Logins with", "acme", other)
		f.want("acme › Members › ") // the page sits above the organization's screen
		screen := f.screen()
		table := screen[strings.Index(screen, "ORGANIZATION"):]
		if strings.Index(table, other) > strings.Index(table, "acme") { // the cursor to the other organization
			f.press("j")
		}
		f.press("enter")
		f.want(other + " › Overview")
	})
}

// d on an invitation revokes it, after a confirmation that says it cannot
// be undone; the tenant no longer has it and the audit says so.
func TestFlowRevokeInvitation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 40)
		f.press("enter", "4")
		f.wait("Invitations (3)", "1 of 3")
		f.press("d")
		f.want("Revoke the invitation of", "This cannot be undone")
		f.confirm("y")
		f.want("revoked the invitation of", "Invitations (2)")
		acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
		l, err := f.admin.Organization.Invitations(context.Background(), acme.GetID())
		if err != nil || len(l.OrganizationInvitations) != 2 {
			t.Fatalf("the tenant has %d invitations (%v), want 2", len(l.OrganizationInvitations), err)
		}
		f.audited("revoke invitation")
	})
}

// i invites people: a form under Auth0's rules, an invitation each, shown
// in the list, in the tenant and in the audit.
func TestFlowInvitePeople(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 48)
		f.press("enter", "4")
		f.wait("Invitations (3)", "1 of 3")
		f.press("i")
		f.want("Invite to acme", "┃ Emails")
		f.typed("not-an-email").press("enter")
		f.want("is not an email address")
		for range len("not-an-email") {
			f.press("backspace")
		}
		f.typed("ada@example.com bo@example.com").press("enter")
		f.typed("Ops").press("enter")
		f.press("enter")          // the first application
		f.press("enter")          // no role
		f.press("enter", "enter") // 7 days; send the email
		f.want("Invite 2 people?", "ada@example.com, bo@example.com", "for 7")
		f.confirm("y")
		f.want("invited 2 people", "Invitations (5)", "ada@example.com")
		acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
		l, err := f.admin.Organization.Invitations(context.Background(), acme.GetID())
		if err != nil || len(l.OrganizationInvitations) != 5 {
			t.Fatalf("the tenant has %d invitations (%v), want 5", len(l.OrganizationInvitations), err)
		}
		f.audited("invite", "invite")
	})
}

// a adds members found by name or email: the tenant has them, the list
// shows them, the audit says so, z removes them again.
func TestFlowAddMembersFoundByName(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 48)
		ctx := context.Background()
		conn := "Username-Password-Authentication"
		for _, e := range []string{"zed.one@example.com", "zed.two@example.com"} {
			pw := "Passw0rd!x"
			if err := f.admin.User.Create(ctx, &management.User{Email: &e, Connection: &conn, Password: &pw, Name: &e}); err != nil {
				t.Fatal(err)
			}
		}
		f.press("enter", "3")
		f.wait("Members (5)", "1 of 5")
		f.press("a")
		f.want("Add members to acme", "Find people")
		f.typed("zed.").press("enter")
		f.want("zed.one@example.com", "zed.two@example.com")
		f.press("x", "down", "x", "enter")
		f.want("Add 2 members?")
		f.confirm("y")
		f.want("added 2 members to acme", "Members (7)", "zed.one@example.com")
		f.audited("add members")
		if got := len(f.members("acme")); got != 7 {
			t.Fatalf("the tenant has %d members, want 7", got)
		}
		f.press("z")
		f.wait("removed 2 members from acme")
		if got := len(f.members("acme")); got != 5 {
			t.Fatalf("after undo the tenant has %d members, want 5", got)
		}
	})
}

// enter on an invitation shows it whole, its link included; resend
// revokes it and invites the same person again, said plainly first.
func TestFlowInvitationDetailAndResend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 140, 48)
		f.press("enter", "4")
		f.wait("Invitations (3)", "1 of 3")
		f.press("enter")
		f.want("Invitation of", "invitee:", "inviter:", "link:", "https://login.example.com/login?invitation=", "Copy the link", "Resend (revoke, then invite again)")
		f.press("j", "enter")
		f.want("Resend the invitation of", "Auth0 has no resend")
		f.confirm("y")
		f.want("a new invitation", "Invitations (3)")
		f.audited("revoke invitation", "invite")
	})
}

// demoFlow runs the dashboard at w×h on a small demo tenant (3
// organizations, acme with 5 members) and waits for its list.
func demoFlow(t *testing.T, w, h int) *flow {
	t.Helper()
	tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
	f := startFlow(t, tn, "", "")
	f.Send(tea.WindowSizeMsg{Width: w, Height: h})
	f.wait("3 organizations", "1 of 3")
	return f
}
