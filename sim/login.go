package sim

// A simulated login. NOT Auth0's API: Auth0 has no endpoint that attempts
// a login on someone's behalf. The simulator offers one (POST /sim/login,
// outside /api/v2, and Server.AttemptLogin) so tests and the demo can
// produce the failures and successes Auth0 would log, by the rules Auth0
// documents for logging in to an organization:
//   - auth0.com/docs/manage-users/organizations/configure-organizations/define-organization-behavior
//     (organization_usage deny / allow / require; organization_require_behavior);
//   - auth0.com/docs/manage-users/organizations/configure-organizations/enable-connections
//     (a connection must be enabled for the application and in the organization;
//     assign_membership_on_login adds a user who logs in with it);
//   - auth0.com/docs/manage-users/organizations/configure-organizations/invite-members
//     (an invitation makes the invitee a member when accepted, until it expires);
//   - auth0.com/docs/manage-users/user-accounts/block-and-unblock-users and
//     auth0.com/docs/secure/attack-protection/brute-force-protection
//     (a blocked user cannot log in; 10 failures from one IP block the account there);
//   - auth0.com/docs/deploy-monitor/logs/log-event-type-codes (s, f, fp, fu, limit_wc,
//     organization_member_added).
// Auth0 publishes the log codes but not every description text: those
// marked "guess" below are the simulator's wording.

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// LoginAttempt is one simulated login: who (Email or UserID), to which
// application (ClientID), into which organization (its id or name, or
// none), with which connection (by name; the user's first identity's when
// empty), from which IP, and whether the password given was wrong.
type LoginAttempt struct {
	Email         string `json:"email,omitempty"`
	UserID        string `json:"user_id,omitempty"`
	ClientID      string `json:"client_id"`
	Organization  string `json:"organization,omitempty"`
	Connection    string `json:"connection,omitempty"`
	IP            string `json:"ip,omitempty"`
	WrongPassword bool   `json:"wrong_password,omitempty"`
}

// LoginOutcome is what became of an attempt: the log event Auth0 would
// have written (its type, description and log_id), a short cause for
// tests to tell failures apart, and whether the user became a member.
type LoginOutcome struct {
	OK          bool   `json:"ok"`
	Cause       string `json:"cause,omitempty"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	LogID       string `json:"log_id"`
	MemberAdded string `json:"member_added,omitempty"` // "invitation" or "auto_membership"
}

// The causes of a failed attempt.
const (
	CauseUnknownOrganization   = "unknown_organization"
	CauseOrganizationsDenied   = "application_denies_organizations"
	CauseOrganizationRequired  = "application_requires_organization"
	CauseConnectionNotForApp   = "connection_not_enabled_for_application"
	CauseConnectionNotInOrg    = "connection_not_enabled_in_organization"
	CauseConnectionDisabledOrg = "connection_disabled_in_organization"
	CauseUnknownUser           = "unknown_user"
	CauseWrongPassword         = "wrong_password"
	CauseBruteForceBlocked     = "brute_force_blocked"
	CauseUserBlocked           = "user_blocked"
	CauseInvitationExpired     = "invitation_expired"
	CauseNotMember             = "not_a_member"
)

// errUnknownClient answers an attempt naming no application of the tenant.
var errUnknownClient = &apiError{Status: http.StatusNotFound, Message: "Unknown client", Code: "inexistent_client"}

// serveLogin is POST /sim/login: a LoginAttempt in, a LoginOutcome out.
func (s *Server) serveLogin(w http.ResponseWriter, r *http.Request) {
	var a LoginAttempt
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&a); err != nil {
		writeError(w, errBody("'%s'.", err.Error()))
		return
	}
	out, e := s.attempt(a)
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// AttemptLogin applies Auth0's login rules to a, writes the log event
// Auth0 would, and says what happened (an error only for an unknown
// application).
func (s *Server) AttemptLogin(a LoginAttempt) (LoginOutcome, error) {
	out, e := s.attempt(a)
	if e != nil {
		return out, e
	}
	return out, nil
}

func (s *Server) attempt(a LoginAttempt) (LoginOutcome, *apiError) {
	s.t.mu.Lock()
	ev, out, e := s.t.login(a, s.now())
	s.t.mu.Unlock()
	if e != nil {
		return out, e
	}
	for _, extra := range ev[:len(ev)-1] {
		if s.log.record(extra).Type == "organization_member_added" {
			s.publishJoin(extra)
		}
	}
	last := s.log.record(ev[len(ev)-1])
	out.Type, out.Description, out.LogID = last.Type, last.Description, last.LogID
	return out, nil
}

// login decides the attempt under the tenant lock and returns the events
// to log (the outcome's last).
func (t *tenant) login(a LoginAttempt, now time.Time) ([]*LogEvent, LoginOutcome, *apiError) {
	c := t.clients[a.ClientID]
	if c == nil {
		return nil, LoginOutcome{}, errUnknownClient
	}
	ip := a.IP
	if ip == "" {
		ip = "203.0.113.10"
	}
	ev := &LogEvent{ClientID: c.ID, ClientName: c.Name, IP: ip, Hostname: "login.example.com", at: now,
		UserAgent: "Mozilla/5.0 (orgdash simulator)"}
	fail := func(kind, cause, description string) ([]*LogEvent, LoginOutcome, *apiError) {
		ev.Type, ev.Description = kind, description
		return []*LogEvent{ev}, LoginOutcome{Cause: cause}, nil
	}

	var o *org
	if a.Organization != "" {
		if o = t.orgs[a.Organization]; o == nil {
			o = t.orgByName[a.Organization]
		}
		if o == nil { // guess at the wording
			return fail("f", CauseUnknownOrganization, "parameter organization is invalid: "+a.Organization)
		}
		ev.OrganizationID, ev.OrganizationName = o.ID, o.Name
	}
	switch u := c.usage(); {
	case o != nil && u == "deny": // guess at the wording
		return fail("f", CauseOrganizationsDenied, "client is not configured to use organizations")
	case o == nil && u == "require": // guess at the wording; with a prompt the person would be asked first, and an attempt naming no organization is that prompt left unanswered
		return fail("f", CauseOrganizationRequired, "parameter organization is required for this client ("+cmp.Or(c.OrgRequire, "no_prompt")+")")
	}

	u := t.userEmail[strings.ToLower(a.Email)]
	if a.UserID != "" {
		u = t.users[a.UserID]
	}
	// a failure names whom the attempt named: the identifier typed
	// (user_name) and, where the tenant has them, the user's id (a guess
	// at Auth0's fields for failures before the password is checked; its
	// Log Event Type Codes list user_name and user_id on f events)
	if u != nil {
		ev.UserID, ev.UserName = u.UserID, cmp.Or(u.Email, u.Name)
	} else {
		ev.UserName = cmp.Or(a.Email, a.UserID)
	}
	var conn *connection
	name := a.Connection
	if name == "" && u != nil && len(u.Identities) > 0 {
		name = u.Identities[0].Connection
	}
	for _, x := range t.connOrder {
		if x.Name == name {
			conn = x
		}
	}
	if conn == nil && name == "" && len(t.connOrder) > 0 {
		conn = t.connOrder[0] // the first (the database), where an unknown email is tried
	}
	if conn == nil {
		return fail("f", CauseConnectionNotForApp, "the connection is not enabled")
	}
	ev.Connection, ev.ConnectionID, ev.Strategy, ev.StrategyType = conn.Name, conn.ID, conn.Strategy, strategyType(conn.Strategy)
	if !slices.Contains(conn.EnabledClient, c.ID) { // Auth0's error text for a connection the application may not use
		return fail("f", CauseConnectionNotForApp, "the connection is not enabled")
	}
	var oc *orgConn
	if o != nil {
		if oc = o.findConn(conn.ID); oc == nil { // guess at the wording
			return fail("f", CauseConnectionNotInOrg, "the connection "+conn.Name+" is not enabled for the organization "+o.Name)
		}
		if !oc.enabled { // the newer family's is_enabled false; guess at the wording
			return fail("f", CauseConnectionDisabledOrg, "the connection "+conn.Name+" is disabled for the organization "+o.Name)
		}
	}

	if u == nil || !hasIdentity(u, conn.Name) { // no such user on this connection
		ev.UserID, ev.UserName = "", cmp.Or(a.Email, a.UserID)
		return fail("fu", CauseUnknownUser, "Wrong email or password.")
	}
	ev.UserID, ev.UserName = u.UserID, cmp.Or(u.Email, u.Name)
	key := u.UserID + " " + ip
	for _, b := range t.blocksOf(u.UserID) {
		if b.IP == ip { // guess at the wording
			return fail("limit_wc", CauseBruteForceBlocked, "Blocked account: too many failed login attempts from this IP address")
		}
	}
	if a.WrongPassword {
		if t.failures == nil {
			t.failures = map[string]int{}
		}
		t.failures[key]++
		if t.failures[key] >= bruteForceThreshold {
			t.addBlock(u, ip, conn.Name)
			wrong := *ev
			wrong.Type, wrong.Description = "fp", "Wrong email or password."
			ev.Type, ev.Description = "limit_wc", "Blocked account: too many failed login attempts from this IP address"
			return []*LogEvent{&wrong, ev}, LoginOutcome{Cause: CauseWrongPassword}, nil
		}
		return fail("fp", CauseWrongPassword, "Wrong email or password.")
	}
	if u.Blocked { // Auth0's description for a user an administrator blocked
		return fail("f", CauseUserBlocked, "user is blocked")
	}
	delete(t.failures, key)

	var events []*LogEvent
	var added string
	if o != nil && o.membership(u) == nil {
		inv, expired := o.invitationFor(u.Email, now)
		switch {
		case inv != nil:
			added = "invitation"
			o.deleteInvitation(inv)
		case oc.assignOnLogin:
			added = "auto_membership"
		case expired: // guess at the wording
			return fail("f", CauseInvitationExpired, "the invitation to "+o.Name+" has expired")
		default: // guess at the wording
			return fail("f", CauseNotMember, "user "+u.UserID+" is not part of the "+o.ID+" organization")
		}
		t.addMember(o, u)
		joined := *ev
		joined.Type, joined.Description = "organization_member_added", "Organization member added"
		joined.Details = map[string]any{"reason": added, "organization": map[string]any{"id": o.ID, "name": o.Name}}
		events = append(events, &joined)
	}
	ev.Type = "s"
	ev.Description = "Successful login"
	return append(events, ev), LoginOutcome{OK: true, MemberAdded: added}, nil
}

// invitationFor is o's pending invitation for email, or whether only
// expired ones are left.
func (o *org) invitationFor(email string, now time.Time) (pending *invitation, expired bool) {
	for _, inv := range o.invitations {
		if inv.Invitee == nil || !strings.EqualFold(inv.Invitee.Email, email) {
			continue
		}
		if exp, err := time.Parse(time.RFC3339Nano, inv.ExpiresAt); err == nil && exp.Before(now) {
			expired = true
			continue
		}
		return inv, false
	}
	return nil, expired
}

func (o *org) deleteInvitation(inv *invitation) {
	o.invitations = slices.DeleteFunc(o.invitations, func(x *invitation) bool { return x == inv })
}

func hasIdentity(u *user, conn string) bool {
	return slices.ContainsFunc(u.Identities, func(id identity) bool { return id.Connection == conn })
}

// strategyType is Auth0's strategy_type of a log event's connection.
func strategyType(strategy string) string {
	switch strategy {
	case "auth0":
		return "database"
	case "email", "sms":
		return "passwordless"
	case "google-oauth2", "github", "facebook", "apple", "windowslive", "linkedin":
		return "social"
	}
	return "enterprise"
}
