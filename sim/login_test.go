package sim_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// loginWorld is a small tenant for the login rules: acme with the
// database enabled, Ines a member, three applications using
// organizations differently, and a Google connection acme lacks.
type loginWorld struct {
	tn                    *simtest.Tenant
	m                     *management.Management
	ck                    *clock
	acme                  *management.Organization
	db, google            *management.Connection
	portal, console, site string
	ines                  *management.User
}

func newLoginWorld(t *testing.T) *loginWorld {
	w := &loginWorld{ck: &clock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}}
	w.tn = simtest.Start(t, sim.Options{Empty: true, Now: w.ck.now})
	w.m = w.tn.Management(t)
	ctx := context.Background()
	var err error
	w.db, err = w.m.Connection.ReadByName(ctx, "Username-Password-Authentication")
	must(t, err)
	w.google = &management.Connection{Name: auth0.String("google-oauth2"), Strategy: auth0.String("google-oauth2")}
	must(t, w.m.Connection.Create(ctx, w.google))
	app := func(name, usage string) string {
		c := &management.Client{Name: &name, OrganizationUsage: &usage}
		must(t, w.m.Client.Create(ctx, c))
		return c.GetClientID()
	}
	w.portal, w.console, w.site = app("Portal", "require"), app("Console", "allow"), app("Site", "deny")
	var all []management.ConnectionEnabledClient
	for _, id := range []string{w.portal, w.console, w.site} {
		all = append(all, management.ConnectionEnabledClient{ClientID: auth0.String(id), Status: auth0.Bool(true)})
	}
	must(t, w.m.Connection.UpdateEnabledClients(ctx, w.db.GetID(), all))
	must(t, w.m.Connection.UpdateEnabledClients(ctx, w.google.GetID(), all))
	w.acme = &management.Organization{Name: auth0.String("acme")}
	must(t, w.m.Organization.Create(ctx, w.acme))
	must(t, w.m.Organization.AddConnection(ctx, w.acme.GetID(), &management.OrganizationConnection{ConnectionID: w.db.ID, AssignMembershipOnLogin: auth0.Bool(false)}))
	w.ines = w.user(t, "Username-Password-Authentication", "ines@acme.example")
	must(t, w.m.Organization.AddMembers(ctx, w.acme.GetID(), []string{w.ines.GetID()}))
	return w
}

func (w *loginWorld) user(t *testing.T, conn, email string) *management.User {
	u := &management.User{Connection: &conn, Email: &email, Password: auth0.String("x-Secret-1")}
	must(t, w.m.User.Create(context.Background(), u))
	return u
}

// try attempts a login and checks its outcome: the cause ("" for a
// success) and the log event type.
func (w *loginWorld) try(t *testing.T, a sim.LoginAttempt, cause, logType string) sim.LoginOutcome {
	t.Helper()
	if a.ClientID == "" {
		a.ClientID = w.portal
	}
	out, err := w.tn.AttemptLogin(a)
	must(t, err)
	if out.Cause != cause || out.Type != logType || out.OK != (cause == "") || out.LogID == "" {
		t.Fatalf("%+v: %+v, want cause %q logged %q", a, out, cause, logType)
	}
	return out
}

func TestLoginRules(t *testing.T) {
	w := newLoginWorld(t)
	ctx := context.Background()
	acme, ines := w.acme.GetID(), w.ines.GetID()

	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme}, "", "s")
	w.try(t, sim.LoginAttempt{Email: "ines@acme.example", Organization: "acme"}, "", "s") // by email and name
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: "org_nope"}, sim.CauseUnknownOrganization, "f")
	// organization_usage: deny refuses an organization, require wants one, allow takes either
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme, ClientID: w.site}, sim.CauseOrganizationsDenied, "f")
	w.try(t, sim.LoginAttempt{UserID: ines}, sim.CauseOrganizationRequired, "f")
	w.try(t, sim.LoginAttempt{UserID: ines, ClientID: w.console}, "", "s")
	w.try(t, sim.LoginAttempt{UserID: ines, ClientID: w.site}, "", "s")
	// the connection must be enabled for the application
	must(t, w.m.Connection.UpdateEnabledClients(ctx, w.db.GetID(), []management.ConnectionEnabledClient{{ClientID: &w.portal, Status: auth0.Bool(false)}}))
	out := w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme}, sim.CauseConnectionNotForApp, "f")
	if out.Description != "the connection is not enabled" {
		t.Fatalf("description %q", out.Description)
	}
	must(t, w.m.Connection.UpdateEnabledClients(ctx, w.db.GetID(), []management.ConnectionEnabledClient{{ClientID: &w.portal, Status: auth0.Bool(true)}}))
	// ... and in the organization (and, in the newer family, is_enabled)
	gina := w.user(t, "google-oauth2", "gina@acme.example")
	must(t, w.m.Organization.AddMembers(ctx, acme, []string{gina.GetID()}))
	w.try(t, sim.LoginAttempt{UserID: gina.GetID(), Organization: acme}, sim.CauseConnectionNotInOrg, "f")
	must(t, w.m.Request(ctx, "POST", w.m.URI("organizations", acme, "connections"), map[string]any{"connection_id": w.google.GetID(), "is_enabled": false}))
	w.try(t, sim.LoginAttempt{UserID: gina.GetID(), Organization: acme}, sim.CauseConnectionDisabledOrg, "f")
	must(t, w.m.Request(ctx, "PATCH", w.m.URI("organizations", acme, "connections", w.google.GetID()), map[string]any{"is_enabled": true}))
	w.try(t, sim.LoginAttempt{UserID: gina.GetID(), Organization: acme}, "", "s")
	// the person: unknown, wrong password, blocked by an administrator
	w.try(t, sim.LoginAttempt{Email: "nobody@acme.example", Organization: acme}, sim.CauseUnknownUser, "fu")
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme, WrongPassword: true}, sim.CauseWrongPassword, "fp")
	must(t, w.m.User.Update(ctx, ines, &management.User{Blocked: auth0.Bool(true)}))
	if out := w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme}, sim.CauseUserBlocked, "f"); out.Description != "user is blocked" {
		t.Fatalf("description %q", out.Description)
	}
	must(t, w.m.User.Update(ctx, ines, &management.User{Blocked: auth0.Bool(false)}))
	// brute force: blocked from that IP only
	for range 10 {
		_, _ = w.tn.AttemptLogin(sim.LoginAttempt{UserID: ines, Organization: acme, ClientID: w.portal, IP: "198.51.100.1", WrongPassword: true})
	}
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme, IP: "198.51.100.1"}, sim.CauseBruteForceBlocked, "limit_wc")
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme, IP: "198.51.100.2"}, "", "s")
	must(t, w.m.User.Unblock(ctx, ines))
	w.try(t, sim.LoginAttempt{UserID: ines, Organization: acme, IP: "198.51.100.1"}, "", "s")

	// the person's own log, newest first
	mine, err := w.m.User.GetUserLogs(ctx, ines, management.PerPage(3))
	must(t, err)
	if len(mine) != 3 || mine[0].GetType() != "s" || mine[1].GetType() != "s" || mine[2].GetType() != "limit_wc" || mine[0].GetUserID() != ines {
		t.Fatalf("GET /users/{id}/logs: %+v", mine)
	}
}

func TestLoginMembershipRules(t *testing.T) {
	w := newLoginWorld(t)
	ctx := context.Background()
	acme := w.acme.GetID()

	// not a member, and nothing would make them one
	omar := w.user(t, "Username-Password-Authentication", "omar@acme.example")
	w.try(t, sim.LoginAttempt{UserID: omar.GetID(), Organization: acme}, sim.CauseNotMember, "f")

	// an invitation makes them a member, once
	inv := &management.OrganizationInvitation{Inviter: &management.OrganizationInvitationInviter{Name: auth0.String("Ana")},
		Invitee: &management.OrganizationInvitationInvitee{Email: auth0.String("omar@acme.example")}, ClientID: &w.portal}
	must(t, w.m.Organization.CreateInvitation(ctx, acme, inv))
	if out := w.try(t, sim.LoginAttempt{UserID: omar.GetID(), Organization: acme}, "", "s"); out.MemberAdded != "invitation" {
		t.Fatalf("member added by %q", out.MemberAdded)
	}
	invs, err := w.m.Organization.Invitations(ctx, acme)
	must(t, err)
	if len(invs.OrganizationInvitations) != 0 {
		t.Fatal("the accepted invitation is still pending")
	}

	// an expired invitation does not
	zoe := w.user(t, "Username-Password-Authentication", "zoe@acme.example")
	must(t, w.m.Organization.CreateInvitation(ctx, acme, &management.OrganizationInvitation{Inviter: inv.Inviter,
		Invitee: &management.OrganizationInvitationInvitee{Email: auth0.String("zoe@acme.example")}, ClientID: &w.portal, TTLSec: auth0.Int(60)}))
	w.ck.advance(2 * time.Minute)
	w.try(t, sim.LoginAttempt{UserID: zoe.GetID(), Organization: acme}, sim.CauseInvitationExpired, "f")

	// assign_membership_on_login adds them, and says so in the log
	must(t, w.m.Organization.UpdateConnection(ctx, acme, w.db.GetID(), &management.OrganizationConnection{AssignMembershipOnLogin: auth0.Bool(true)}))
	if out := w.try(t, sim.LoginAttempt{UserID: zoe.GetID(), Organization: acme}, "", "s"); out.MemberAdded != "auto_membership" {
		t.Fatalf("member added by %q", out.MemberAdded)
	}
	members, err := w.m.Organization.Members(ctx, acme)
	must(t, err)
	if len(members.Members) != 3 {
		t.Fatalf("%d members, want Ines, Omar and Zoe", len(members.Members))
	}
	if evs := w.tn.Events(); len(evs) == 0 || evs[len(evs)-1].Type != "organization.member.added" {
		t.Fatalf("the Events API did not hear of the join: %+v", evs)
	}
	logs, err := w.m.Log.List(ctx, management.Query(`type:organization_member_added AND organization_id:`+acme))
	must(t, err)
	if len(logs) != 2 || logs[0].GetDetails()["reason"] != "auto_membership" || logs[1].GetDetails()["reason"] != "invitation" ||
		logs[0].GetUserID() != zoe.GetID() {
		t.Fatalf("member_added events %+v", logs)
	}
}

func TestLoginRouteIsOutsideTheAPI(t *testing.T) {
	w := newLoginWorld(t)
	body := `{"email":"ines@acme.example","organization":"acme","client_id":"` + w.site + `"}`
	res, err := http.Post(w.tn.URL+"/sim/login", "application/json", strings.NewReader(body))
	must(t, err)
	defer res.Body.Close()
	var out sim.LoginOutcome
	must(t, json.NewDecoder(res.Body).Decode(&out))
	if res.StatusCode != 200 || out.OK || out.Cause != sim.CauseOrganizationsDenied || out.Type != "f" {
		t.Fatalf("POST /sim/login: %d %+v", res.StatusCode, out)
	}
	ev, err := w.m.Log.Read(context.Background(), out.LogID)
	must(t, err)
	if ev.GetOrganizationID() != w.acme.GetID() || ev.GetOrganizationName() != "acme" || ev.GetClientName() != "Site" ||
		ev.GetUserID() != "" || ev.GetConnection() != "" {
		t.Fatalf("logged %+v", ev)
	}
	res2, err := http.Post(w.tn.URL+"/sim/login", "application/json", strings.NewReader(`{"client_id":"nope"}`))
	must(t, err)
	_ = res2.Body.Close()
	if res2.StatusCode != 404 {
		t.Fatalf("unknown client: %d", res2.StatusCode)
	}
}
