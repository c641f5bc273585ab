package sim

// The demo's log history over the last four days: logins (run through the
// login rules at past times, so each failure is the one the tenant's
// state causes), Dashboard admins' changes (sapi) that broke the three
// organizations, orgdash's own changes, and auto-membership.

import (
	"cmp"
	"encoding/json"
	"net/url"
	"slices"
	"time"
)

// DemoAdmin is the Dashboard administrator the demo's history names.
const DemoAdmin = "admin@example.com"

// historyStep is one past event: a login attempt, or a ready event.
type historyStep struct {
	at     time.Time
	login  *LoginAttempt
	event  *LogEvent
	effect func() // a change of state the step's sapi event records
}

// history builds the demo's log events, oldest first.
func (d demo) history(apps demoApplications, b brokenDemo, orgdashID string) []*LogEvent {
	t, now := d.t, d.now
	var steps []historyStep
	ago := func(h float64) time.Time { return now.Add(-time.Duration(h * float64(time.Hour))) }
	login := func(h float64, a LoginAttempt) {
		a.ClientID = cmp.Or(a.ClientID, apps.portal.ID)
		steps = append(steps, historyStep{at: ago(h), login: &a})
	}
	sapi := func(h float64, who Actor, method, path string, body any, status int, resp any) {
		raw, _ := json.Marshal(body)
		out, _ := json.Marshal(resp)
		if body == nil {
			raw = nil
		}
		if resp == nil {
			out = nil
		}
		name := ""
		if c := t.clients[who.ClientID]; c != nil {
			name = c.Name
		}
		ev := sapiEvent(method, path, url.Values{}, raw, status, out, who, name, "192.0.2.44", "Mozilla/5.0", nil)
		ev.at = ago(h)
		steps = append(steps, historyStep{at: ev.at, event: ev})
	}
	dash := Actor{Email: DemoAdmin}

	// healthy organizations: members logging in, now and then
	healthy := 0
	for _, o := range t.orgOrder {
		if o == b.globex || o == b.initech || o == b.acme || healthy >= 12 {
			continue
		}
		for _, m := range o.members {
			oc := o.findConn(connOf(t, m.user).ID)
			if oc != nil && oc.enabled {
				login(float64(6+healthy*7), LoginAttempt{UserID: m.user.UserID, Organization: o.ID, IP: "192.0.2.10"})
				login(float64(1+healthy*5), LoginAttempt{UserID: m.user.UserID, Organization: o.ID, IP: "192.0.2.10"})
				healthy++
				break
			}
		}
	}
	// a newcomer joins a healthy organization by logging in (auto-membership)
	for _, o := range t.orgOrder[min(40, len(t.orgOrder)):] {
		if oc := o.findConn(t.connOrder[0].ID); oc != nil && oc.enabled && oc.assignOnLogin && o != b.acme {
			for _, u := range d.users {
				if o.membership(u) == nil && connOf(t, u) == t.connOrder[0] && u != b.blocked && u != b.hammered {
					login(12, LoginAttempt{UserID: u.UserID, Organization: o.ID, IP: "192.0.2.99"})
					break
				}
			}
			break
		}
	}
	if len(t.orgOrder) > 20 {
		o := t.orgOrder[20]
		sapi(30, dash, "PATCH", "/api/v2/organizations/"+o.ID, map[string]any{"display_name": o.DisplayName}, 200, map[string]any{"id": o.ID, "name": o.Name, "display_name": o.DisplayName})
	}
	if len(t.orgOrder) > 30 && len(d.users) > 100 {
		o, u := t.orgOrder[30], d.users[99]
		sapi(20, Actor{ClientID: orgdashID}, "POST", "/api/v2/organizations/"+o.ID+"/members", map[string]any{"members": []string{u.UserID}}, 204, nil)
	}

	if o := b.globex; o != nil {
		b.globexConn.EnabledClient = append(b.globexConn.EnabledClient, apps.portal.ID) // until the admin's change
		steps = append(steps, historyStep{at: ago(72), effect: func() { t.enableClient(b.globexConn, apps.portal.ID, false) }})
		sapi(72, dash, "PATCH", "/api/v2/connections/"+b.globexConn.ID+"/clients",
			[]map[string]any{{"client_id": apps.portal.ID, "status": false}}, 204, nil)
		for i, u := range b.globexUsers {
			login(80+float64(i), LoginAttempt{UserID: u.UserID, Organization: o.ID, IP: "198.51.100.7"}) // before: fine
			login(70-float64(i)*9, LoginAttempt{UserID: u.UserID, Organization: o.ID, IP: "198.51.100.7"})
			login(3+float64(i), LoginAttempt{UserID: u.UserID, Organization: o.Name, IP: "198.51.100.7"})
		}
	}
	if o := b.initech; o != nil {
		sapi(50, dash, "DELETE", "/api/v2/organizations/"+o.ID+"/enabled_connections/"+b.removedGoogle.ID, nil, 204, nil)
		sapi(49, dash, "PATCH", "/api/v2/organizations/"+o.ID+"/enabled_connections/"+t.connOrder[0].ID,
			map[string]any{"assign_membership_on_login": false}, 200, o.conns[0].json(false))
		n := 0
		for _, m := range o.members {
			if connOf(t, m.user).Strategy != "auth0" && n < 4 {
				login(40-float64(n)*8, LoginAttempt{UserID: m.user.UserID, Organization: o.ID, IP: "203.0.113.50"})
				n++
			}
		}
		login(26, LoginAttempt{UserID: b.milton.UserID, Organization: o.ID, IP: "203.0.113.51"})
		login(2, LoginAttempt{UserID: b.milton.UserID, Organization: o.ID, IP: "203.0.113.51"})
	}
	if o := b.acme; o != nil {
		login(30, LoginAttempt{UserID: b.blocked.UserID, Organization: o.ID, IP: "192.0.2.77"})
		sapi(24, Actor{Email: "security@example.com"}, "PATCH", "/api/v2/users/"+b.blocked.UserID, map[string]any{"blocked": true}, 200,
			map[string]any{"user_id": b.blocked.UserID, "email": b.blocked.Email, "blocked": true})
		steps = append(steps, historyStep{at: ago(24), effect: func() { b.blocked.Blocked = true }})
		for i := range 3 {
			login(20-float64(i)*6, LoginAttempt{UserID: b.blocked.UserID, Organization: o.ID, IP: "192.0.2.77"})
		}
		for i := range bruteForceThreshold + 1 {
			login(10-float64(i)*0.05, LoginAttempt{UserID: b.hammered.UserID, Organization: o.ID, IP: "198.51.100.23", WrongPassword: true})
		}
		login(9, LoginAttempt{UserID: d.users[3].UserID, Organization: o.ID, IP: "192.0.2.12"})
	}

	slices.SortStableFunc(steps, func(x, y historyStep) int { return x.at.Compare(y.at) })
	var out []*LogEvent
	for _, s := range steps {
		switch {
		case s.event != nil:
			out = append(out, s.event)
		case s.login != nil:
			evs, _, _ := t.login(*s.login, s.at)
			out = append(out, evs...)
		default:
			s.effect()
		}
	}
	return out
}

// connOf is the connection of u's first identity.
func connOf(t *tenant, u *user) *connection {
	for _, c := range t.connOrder {
		if c.Name == u.Identities[0].Connection {
			return c
		}
	}
	return t.connOrder[0]
}
