package sim

import (
	"net/http"
	"slices"

	"github.com/orgdash/orgdash/limits"
)

// Both connection families share one association per (organization,
// connection). The older enabled_connections family sees only enabled ones;
// the newer connections family sees all and can toggle is_enabled, keeping
// the settings.

var enabledConnProps = map[string]string{
	"connection_id":              "Single connection ID to add to the organization.",
	"assign_membership_on_login": "When true, all users that log in with this connection will be automatically granted membership in the organization.",
	"is_signup_enabled":          "Determines whether organization signup should be enabled for this organization connection. Only applicable for database connections.",
	"show_as_button":             "Determines whether a connection should be displayed on this organization's login prompt. Only applicable for enterprise connections.",
}

var orgConnProps = func() map[string]string {
	m := map[string]string{
		"is_enabled":                   "Whether the connection is enabled for the organization.",
		"organization_connection_name": "Name of the connection in the scope of this organization.",
		"organization_access_level":    "Access level of the organization's administrators to this connection.",
	}
	for k, v := range enabledConnProps {
		m[k] = v
	}
	return m
}()

// without returns props less key (PATCH bodies may not name the connection).
func without(props map[string]string, key string) map[string]string {
	m := make(map[string]string, len(props))
	for k, v := range props {
		if k != key {
			m[k] = v
		}
	}
	return m
}

var (
	enabledConnPatchProps = without(enabledConnProps, "connection_id")
	orgConnPatchProps     = without(orgConnProps, "connection_id")
	accessLevels          = []string{"none", "readonly", "limited", "full"}
)

type orgConnBody struct {
	ConnectionID  *string          `json:"connection_id"`
	AssignOnLogin *bool            `json:"assign_membership_on_login"`
	SignupEnabled *bool            `json:"is_signup_enabled"`
	ShowAsButton  *bool            `json:"show_as_button"`
	IsEnabled     *bool            `json:"is_enabled"`
	OrgConnName   nullable[string] `json:"organization_connection_name"` // null clears it
	AccessLevel   nullable[string] `json:"organization_access_level"`    // null clears it
}

type connDetails struct {
	Name     string `json:"name"`
	Strategy string `json:"strategy"`
}

// orgConnJSON is an association on the wire, fields in Auth0's order.
type orgConnJSON struct {
	ConnectionID  string      `json:"connection_id"`
	IsEnabled     *bool       `json:"is_enabled,omitempty"`
	AssignOnLogin bool        `json:"assign_membership_on_login"`
	SignupEnabled *bool       `json:"is_signup_enabled,omitempty"`
	ShowAsButton  bool        `json:"show_as_button"`
	OrgConnName   string      `json:"organization_connection_name,omitempty"`
	AccessLevel   string      `json:"organization_access_level,omitempty"`
	Connection    connDetails `json:"connection"`
}

// json renders the association; newer adds the newer family's fields.
// is_signup_enabled shows for database connections only, as Auth0's does.
func (oc *orgConn) json(newer bool) orgConnJSON {
	j := orgConnJSON{ConnectionID: oc.conn.ID, AssignOnLogin: oc.assignOnLogin, ShowAsButton: oc.showAsButton,
		Connection: connDetails{Name: oc.conn.Name, Strategy: oc.conn.Strategy}}
	if oc.conn.Strategy == "auth0" {
		j.SignupEnabled = &oc.signupEnabled
	}
	if newer {
		j.IsEnabled = &oc.enabled
		j.OrgConnName = oc.orgConnName
		j.AccessLevel = oc.accessLevel
	}
	return j
}

// apply merges a body into the association and checks Auth0's rules on the result.
func (oc *orgConn) apply(b orgConnBody) *apiError {
	next := *oc
	setIf(&next.assignOnLogin, b.AssignOnLogin)
	setIf(&next.signupEnabled, b.SignupEnabled)
	setIf(&next.showAsButton, b.ShowAsButton)
	setIf(&next.enabled, b.IsEnabled)
	if n := b.OrgConnName; n.set {
		if e := checkLen(n.v, "organization_connection_name", orgConnProps["organization_connection_name"], 1, 50); e != nil && !n.null {
			return e
		}
		next.orgConnName = n.v
	}
	if n := b.AccessLevel; n.set {
		if !slices.Contains(accessLevels, n.v) && !n.null {
			return errBody("'No enum match for: %s' on property organization_access_level (%s).", n.v, orgConnProps["organization_access_level"])
		}
		next.accessLevel = n.v
	}
	if next.signupEnabled && (next.conn.Strategy != "auth0" || !next.assignOnLogin) {
		return errSignupRule
	}
	*oc = next
	return nil
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// newOrgConn builds an association from a creation body: enabled, shown as a
// button, no auto-membership, no signup, unless the body says otherwise.
func (t *tenant) newOrgConn(b orgConnBody) (*orgConn, *apiError) {
	if b.ConnectionID == nil {
		return nil, errBody("'Missing required property: connection_id'.")
	}
	c := t.conns[*b.ConnectionID]
	if c == nil {
		return nil, errConnNotFound
	}
	oc := &orgConn{conn: c, enabled: true, showAsButton: true}
	if e := oc.apply(b); e != nil {
		return nil, e
	}
	return oc, nil
}

func (o *org) findConn(cid string) *orgConn {
	for _, oc := range o.conns {
		if oc.conn.ID == cid {
			return oc
		}
	}
	return nil
}

func (o *org) dropConn(cid string) {
	o.conns = slices.DeleteFunc(o.conns, func(oc *orgConn) bool { return oc.conn.ID == cid })
}

// orgAndConn resolves {id} and {cid}; enabledOnly hides disabled associations.
func (s *Server) orgAndConn(r *http.Request, enabledOnly bool) (*org, *orgConn, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return nil, nil, errOrgNotFound
	}
	oc := o.findConn(r.PathValue("cid"))
	if oc == nil || (enabledOnly && !oc.enabled) {
		return o, nil, errConnNotFound
	}
	return o, oc, nil
}

// limits.MaxOrgConnections is Auth0's documented entity limit; the status
// and message past it are a guess: Auth0 documents the limit, not the answer.

var errTooManyConns = &apiError{Status: http.StatusConflict,
	Message: "An organization can have at most 10 connections: remove one first."}

func errConnConflict() *apiError {
	return &apiError{Status: http.StatusConflict, Message: "The connection is already associated with the organization."}
}

// connFamily is what sets one connection family apart; one set of handlers
// serves both.
type connFamily struct {
	key string // the path segment after /organizations/{id}, and the envelope's key
	// newer marks the Early Access family: it sees disabled associations,
	// shows is_enabled, organization_connection_name and
	// organization_access_level, filters its list by is_enabled and answers
	// 409 to any second association of a connection. The older family sees
	// enabled associations only, and a POST for a disabled one re-enables it.
	newer             bool
	props, patchProps map[string]string // what a POST and a PATCH body may name
}

var (
	enabledConnsFamily = connFamily{key: "enabled_connections", props: enabledConnProps, patchProps: enabledConnPatchProps}
	orgConnsFamily     = connFamily{key: "connections", newer: true, props: orgConnProps, patchProps: orgConnPatchProps}
)

// connHandlers are one family's five endpoints on a server.
type connHandlers struct {
	s *Server
	connFamily
}

func (h connHandlers) list(r *http.Request) (int, any, *apiError) {
	o := h.s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	q := r.URL.Query()
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	filter := "true" // the older family lists enabled associations only
	if h.newer {
		filter = q.Get("is_enabled")
		if filter != "" && filter != "true" && filter != "false" {
			return 0, nil, errQuery("'Expected type boolean but found type string' on property is_enabled (Filter by enabled state.).")
		}
	}
	all := []orgConnJSON{}
	for _, oc := range o.conns {
		if filter == "" || (filter == "true") == oc.enabled {
			all = append(all, oc.json(h.newer))
		}
	}
	res := offsetList(p, h.key, all)
	if env, ok := res.(envelope); ok && !h.newer {
		env.limit = len(env.items.([]orgConnJSON)) // recorded quirk: limit is the count returned
		res = env
	}
	return http.StatusOK, res, nil
}

func (h connHandlers) add(r *http.Request) (int, any, *apiError) {
	o := h.s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	var b orgConnBody
	if e := decodeBody(r, &b, h.props); e != nil {
		return 0, nil, e
	}
	if b.ConnectionID != nil {
		if oc := o.findConn(*b.ConnectionID); oc != nil {
			if h.newer || oc.enabled {
				return 0, nil, errConnConflict()
			}
			b.IsEnabled = ptr(true) // enabling a disabled association keeps it
			if e := oc.apply(b); e != nil {
				return 0, nil, e
			}
			return http.StatusCreated, oc.json(h.newer), nil
		}
	}
	if len(o.conns) >= limits.MaxOrgConnections {
		return 0, nil, errTooManyConns
	}
	oc, e := h.s.t.newOrgConn(b)
	if e != nil {
		return 0, nil, e
	}
	o.conns = append(o.conns, oc)
	return http.StatusCreated, oc.json(h.newer), nil
}

func (h connHandlers) read(r *http.Request) (int, any, *apiError) {
	_, oc, e := h.s.orgAndConn(r, !h.newer)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, oc.json(h.newer), nil
}

func (h connHandlers) update(r *http.Request) (int, any, *apiError) {
	_, oc, e := h.s.orgAndConn(r, !h.newer)
	if e != nil {
		return 0, nil, e
	}
	var b orgConnBody
	if e := decodeBody(r, &b, h.patchProps); e != nil {
		return 0, nil, e
	}
	if e := oc.apply(b); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, oc.json(h.newer), nil
}

func (h connHandlers) remove(r *http.Request) (int, any, *apiError) {
	o, oc, e := h.s.orgAndConn(r, !h.newer)
	if e != nil {
		return 0, nil, e
	}
	o.dropConn(oc.conn.ID)
	return http.StatusNoContent, nil, nil
}

func ptr[T any](v T) *T { return &v }
