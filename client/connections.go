package client

import (
	"context"
	"errors"
	"net/http"
	"strings"

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
	Connection    *struct {
		Name     string `json:"name"`
		Strategy string `json:"strategy"`
	} `json:"connection,omitempty"`
}

func (j orgConnJSON) conn() Connection {
	c := Connection{ID: j.ConnectionID, Enabled: j.IsEnabled == nil || *j.IsEnabled,
		ConnectionSettings: ConnectionSettings{AssignMembershipOnLogin: deref(j.AssignOnLogin),
			ShowAsButton: deref(j.ShowAsButton), SignupEnabled: deref(j.SignupEnabled)}}
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
		Enabled: true, ConnectionSettings: ConnectionSettings{AssignMembershipOnLogin: oc.GetAssignMembershipOnLogin(),
			ShowAsButton: oc.GetShowAsButton(), SignupEnabled: oc.GetIsSignupEnabled()}}
}

// lacksNewerAPI reports whether err says the tenant has no newer connections
// family: a 404 that is not about the organization, or a feature refusal.
func lacksNewerAPI(err error) bool {
	var me management.Error
	if !errors.As(err, &me) {
		return false
	}
	msg := me.Error()
	switch me.Status() {
	case http.StatusNotFound:
		return !strings.Contains(msg, "No organization found")
	case http.StatusForbidden:
		return !strings.Contains(msg, "Insufficient scope")
	case http.StatusNotImplemented:
		return true
	}
	return false
}

func (c *auth0Client) markLegacy() {
	c.legacy.Store(true)
	c.scopes.setNoToggle()
}

func (c *auth0Client) connURI(orgID string, connID ...string) string {
	return c.m.URI(append([]string{"organizations", orgID, "connections"}, connID...)...)
}

func (c *auth0Client) Connections(ctx context.Context, orgID string) ([]Connection, error) {
	if !c.legacy.Load() {
		var out []Connection
		for page := 0; ; page++ {
			var l struct {
				Connections []orgConnJSON `json:"connections"`
				Total       int           `json:"total"`
			}
			err := c.m.Request(ctx, "GET", c.connURI(orgID), &l,
				management.Page(page), management.PerPage(pageSize), management.IncludeTotals(true))
			if err != nil && page == 0 && lacksNewerAPI(err) {
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
func (c *auth0Client) newer(ctx context.Context, op, method, uri string, body *orgConnJSON) (Connection, error) {
	var payload any
	if body != nil {
		payload = body
	}
	err := c.m.Request(ctx, method, uri, payload)
	if lacksNewerAPI(err) {
		c.markLegacy()
		return Connection{}, &Error{Kind: Unsupported, Op: op, Message: "this tenant has no connection toggle; remove instead", Err: err}
	}
	if err != nil || body == nil {
		return Connection{}, c.classify(op, err)
	}
	return body.conn(), nil
}

func settingsJSON(s ConnectionSettings) orgConnJSON {
	return orgConnJSON{AssignOnLogin: auth0.Bool(s.AssignMembershipOnLogin), ShowAsButton: auth0.Bool(s.ShowAsButton),
		SignupEnabled: auth0.Bool(s.SignupEnabled)}
}

func (c *auth0Client) EnableConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	if !c.legacy.Load() {
		body := settingsJSON(s)
		body.ConnectionID, body.IsEnabled = connID, auth0.Bool(true)
		conn, err := c.newer(ctx, "enable connection", "POST", c.connURI(orgID), &body)
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
	if c.legacy.Load() {
		return Connection{}, &Error{Kind: Unsupported, Op: "toggle connection", Message: "this tenant has no connection toggle; remove instead"}
	}
	return c.newer(ctx, "toggle connection", "PATCH", c.connURI(orgID, connID), &orgConnJSON{IsEnabled: auth0.Bool(enabled)})
}

func (c *auth0Client) UpdateConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error) {
	if !c.legacy.Load() {
		body := settingsJSON(s)
		conn, err := c.newer(ctx, "edit connection", "PATCH", c.connURI(orgID, connID), &body)
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
	if !c.legacy.Load() {
		_, err := c.newer(ctx, "remove connection", "DELETE", c.connURI(orgID, connID), nil)
		if KindOf(err) != Unsupported {
			return err
		}
	}
	return c.classify("remove connection", c.m.Organization.DeleteConnection(ctx, orgID, connID))
}
