package sim

// The demo's three broken organizations, and the tidying that keeps every
// other organization healthy, so that a doctor finds exactly three.
//
// What is broken (for whoever tests a doctor or an explainer against the
// demo; the seeded log history shows each cause failing):
//
//  1. globex: its only connection, globex-sso (SAML, a connection only
//     globex uses), is not enabled for "Customer Portal", the application
//     that requires organizations (a Dashboard admin, admin@example.com,
//     turned it off 3 days ago: a sapi event). Every member's login to the
//     portal fails: `f` "the connection is not enabled". Findings: an
//     application requiring organizations has no organization connection
//     it may use; a connection enabled in the organization but for none of
//     the applications that require organizations; failed logins.
//  2. initech: its only connection is the database, with is_signup_enabled
//     true but assign_membership_on_login false (turned off by a Dashboard
//     admin 2 days ago; Auth0 refuses that pair on write, so the tenant's
//     state predates the rule), and google-oauth2 was removed from it (a
//     sapi event): its Google, SAML and OIDC members fail `f` (connection
//     not enabled for the organization), and milton.waddams@initech.example,
//     who signed up, is no member and fails `f` (not part of the
//     organization). Findings: signup enabled without membership on login;
//     failed logins.
//  3. acme: a member blocked by an administrator (security@example.com, a
//     day ago, PATCH /users {"blocked":true}), who then fails `f` "user is
//     blocked"; a member blocked by brute-force protection from
//     198.51.100.23 (ten `fp` then `limit_wc`: GET /user-blocks/{id} lists
//     it); the discovery domain acme-corp.example pending. (Its
//     invitations are left as the seed made them: none in the default
//     demo; expired ones, where another seed or size gives some.)
//     Findings: blocked members, a pending discovery domain, failed logins
//     (user blocked; wrong password; blocked account).
//
// Every other organization: at least one enabled connection shown on the
// login prompt, every connection its members log in with enabled in it
// (else those members could not log in: a doctor finds them), every
// connection enabled for the portal, no expired
// invitation, no blocked member, no failed login in the history.

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// BrokenDemoOrganizations are the names of the demo organizations seeded
// broken (see seed_broken.go for how).
var BrokenDemoOrganizations = []string{"globex", "initech", "acme"}

// brokenDemo is what breakThree made, for the history to use.
type brokenDemo struct {
	globex, initech, acme *org
	globexUsers           []*user
	globexConn            *connection
	milton                *user
	blocked, hammered     *user // acme: by an admin, by brute force
	removedGoogle         *connection
}

// breakThree breaks globex, initech and acme as the file comment says;
// organizations the tenant lacks (a small demo) are skipped.
func (d demo) breakThree(apps demoApplications) brokenDemo {
	t := d.t
	b := brokenDemo{globex: t.orgByName["globex"], initech: t.orgByName["initech"], acme: t.orgByName["acme"]}
	db, google := t.connOrder[0], d.conns[1]
	if o := b.globex; o != nil {
		b.globexConn = t.addConnection("globex-sso", "Globex SSO (SAML)", "samlp")
		b.globexConn.EnabledClient = []string{apps.byName["Admin Console"].ID}
		o.conns = []*orgConn{{conn: b.globexConn, enabled: true, assignOnLogin: true, showAsButton: true}}
		for _, n := range [][2]string{{"Hank", "Scorpio"}, {"Frank", "Grimes"}, {"Lurleen", "Lumpkin"}} {
			u := t.addUser(b.globexConn, strings.ToLower(n[0]+"."+n[1])+"@globex.example", n[0], n[1], d.now.AddDate(0, -2, 0))
			t.addMember(o, u)
			b.globexUsers = append(b.globexUsers, u)
		}
	}
	if o := b.initech; o != nil {
		o.conns = []*orgConn{{conn: db, enabled: true, assignOnLogin: false, showAsButton: true, signupEnabled: true}}
		b.removedGoogle = google
		b.milton = t.addUser(db, "milton.waddams@initech.example", "Milton", "Waddams", d.now.AddDate(0, 0, -3))
	}
	if o := b.acme; o != nil {
		// database members of acme alone, so no other organization has a blocked member
		b.blocked, b.hammered = d.loneMembers(o, db)
	}
	return b
}

// loneMembers are two database users who belong to o and no other
// organization, taken from the end of its member list; where there are
// none such, the last memberships pass to two new users (the member
// count stays as the options asked).
func (d demo) loneMembers(o *org, db *connection) (*user, *user) {
	elsewhere := func(u *user) bool { // a member of another organization (u.in holds every membership)
		return slices.ContainsFunc(u.in, func(m *membership) bool { return m.org != o })
	}
	var lone []*user
	for i := len(o.members) - 1; i >= 0 && len(lone) < 2; i-- {
		if u := o.members[i].user; !elsewhere(u) && u.Identities[0].Connection == db.Name {
			lone = append(lone, u)
		}
	}
	for i := len(o.members) - 1; len(lone) < 2; i-- {
		u := d.t.addUser(db, "member"+strconv.Itoa(len(lone))+"@"+o.Name+".example", "", "", d.now)
		lone = append(lone, u)
		if i < 0 { // fewer members than two: add one
			d.t.addMember(o, u)
			continue
		}
		m := o.members[i]
		m.user.leave(m) // the user's index of memberships follows
		delete(o.memberRoles, m.user.UserID)
		m.user = u
		u.in = append(u.in, m)
	}
	return lone[0], lone[1]
}

// tidyHealthy makes every organization but the broken ones healthy (see
// the file comment): a shown, enabled connection (the database, added or
// re-enabled where none is), every connection its members log in with
// enabled in it, no expired invitation.
func (d demo) tidyHealthy(b brokenDemo) {
	db := d.t.connOrder[0]
	for _, o := range d.t.orgOrder {
		if o != b.globex && o != b.initech { // acme's trouble is its blocked members and its domain, not its connections
			d.enableMembersConnections(o)
		}
		shown := slices.ContainsFunc(o.conns, func(oc *orgConn) bool { return oc.enabled && oc.showAsButton })
		if !shown && o != b.globex && o != b.initech {
			if oc := o.findConn(db.ID); oc != nil {
				oc.enabled, oc.showAsButton = true, true
			} else {
				o.conns = append([]*orgConn{{conn: db, enabled: true, showAsButton: true}}, o.conns...)
			}
		}
		if o == b.acme {
			continue
		}
		o.invitations = slices.DeleteFunc(o.invitations, func(inv *invitation) bool {
			exp, err := time.Parse(time.RFC3339Nano, inv.ExpiresAt)
			return err == nil && exp.Before(d.now)
		})
	}
}

// enableMembersConnections enables in o every connection its members'
// identities are on (added, not shown as a button, where o lacks it;
// re-enabled where o has it off), so that none of them is shut out.
// The connections are gathered first, in the order the members show them:
// a few, where the members are thousands.
func (d demo) enableMembersConnections(o *org) {
	var room [8]string
	names := room[:0]
	for _, m := range o.members {
		for _, id := range m.user.Identities {
			if !slices.Contains(names, id.Connection) {
				names = append(names, id.Connection)
			}
		}
	}
	for _, name := range names {
		i := slices.IndexFunc(d.t.connOrder, func(c *connection) bool { return c.Name == name })
		if i < 0 {
			continue
		}
		c := d.t.connOrder[i]
		if oc := o.findConn(c.ID); oc != nil {
			oc.enabled = true
		} else {
			o.conns = append(o.conns, &orgConn{conn: c, enabled: true})
		}
	}
}
