package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

// An organization's connections come from the newer
// /organizations/{id}/connections family where the tenant has it (with
// is_enabled, so a connection can be turned off keeping its settings), and
// from enabled_connections where it does not: there "off" can only mean remove.

// orgConnJSON is an association in the newer family.
type orgConnJSON struct {
	ConnectionID  string `json:"connection_id,omitempty"`
	IsEnabled     *bool  `json:"is_enabled,omitempty"`
	AssignOnLogin *bool  `json:"assign_membership_on_login,omitempty"`
	ShowAsButton  *bool  `json:"show_as_button,omitempty"`
	SignupEnabled *bool  `json:"is_signup_enabled,omitempty"`
	OrgConnName   string `json:"organization_connection_name,omitempty"`
	AccessLevel   string `json:"organization_access_level,omitempty"`
	Connection    *struct {
		Name     string `json:"name"`
		Strategy string `json:"strategy"`
	} `json:"connection,omitempty"`
}

func (j orgConnJSON) conn() Connection {
	c := Connection{ID: j.ConnectionID, Enabled: j.IsEnabled == nil || *j.IsEnabled,
		ConnectionSettings: ConnectionSettings{AssignMembershipOnLogin: deref(j.AssignOnLogin),
			ShowAsButton: deref(j.ShowAsButton), SignupEnabled: deref(j.SignupEnabled),
			OrgConnectionName: j.OrgConnName, AccessLevel: j.AccessLevel}}
	if j.Connection != nil {
		c.Name, c.Strategy = j.Connection.Name, j.Connection.Strategy
	}
	return c
}

func deref[T any](p *T) T {
	var zero T
	if p != nil {
		zero = *p
	}
	return zero
}

func legacyConn(oc *management.OrganizationConnection) Connection {
	return Connection{ID: oc.GetConnectionID(), Name: oc.GetConnection().GetName(), Strategy: oc.GetConnection().GetStrategy(),
		Enabled: true, Legacy: true, ConnectionSettings: ConnectionSettings{AssignMembershipOnLogin: oc.GetAssignMembershipOnLogin(),
			ShowAsButton: oc.GetShowAsButton(), SignupEnabled: oc.GetIsSignupEnabled()}}
}

// The verdict that a tenant lacks the newer family comes only from an
// unambiguous signal: the collection route itself answering Auth0's
// route-level 404 ("Not Found"), 501, or a 403 that is not about scopes. A
// 404 about one resource ("No connection found by that id") means that
// connection is gone, nothing more. A route-level 404 on one resource is
// checked against the collection route first. And no verdict is for ever:
// it is asked again after legacyFor.
const legacyFor = 10 * time.Minute

// routeMissing reports whether err is Auth0's answer for a route it does
// not have, or a feature it refuses this tenant.
func routeMissing(err error) bool {
	var me management.Error
	if !errors.As(err, &me) {
		return false
	}
	msg := me.Error()
	if _, rest, ok := strings.Cut(msg, ": "); ok {
		msg = rest
	}
	switch me.Status() {
	case http.StatusNotFound:
		return msg == "Not Found"
	case http.StatusForbidden:
		return !strings.Contains(msg, "Insufficient scope")
	case http.StatusNotImplemented:
		return true
	}
	return false
}

// isLegacy reports whether the tenant is known, lately, to lack the newer family.
func (c *auth0Client) isLegacy() bool {
	until, _ := c.legacyUntil.Load().(time.Time)
	if until.IsZero() {
		return false
	}
	if time.Now().After(until) {
		c.legacyUntil.Store(time.Time{})
		c.scopes.setNoToggle(false)
		return false
	}
	return true
}

func (c *auth0Client) markLegacy() {
	c.legacyUntil.Store(time.Now().Add(legacyFor))
	c.scopes.setNoToggle(true)
}

// confirmLegacy asks the collection route whether a route-level 404 on one
// resource means the family is missing.
func (c *auth0Client) confirmLegacy(ctx context.Context, orgID string) bool {
	var l struct {
		Connections []orgConnJSON `json:"connections"`
	}
	err := c.m.Request(ctx, "GET", c.connURI(orgID), &l, management.PerPage(1), management.IncludeTotals(true))
	if routeMissing(err) {
		c.markLegacy()
		return true
	}
	return false
}

func (c *auth0Client) connURI(orgID string, connID ...string) string {
	return c.m.URI(append([]string{"organizations", orgID, "connections"}, connID...)...)
}

func (c *auth0Client) Connections(ctx context.Context, orgID string) ([]Connection, error) {
	if !c.isLegacy() {
		var out []Connection
		for page := 0; ; page++ {
			var l struct {
				Connections []orgConnJSON `json:"connections"`
				Total       int           `json:"total"`
			}
			err := c.m.Request(ctx, "GET", c.connURI(orgID), &l,
				management.Page(page), management.PerPage(pageSize), management.IncludeTotals(true))
			if err != nil && page == 0 && routeMissing(err) {
				c.markLegacy()
				break
			}
			if err != nil {
				return out, c.classify("list connections", err)
			}
			for _, j := range l.Connections {
				out = append(out, j.conn())
			}
			if len(out) >= l.Total || len(l.Connections) == 0 {
				return out, nil
			}
		}
	}
	var out []Connection
	for page := 0; ; page++ {
		l, err := c.m.Organization.Connections(ctx, orgID, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("list connections", err)
		}
		for _, oc := range l.OrganizationConnections {
			out = append(out, legacyConn(oc))
		}
		if len(out) >= l.Total || len(l.OrganizationConnections) == 0 {
			return out, nil
		}
	}
}

// newer runs a call of the newer family, noting when the tenant lacks it.
// The answer is decoded over body.
func (c *auth0Client) newer(ctx context.Context, op, method, orgID, uri string, body *orgConnJSON) (Connection, error) {
	var payload any
	if body != nil {
		payload = body
	}
	err := c.m.Request(ctx, method, uri, payload)
	if routeMissing(err) && c.confirmLegacy(ctx, orgID) {
		return Connection{}, &Error{Kind: Unsupported, Op: op, Message: "this tenant has no connection toggle; remove instead", Err: err}
	}
	if err != nil || body == nil {
		return Connection{}, c.classify(op, err)
	}
	return body.conn(), nil
}

func settingsJSON(s ConnectionSettings) orgConnJSON {
	return orgConnJSON{AssignOnLogin: auth0.Bool(s.AssignMembershipOnLogin), ShowAsButton: auth0.Bool(s.ShowAsButton),
		SignupEnabled: auth0.Bool(s.SignupEnabled), OrgConnName: s.OrgConnectionName, AccessLevel: s.AccessLevel}
}

// readConn reads one association back: found is false when the
// organization no longer has the connection.
func (c *auth0Client) readConn(ctx context.Context, orgID, connID string) (conn Connection, found bool, err error) {
	if !c.isLegacy() {
		var j orgConnJSON
		err = c.m.Request(ctx, "GET", c.connURI(orgID, connID), &j)
		if err == nil {
			return j.conn(), true, nil
		}
		if !routeMissing(err) {
			return c.absent("read connection", err)
		}
	}
	oc, err := c.m.Organization.Connection(ctx, orgID, connID)
	if err != nil {
		return c.absent("read connection", err)
	}
	return legacyConn(oc), true, nil
}

// absent turns a "No connection found" answer into found == false.
func (c *auth0Client) absent(op string, err error) (Connection, bool, error) {
	err = c.classify(op, err)
	var e *Error
	if errors.As(err, &e) && e.Kind == NotFound && strings.HasPrefix(e.Message, "No connection found") {
		return Connection{}, false, nil
	}
	return Connection{}, false, err
}

// changeConn runs a change of one association and settles it: after a lost
// answer, the association is read back and want says whether it is as the
// change would leave it.
func (c *auth0Client) changeConn(ctx context.Context, op, orgID, connID string, call func() (Connection, error),
	want func(Connection, bool) bool) (Connection, error) {
	conn, err := call()
	var back Connection
	err = c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		got, found, err := c.readConn(ctx, orgID, connID)
		back = got
		return err == nil && want(got, found), err
	})
	if err == nil && ReceiptOf(ctx).Note() == NoteConfirmed {
		conn = back
	}
	return conn, err
}

// sameSettings reports whether got carries s; a tenant without the newer
// family has none of its settings to compare.
func sameSettings(got Connection, s ConnectionSettings) bool {
	if got.Legacy {
		s.OrgConnectionName, s.AccessLevel = "", ""
	}
	return got.ConnectionSettings == s
}

func (c *auth0Client) EnableConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	return c.changeConn(ctx, "enable connection", orgID, connID, func() (Connection, error) { return c.enableConnection(ctx, orgID, connID, s) },
		func(got Connection, found bool) bool {
			return found && got.Enabled && sameSettings(got, s)
		})
}

func (c *auth0Client) enableConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	if !c.isLegacy() {
		body := settingsJSON(s)
		body.ConnectionID, body.IsEnabled = connID, auth0.Bool(true)
		conn, err := c.newer(ctx, "enable connection", "POST", orgID, c.connURI(orgID), &body)
		if KindOf(err) != Unsupported {
			return conn, err
		}
	}
	oc := &management.OrganizationConnection{ConnectionID: auth0.String(connID), AssignMembershipOnLogin: auth0.Bool(s.AssignMembershipOnLogin),
		ShowAsButton: auth0.Bool(s.ShowAsButton), IsSignupEnabled: auth0.Bool(s.SignupEnabled)}
	if err := c.m.Organization.AddConnection(ctx, orgID, oc); err != nil {
		return Connection{}, c.classify("enable connection", err)
	}
	return legacyConn(oc), nil
}

func (c *auth0Client) SetConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (Connection, error) {
	return c.changeConn(ctx, "toggle connection", orgID, connID, func() (Connection, error) { return c.setConnectionEnabled(ctx, orgID, connID, enabled) },
		func(got Connection, found bool) bool { return found && got.Enabled == enabled })
}

func (c *auth0Client) setConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (Connection, error) {
	if c.isLegacy() {
		return Connection{}, &Error{Kind: Unsupported, Op: "toggle connection", Message: "this tenant has no connection toggle; remove instead"}
	}
	return c.newer(ctx, "toggle connection", "PATCH", orgID, c.connURI(orgID, connID), &orgConnJSON{IsEnabled: auth0.Bool(enabled)})
}

func (c *auth0Client) UpdateConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	return c.changeConn(ctx, "edit connection", orgID, connID, func() (Connection, error) { return c.updateConnection(ctx, orgID, connID, s) },
		func(got Connection, found bool) bool { return found && sameSettings(got, s) })
}

func (c *auth0Client) updateConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	if !c.isLegacy() {
		body := settingsJSON(s)
		conn, err := c.newer(ctx, "edit connection", "PATCH", orgID, c.connURI(orgID, connID), &body)
		if KindOf(err) != Unsupported {
			return conn, err
		}
	}
	oc := &management.OrganizationConnection{AssignMembershipOnLogin: auth0.Bool(s.AssignMembershipOnLogin),
		ShowAsButton: auth0.Bool(s.ShowAsButton), IsSignupEnabled: auth0.Bool(s.SignupEnabled)}
	if err := c.m.Organization.UpdateConnection(ctx, orgID, connID, oc); err != nil {
		return Connection{}, c.classify("edit connection", err)
	}
	return legacyConn(oc), nil
}

func (c *auth0Client) RemoveConnection(ctx context.Context, orgID, connID string) error {
	_, err := c.changeConn(ctx, "remove connection", orgID, connID, func() (Connection, error) {
		return Connection{}, c.removeConnection(ctx, orgID, connID)
	}, func(_ Connection, found bool) bool { return !found })
	return err
}

func (c *auth0Client) removeConnection(ctx context.Context, orgID, connID string) error {
	if !c.isLegacy() {
		_, err := c.newer(ctx, "remove connection", "DELETE", orgID, c.connURI(orgID, connID), nil)
		if KindOf(err) != Unsupported {
			return err
		}
	}
	return c.classify("remove connection", c.m.Organization.DeleteConnection(ctx, orgID, connID))
}
