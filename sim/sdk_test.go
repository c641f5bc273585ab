package sim_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// These tests drive the simulator only through the official SDK, as the
// dashboard and any other tool would.

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// status is the HTTP status of an SDK error, or 0.
func status(err error) int {
	var me management.Error
	if errors.As(err, &me) {
		return me.Status()
	}
	return 0
}

func wantStatus(t *testing.T, err error, want int) {
	t.Helper()
	if got := status(err); got != want {
		t.Fatalf("want HTTP %d, got %v", want, err)
	}
}

func TestSDKOrganizationLifecycle(t *testing.T) {
	m := simtest.Start(t, sim.Options{Empty: true}).Management(t)
	ctx := context.Background()

	o := &management.Organization{Name: auth0.String("acme"), DisplayName: auth0.String("Acme Inc"),
		Branding: &management.OrganizationBranding{LogoURL: auth0.String("https://example.com/logo.png"),
			Colors: &map[string]string{"primary": "#0059d6", "page_background": "#000000"}},
		Metadata: &map[string]string{"tier": "gold"}}
	must(t, m.Organization.Create(ctx, o))
	if len(o.GetID()) != len("org_")+16 || o.GetID()[:4] != "org_" {
		t.Fatalf("id %q is not org_ and 16 characters", o.GetID())
	}
	wantStatus(t, m.Organization.Create(ctx, &management.Organization{Name: auth0.String("acme")}), http.StatusConflict)
	wantStatus(t, m.Organization.Create(ctx, &management.Organization{Name: auth0.String("Not Valid")}), http.StatusBadRequest)

	got, err := m.Organization.Read(ctx, o.GetID())
	must(t, err)
	if got.GetDisplayName() != "Acme Inc" || got.GetBranding().GetColors()["primary"] != "#0059d6" || got.GetMetadata()["tier"] != "gold" {
		t.Fatalf("read back %+v", got)
	}
	byName, err := m.Organization.ReadByName(ctx, "acme")
	must(t, err)
	if byName.GetID() != o.GetID() {
		t.Fatalf("by name: %s, want %s", byName.GetID(), o.GetID())
	}
	must(t, m.Organization.Update(ctx, o.GetID(), &management.Organization{DisplayName: auth0.String("Acme, Inc.")}))
	got, _ = m.Organization.Read(ctx, o.GetID())
	if got.GetDisplayName() != "Acme, Inc." || got.GetName() != "acme" {
		t.Fatalf("after update %+v", got)
	}

	must(t, m.Organization.Delete(ctx, o.GetID()))
	_, err = m.Organization.Read(ctx, o.GetID())
	wantStatus(t, err, http.StatusNotFound)
	wantStatus(t, m.Organization.Delete(ctx, o.GetID()), http.StatusNotFound)
}

func TestSDKListPaging(t *testing.T) {
	m := simtest.Start(t, sim.Options{Orgs: 1200, Members: 10}).Management(t)
	ctx := context.Background()

	// offset paging: the envelope's totals, and the 1,000-record wall
	l, err := m.Organization.List(ctx, management.PerPage(100), management.Page(2))
	must(t, err)
	if l.Total != 1200 || l.Start != 200 || len(l.Organizations) != 100 || !l.HasNext() {
		t.Fatalf("page 2: total %d start %d len %d", l.Total, l.Start, len(l.Organizations))
	}
	_, err = m.Organization.List(ctx, management.PerPage(100), management.Page(10))
	wantStatus(t, err, http.StatusBadRequest)

	// checkpoint paging reaches every organization, in creation order, once
	var names []string
	var opts []management.RequestOption
	for pages := 0; ; pages++ {
		l, err := m.Organization.List(ctx, append(opts, management.Take(100))...)
		must(t, err)
		for _, o := range l.Organizations {
			names = append(names, o.GetName())
		}
		if !l.HasNext() {
			break
		}
		if pages > 20 {
			t.Fatal("checkpoint paging does not end")
		}
		opts = []management.RequestOption{management.From(l.Next)}
	}
	if len(names) != 1200 || names[0] != "acme" || len(slices.Compact(slices.Sorted(slices.Values(names)))) != 1200 {
		t.Fatalf("checkpoint paging listed %d organizations (first %q)", len(names), names[0])
	}
}

func TestSDKEnabledConnections(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	m := tn.Management(t)
	ctx := context.Background()
	o := &management.Organization{Name: auth0.String("globex")}
	must(t, m.Organization.Create(ctx, o))
	db, err := m.Connection.ReadByName(ctx, "Username-Password-Authentication")
	must(t, err)
	saml := &management.Connection{Name: auth0.String("globex-saml"), Strategy: auth0.String("samlp")}
	must(t, m.Connection.Create(ctx, saml))

	// the signup rule: only database connections, only with auto-membership
	err = m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{
		ConnectionID: saml.ID, AssignMembershipOnLogin: auth0.Bool(true), IsSignupEnabled: auth0.Bool(true)})
	wantStatus(t, err, http.StatusBadRequest)
	err = m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{
		ConnectionID: db.ID, IsSignupEnabled: auth0.Bool(true)})
	wantStatus(t, err, http.StatusBadRequest)

	must(t, m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{
		ConnectionID: db.ID, AssignMembershipOnLogin: auth0.Bool(true), IsSignupEnabled: auth0.Bool(true)}))
	must(t, m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{ConnectionID: saml.ID}))
	wantStatus(t, m.Organization.AddConnection(ctx, o.GetID(), &management.OrganizationConnection{ConnectionID: saml.ID}), http.StatusConflict)

	c, err := m.Organization.Connection(ctx, o.GetID(), saml.GetID())
	must(t, err)
	if !c.GetShowAsButton() || c.GetAssignMembershipOnLogin() || c.GetConnection().GetStrategy() != "samlp" {
		t.Fatalf("defaults: %+v", c)
	}
	must(t, m.Organization.UpdateConnection(ctx, o.GetID(), saml.GetID(), &management.OrganizationConnection{ShowAsButton: auth0.Bool(false)}))
	// turning auto-membership off under signup breaks the rule
	err = m.Organization.UpdateConnection(ctx, o.GetID(), db.GetID(), &management.OrganizationConnection{AssignMembershipOnLogin: auth0.Bool(false)})
	wantStatus(t, err, http.StatusBadRequest)

	l, err := m.Organization.Connections(ctx, o.GetID())
	must(t, err)
	if len(l.OrganizationConnections) != 2 || l.OrganizationConnections[1].GetShowAsButton() {
		t.Fatalf("list: %+v", l.OrganizationConnections)
	}
	must(t, m.Organization.DeleteConnection(ctx, o.GetID(), saml.GetID()))
	_, err = m.Organization.Connection(ctx, o.GetID(), saml.GetID())
	wantStatus(t, err, http.StatusNotFound)

	// deleting a tenant connection takes it out of every organization
	must(t, m.Connection.Delete(ctx, db.GetID()))
	l, _ = m.Organization.Connections(ctx, o.GetID())
	if len(l.OrganizationConnections) != 0 {
		t.Fatalf("after the tenant connection went: %d left", len(l.OrganizationConnections))
	}
}

func TestSDKMembersAndRoles(t *testing.T) {
	m := simtest.Start(t, sim.Options{Empty: true}).Management(t)
	ctx := context.Background()
	o := &management.Organization{Name: auth0.String("initech")}
	must(t, m.Organization.Create(ctx, o))
	var ids []string
	for _, email := range []string{"peter@initech.example", "samir@initech.example", "milton@initech.example"} {
		u := &management.User{Connection: auth0.String("Username-Password-Authentication"), Email: auth0.String(email),
			Password: auth0.String("correct horse battery staple")}
		must(t, m.User.Create(ctx, u))
		ids = append(ids, u.GetID())
	}
	admin := &management.Role{Name: auth0.String("admin"), Description: auth0.String("Runs the place")}
	must(t, m.Role.Create(ctx, admin))

	must(t, m.Organization.AddMembers(ctx, o.GetID(), ids))
	wantStatus(t, m.Organization.AddMembers(ctx, o.GetID(), []string{"auth0|nobody"}), http.StatusBadRequest)
	must(t, m.Organization.AssignMemberRoles(ctx, o.GetID(), ids[0], []string{admin.GetID()}))

	l, err := m.Organization.Members(ctx, o.GetID(), management.IncludeFields("user_id", "email", "name", "roles"))
	must(t, err)
	if l.Total != 3 || len(l.Members) != 3 {
		t.Fatalf("members: total %d, %d listed", l.Total, len(l.Members))
	}
	if r := l.Members[0].Roles; len(r) != 1 || r[0].GetName() != "admin" || l.Members[0].GetEmail() != "peter@initech.example" {
		t.Fatalf("first member %+v roles %+v", l.Members[0], r)
	}
	roles, err := m.Organization.MemberRoles(ctx, o.GetID(), ids[0])
	must(t, err)
	if len(roles.Roles) != 1 || roles.Roles[0].GetDescription() != "Runs the place" {
		t.Fatalf("member roles %+v", roles.Roles)
	}

	must(t, m.Organization.DeleteMembers(ctx, o.GetID(), ids[:2]))
	l, err = m.Organization.Members(ctx, o.GetID())
	must(t, err)
	if l.Total != 1 || l.Members[0].GetUserID() != ids[2] {
		t.Fatalf("after removal: %+v", l.Members)
	}
	// removal takes the organization roles with it
	roles, _ = m.Organization.MemberRoles(ctx, o.GetID(), ids[0])
	if len(roles.Roles) != 0 {
		t.Fatalf("roles outlived membership: %+v", roles.Roles)
	}
	// deleting the organization keeps the users
	must(t, m.Organization.Delete(ctx, o.GetID()))
	u, err := m.User.Read(ctx, ids[2])
	must(t, err)
	if u.GetEmail() != "milton@initech.example" {
		t.Fatalf("user after org deletion: %+v", u)
	}
}

func TestSDKInvitations(t *testing.T) {
	m := simtest.Start(t, sim.Options{Empty: true}).Management(t)
	ctx := context.Background()
	o := &management.Organization{Name: auth0.String("hooli")}
	must(t, m.Organization.Create(ctx, o))
	app := &management.Client{Name: auth0.String("Hooli Portal")}
	must(t, m.Client.Create(ctx, app))

	inv := &management.OrganizationInvitation{Inviter: &management.OrganizationInvitationInviter{Name: auth0.String("Gavin")},
		Invitee: &management.OrganizationInvitationInvitee{Email: auth0.String("richard@piedpiper.example")}, ClientID: app.ClientID,
		TTLSec: auth0.Int(3600)}
	must(t, m.Organization.CreateInvitation(ctx, o.GetID(), inv))
	if inv.GetID()[:5] != "uinv_" || inv.GetOrganizationID() != o.GetID() || inv.GetInvitationURL() == "" || inv.GetExpiresAt() == "" {
		t.Fatalf("created %+v", inv)
	}
	l, err := m.Organization.Invitations(ctx, o.GetID())
	must(t, err)
	if len(l.OrganizationInvitations) != 1 || l.OrganizationInvitations[0].GetInvitee().GetEmail() != "richard@piedpiper.example" {
		t.Fatalf("list %+v", l.OrganizationInvitations)
	}
	got, err := m.Organization.Invitation(ctx, o.GetID(), inv.GetID())
	must(t, err)
	if got.GetInviter().GetName() != "Gavin" {
		t.Fatalf("read %+v", got)
	}
	must(t, m.Organization.DeleteInvitation(ctx, o.GetID(), inv.GetID()))
	_, err = m.Organization.Invitation(ctx, o.GetID(), inv.GetID())
	wantStatus(t, err, http.StatusNotFound)
	must(t, m.Client.Delete(ctx, app.GetClientID()))
}
