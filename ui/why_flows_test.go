package ui

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// These flows break one link of the chain at a time on the simulator (as
// an admin would, through the Management API), see the simulator's login
// attempt fail, ask the dashboard why (:why EMAIL ORG), and check that it
// names the cause and, where orgdash has one, that its fix (f, confirmed)
// makes the next attempt succeed, with the change in the audit.

const (
	probeEmail = "probe.person@probe.example"
	probeOrg   = "probe"
	dbConn     = "Username-Password-Authentication"
)

// probe is a person who can log in to the organization probe through the
// database connection with Customer Portal, the application that requires
// organizations.
type probe struct {
	admin                 *management.Management
	tn                    *simtest.Tenant
	orgID, userID, connID string
	portalID              string
}

func newProbe(t *testing.T, tn *simtest.Tenant) *probe {
	t.Helper()
	ctx := context.Background()
	p := &probe{admin: tn.Management(t), tn: tn}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	conn, err := p.admin.Connection.ReadByName(ctx, dbConn)
	must(err)
	p.connID = conn.GetID()
	cs, err := p.admin.Client.List(ctx)
	must(err)
	for _, c := range cs.Clients {
		if c.GetName() == "Customer Portal" {
			p.portalID = c.GetClientID()
		}
	}
	o := &management.Organization{Name: auth0.String(probeOrg)}
	must(p.admin.Organization.Create(ctx, o))
	p.orgID = o.GetID()
	must(p.admin.Organization.AddConnection(ctx, p.orgID, &management.OrganizationConnection{ConnectionID: auth0.String(p.connID),
		AssignMembershipOnLogin: auth0.Bool(false), ShowAsButton: auth0.Bool(true)}))
	u := &management.User{Connection: auth0.String(dbConn), Email: auth0.String(probeEmail), Password: auth0.String("correct-Horse-7")}
	must(p.admin.User.Create(ctx, u))
	p.userID = u.GetID()
	must(p.admin.Organization.AddMembers(ctx, p.orgID, []string{p.userID}))
	if out := p.attempt(t, false); !out.OK {
		t.Fatalf("the probe cannot log in before anything is broken: %+v", out)
	}
	return p
}

// attempt tries the simulator's login for the probe person.
func (p *probe) attempt(t *testing.T, wrongPassword bool) sim.LoginOutcome {
	t.Helper()
	out, err := p.tn.AttemptLogin(sim.LoginAttempt{Email: probeEmail, ClientID: p.portalID, Organization: probeOrg, WrongPassword: wrongPassword})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type whyCase struct {
	name  string
	brk   func(t *testing.T, p *probe)
	sim   string // the simulator's cause of the failed attempt
	shows []string
	fix   string // the fix's label, "" where orgdash has none
	audit string // the audited action of the fix
}

func whyCases() []whyCase {
	ctx := context.Background()
	return []whyCase{
		{name: "connection not enabled for the application", sim: sim.CauseConnectionNotForApp,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Connection.UpdateEnabledClients(ctx, p.connID, []management.ConnectionEnabledClient{
					{ClientID: auth0.String(p.portalID), Status: auth0.Bool(false)}}); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: " + dbConn + " is not enabled for the application Customer Portal"},
			fix:   "Enable " + dbConn + " for Customer Portal", audit: "enable connection for application"},
		{name: "connection not enabled in the organization", sim: sim.CauseConnectionNotInOrg,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Organization.DeleteConnection(ctx, p.orgID, p.connID); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: " + dbConn + " is not enabled in probe"},
			fix:   "Enable " + dbConn + " in probe", audit: "enable connection"},
		{name: "connection disabled in the organization", sim: sim.CauseConnectionDisabledOrg,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Request(ctx, "PATCH", p.admin.URI("organizations", p.orgID, "connections", p.connID),
					map[string]any{"is_enabled": false}); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: " + dbConn + " is in probe but disabled (is_enabled: false)"},
			fix:   "Re-enable " + dbConn + " in probe", audit: "re-enable connection"},
		{name: "not a member", sim: sim.CauseNotMember,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Organization.DeleteMembers(ctx, p.orgID, []string{p.userID}); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: not a member of probe, and " + dbConn + " does not add members at login"},
			fix:   "Add " + probeEmail + " to probe", audit: "add members"},
		{name: "invitation expired", sim: sim.CauseInvitationExpired,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Organization.DeleteMembers(ctx, p.orgID, []string{p.userID}); err != nil {
					t.Fatal(err)
				}
				inv := &management.OrganizationInvitation{Inviter: &management.OrganizationInvitationInviter{Name: auth0.String("Ops")},
					Invitee: &management.OrganizationInvitationInvitee{Email: auth0.String(probeEmail)}, ClientID: auth0.String(p.portalID),
					TTLSec: auth0.Int(1), SendInvitationEmail: auth0.Bool(false)}
				if err := p.admin.Organization.CreateInvitation(ctx, p.orgID, inv); err != nil {
					t.Fatal(err)
				}
				time.Sleep(2 * time.Second) // the bubble's clock: the invitation expires
			},
			shows: []string{"Cause: not a member of probe", "their invitation expired on"},
			fix:   "Add " + probeEmail + " to probe", audit: "add members"},
		{name: "blocked by an administrator", sim: sim.CauseUserBlocked,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.User.Update(ctx, p.userID, &management.User{Blocked: auth0.Bool(true)}); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: an administrator blocked " + "auth0|"},
			fix:   "Unblock " + probeEmail, audit: "unblock user"},
		{name: "blocked by brute-force protection", sim: sim.CauseBruteForceBlocked,
			brk: func(t *testing.T, p *probe) {
				for range 10 {
					p.attempt(t, true)
				}
			},
			shows: []string{"Cause: Auth0 blocks logins after too many failed attempts", "from 203.0.113.10"},
			fix:   "Lift the brute-force blocks on " + probeEmail, audit: "remove brute-force blocks"},
		{name: "the application denies organizations", sim: sim.CauseOrganizationsDenied,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.Client.Update(ctx, p.portalID, &management.Client{OrganizationUsage: auth0.String("deny")}); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: Customer Portal's organization_usage is deny", "orgdash has no fix for this"}},
		{name: "no such person", sim: sim.CauseUnknownUser,
			brk: func(t *testing.T, p *probe) {
				if err := p.admin.User.Delete(ctx, p.userID); err != nil {
					t.Fatal(err)
				}
			},
			shows: []string{"Cause: no user in this tenant has the email " + probeEmail}},
	}
}

// Each link of the chain failing alone: the explainer names it, and its
// fix, where orgdash has one, makes the next login attempt succeed.
func TestFlowWhyNamesEachCauseAndItsFixLetsThemIn(t *testing.T) {
	for _, c := range whyCases() {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
				p := newProbe(t, tn)
				c.brk(t, p)
				if out := p.attempt(t, false); out.OK || out.Cause != c.sim {
					t.Fatalf("the broken login: %+v, want cause %s", out, c.sim)
				}
				f := startFlow(t, tn, "", "")
				f.wait("organizations")
				f.press(":").typed("why " + probeEmail + " " + probeOrg).press("enter")
				f.wait(append([]string{"Why can't " + probeEmail + " log in to probe?"}, c.shows...)...)
				if c.fix == "" {
					f.press("F")
					f.want("cannot fix: orgdash has no fix for this link")
					f.audited()
					return
				}
				f.want("F  " + c.fix)
				f.press("F")
				f.want("Cancel", "Fix") // the dialog (its title wraps)
				f.confirm("y")
				f.wait("done: " + c.fix[:10]) // the footer cuts it short beside the undo offer
				// walked again: the failed attempt on record was before the fix, not a cause
				f.wait("Every link holds now: their last attempt failed before the fix")
				f.wantNot("Cause:")
				f.Advance(time.Second) // the next attempt is the newest event
				if out := p.attempt(t, false); !out.OK {
					t.Fatalf("after %q the login still fails: %+v", c.fix, out)
				}
				f.press("r")
				f.wait("Every link holds")
				f.audited(c.audit)
			})
		})
	}
}

// The application comes from the person's log events; with none there,
// enter picks it.
func TestFlowWhyChoosesTheApplication(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		p := newProbe(t, tn)
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("why " + probeEmail + " " + probeOrg).press("enter")
		f.wait("Every link holds")
		f.press("down", "down", "down")
		f.want("Customer Portal (" + p.portalID + "), from their log event")
		f.press("enter")
		f.want("Which application do they log in to?", "Customer Portal  (require)")
		f.press("enter")
		f.wait("Every link holds")
		f.press("down", "down", "down")
		f.want("), chosen")
	})
}
