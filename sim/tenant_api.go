package sim

import (
	"cmp"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// The tenant-level endpoints a realistic tenant (and the SDK's organization
// tests) also use: connections, users, roles and clients.

var connProps = map[string]string{
	"name": "The name of the connection.", "display_name": "Connection name used in the new universal login experience.",
	"strategy": "The identity provider identifier for the connection.", "options": "The connection's options (depend on the connection strategy).",
	"enabled_clients":      "The identifiers of the clients for which the connection is to be enabled.",
	"is_domain_connection": "True if the connection is domain level.", "realms": "Defines the realms for which the connection will be used.",
	"metadata": "Metadata associated with the connection.", "show_as_button": "Enables showing a button for the connection in the login page.",
}

var (
	connNameRe = regexp.MustCompile(`^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$`)
	strategies = []string{"auth0", "email", "sms", "google-oauth2", "github", "facebook", "apple", "windowslive",
		"linkedin", "samlp", "waad", "adfs", "okta", "oidc", "ad", "pingfederate", "google-apps", "custom"}
	errInexistentConn = &apiError{Status: http.StatusNotFound, Message: "The connection does not exist", Code: "inexistent_connection"}
)

type connBody struct {
	Name           *string        `json:"name"`
	DisplayName    *string        `json:"display_name"`
	Strategy       *string        `json:"strategy"`
	Options        map[string]any `json:"options"`
	EnabledClients []string       `json:"enabled_clients"`
	IsDomain       *bool          `json:"is_domain_connection"`
	Realms         []string       `json:"realms"`
	Metadata       map[string]any `json:"metadata"`
	ShowAsButton   *bool          `json:"show_as_button"`
}

// listConnections lists the tenant's connections, filtered by strategy
// and name: offset paging (a bare array, or with include_totals the
// envelope), or checkpoint paging with from and take, as Auth0's spec has it.
func (s *Server) listConnections(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	p, e := parsePaging(q, true)
	if e != nil {
		return 0, nil, e
	}
	all := []*connection{}
	for _, c := range s.t.connOrder {
		if (len(q["strategy"]) == 0 || slices.Contains(q["strategy"], c.Strategy)) && (q.Get("name") == "" || q.Get("name") == c.Name) {
			all = append(all, c)
		}
	}
	res := offsetList(p, "connections", all)
	if p.checkpoint {
		i := indexBySeq(all, func(c *connection) int64 { return c.seq }, p.after)
		page := slices.Clip(all[i:min(i+p.take, len(all))])
		env := envelope{key: "connections", items: page}
		if len(page) > 0 && i+len(page) < len(all) {
			last := page[len(page)-1]
			env.next = cursor(last.seq, last.ID)
		}
		res = env
	}
	res, err := withFields(q, res)
	if err != nil {
		return 0, nil, errQuery("'%s' on property fields.", err)
	}
	return http.StatusOK, res, nil
}

func (s *Server) createConnection(r *http.Request) (int, any, *apiError) {
	var b connBody
	if e := decodeBody(r, &b, connProps); e != nil {
		return 0, nil, e
	}
	if e := requireString(b.Name, "name", connProps["name"], 1, 128); e != nil {
		return 0, nil, e
	}
	if !connNameRe.MatchString(*b.Name) {
		return 0, nil, errBody("'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: %s' on property name (%s).", *b.Name, connProps["name"])
	}
	if b.Strategy == nil || !slices.Contains(strategies, *b.Strategy) {
		return 0, nil, errBody("'No enum match for: %s' on property strategy (%s).", deref(b.Strategy), connProps["strategy"])
	}
	for _, c := range s.t.connOrder {
		if strings.EqualFold(c.Name, *b.Name) {
			return 0, nil, &apiError{Status: http.StatusConflict, Message: "A connection with the same name already exists", Code: "connection_conflict"}
		}
	}
	c := s.t.addConnection(*b.Name, deref(b.DisplayName), *b.Strategy)
	c.Options = connDefaults(*b.Strategy, c.Options)
	maps.Copy(c.Options, b.Options) // what the request says wins over the defaults
	if b.EnabledClients != nil {
		c.EnabledClient = b.EnabledClients
	}
	c.IsDomain = deref(b.IsDomain)
	return http.StatusCreated, c, nil
}

// addConnection creates a tenant connection.
func (t *tenant) addConnection(name, display, strategy string) *connection {
	c := &connection{seq: t.next(), ID: t.newID("con_", 16), Name: name, DisplayName: display, Strategy: strategy,
		Options: map[string]any{}, EnabledClient: []string{}, Realms: []string{name}}
	if strategy == "auth0" {
		c.Options = map[string]any{"brute_force_protection": true, "passwordPolicy": "good", "strategy_version": 2}
	}
	t.conns[c.ID] = c
	t.connOrder = append(t.connOrder, c)
	return c
}

func (s *Server) readConnection(r *http.Request) (int, any, *apiError) {
	c := s.t.conns[r.PathValue("id")]
	if c == nil {
		return 0, nil, errInexistentConn
	}
	return http.StatusOK, c, nil
}

func (s *Server) deleteConnection(r *http.Request) (int, any, *apiError) {
	t := s.t
	c := t.conns[r.PathValue("id")]
	if c == nil {
		return 0, nil, errInexistentConn
	}
	delete(t.conns, c.ID)
	t.connOrder = slices.DeleteFunc(t.connOrder, func(x *connection) bool { return x == c })
	for _, o := range t.orgOrder {
		o.dropConn(c.ID)
	}
	return http.StatusAccepted, map[string]string{"deleted_at": stamp(s.now())}, nil
}

// --- users ---

var userProps = map[string]string{
	"connection": "The connection the user belongs to.", "email": "The user's email.", "password": "Initial password for this user.",
	"name": "The user's full name.", "given_name": "The user's given name(s).", "family_name": "The user's family name(s).",
	"nickname": "The user's nickname.", "username": "The user's username.", "user_metadata": "Data related to the user that does not affect the application's core functionality.",
	"app_metadata": "Data related to the user that does affect the application's core functionality.", "verify_email": "Whether the user will receive a verification email after creation.",
	"email_verified": "Whether this email address is verified.", "blocked": "Whether this user was blocked by an administrator.",
	"picture": "A URI pointing to the user's picture.", "user_id": "The external user's id provided by the identity provider.",
	"phone_number": "The user's phone number.",
}

type userBody struct {
	Connection   *string        `json:"connection"`
	Email        *string        `json:"email"`
	Password     *string        `json:"password"`
	Name         *string        `json:"name"`
	GivenName    *string        `json:"given_name"`
	FamilyName   *string        `json:"family_name"`
	Nickname     *string        `json:"nickname"`
	Verified     *bool          `json:"email_verified"`
	Blocked      *bool          `json:"blocked"`
	Picture      *string        `json:"picture"`
	UserID       *string        `json:"user_id"`
	Username     *string        `json:"username"`
	UserMetadata map[string]any `json:"user_metadata"`
	AppMetadata  map[string]any `json:"app_metadata"`
	// accepted and not kept
	VerifyEmail *bool   `json:"verify_email"`
	Phone       *string `json:"phone_number"`
}

func (s *Server) createUser(r *http.Request) (int, any, *apiError) {
	t := s.t
	var b userBody
	if e := decodeBody(r, &b, userProps); e != nil {
		return 0, nil, e
	}
	if b.Connection == nil {
		return 0, nil, errBody("'Missing required property: connection'.")
	}
	var conn *connection
	for _, c := range t.connOrder {
		if c.Name == *b.Connection {
			conn = c
		}
	}
	if conn == nil {
		return 0, nil, &apiError{Status: http.StatusBadRequest, Message: "The connection does not exist.", Code: "inexistent_connection"}
	}
	if conn.Strategy == "auth0" && (b.Email == nil || b.Password == nil) {
		return 0, nil, errBody("'Missing required property: %s'.", map[bool]string{true: "email", false: "password"}[b.Email == nil])
	}
	if b.Email != nil && t.userEmail[strings.ToLower(*b.Email)] != nil {
		return 0, nil, &apiError{Status: http.StatusConflict, Message: "The user already exists.", Code: "auth0_idp_error"}
	}
	u := t.addUser(conn, deref(b.Email), deref(b.GivenName), deref(b.FamilyName), s.now())
	u.Name = deref(b.Email) // Auth0 names a user by email unless told otherwise
	setIf(&u.Name, b.Name)
	setIf(&u.Nickname, b.Nickname)
	setIf(&u.Verified, b.Verified)
	setIf(&u.Blocked, b.Blocked)
	setIf(&u.Picture, b.Picture)
	if b.Username != nil || b.UserMetadata != nil || b.AppMetadata != nil {
		u.userProfile = &userProfile{Username: deref(b.Username), UserMetadata: b.UserMetadata, AppMetadata: b.AppMetadata}
	}
	return http.StatusCreated, u, nil
}

func (s *Server) readUser(r *http.Request) (int, any, *apiError) {
	u := s.t.users[r.PathValue("id")]
	if u == nil {
		return 0, nil, errUserNotFound
	}
	return http.StatusOK, u, nil
}

func (s *Server) deleteUser(r *http.Request) (int, any, *apiError) {
	t := s.t
	u := t.users[r.PathValue("id")]
	if u == nil {
		return http.StatusNoContent, nil, nil // Auth0 answers 204 for an unknown user too
	}
	delete(t.users, u.UserID)
	delete(t.userEmail, strings.ToLower(u.Email))
	t.userOrder = slices.DeleteFunc(t.userOrder, func(x *user) bool { return x == u })
	for _, o := range t.orgOrder {
		delete(o.memberRoles, u.UserID)
		if m := o.membership(u); m != nil {
			if m.leaving() {
				o.pending--
			}
			u.leave(m)
			o.members = slices.DeleteFunc(o.members, func(x *membership) bool { return x == m })
		}
	}
	return http.StatusNoContent, nil, nil
}

// userOrgs lists the organizations a user belongs to; a removal shows here
// when it shows in the organization's members list.
func (s *Server) userOrgs(r *http.Request) (int, any, *apiError) {
	t := s.t
	u := t.users[r.PathValue("id")]
	if u == nil {
		return 0, nil, errUserNotFound
	}
	p, e := parsePaging(r.URL.Query(), false)
	if e != nil {
		return 0, nil, e
	}
	now := s.now()
	in := make([]*org, 0, len(u.in))
	for _, m := range u.in { // the user's own memberships, not every organization
		if m.listed(now) { // still listed, as in the members list
			in = append(in, m.org)
		}
	}
	slices.SortFunc(in, func(a, b *org) int { return cmp.Compare(a.seq, b.seq) })
	return http.StatusOK, offsetList(p, "organizations", in), nil
}

// --- roles ---

var roleProps = map[string]string{"name": "Name of the role.", "description": "Description of the role."}

type roleBody struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Type        *string `json:"type"`     // organization-level roles (org_roles.go)
	OwnerID     *string `json:"owner_id"` // the same
}

func (s *Server) listRoles(r *http.Request) (int, any, *apiError) {
	p, e := parsePaging(r.URL.Query(), false)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, offsetList(p, "roles", rolesFilter(s.t.roleOrder, r)), nil
}

func (s *Server) createRole(r *http.Request) (int, any, *apiError) {
	var b roleBody
	props := roleProps
	if !s.opts.NoOrgRoles {
		props = map[string]string{"type": orgRoleProps["type"], "owner_id": orgRoleProps["owner_id"]}
		maps.Copy(props, roleProps)
	}
	if e := decodeBody(r, &b, props); e != nil {
		return 0, nil, e
	}
	if e := requireString(b.Name, "name", roleProps["name"], 1, 50); e != nil {
		return 0, nil, e
	}
	kind, owner, e := s.t.newRoleKind(b.Type, b.OwnerID)
	if e != nil {
		return 0, nil, e
	}
	for _, rl := range s.t.roleOrder {
		if rl.Name == *b.Name && rl.OwnerID == owner { // an organization's role names are its own (a guess)
			return 0, nil, &apiError{Status: http.StatusConflict, Message: "Role already exists"}
		}
	}
	rl := s.t.addRole(*b.Name, deref(b.Description))
	rl.Type, rl.OwnerID = kind, owner
	return http.StatusOK, rl, nil
}

// addRole creates a tenant role.
func (t *tenant) addRole(name, description string) *role {
	rl := &role{seq: t.next(), ID: t.newID("rol_", 16), Name: name, Description: description}
	rl.Type = "tenant"
	t.roles[rl.ID] = rl
	t.roleOrder = append(t.roleOrder, rl)
	return rl
}

func (s *Server) readRole(r *http.Request) (int, any, *apiError) {
	rl := s.t.roles[r.PathValue("id")]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	return http.StatusOK, rl, nil
}

func (s *Server) updateRole(r *http.Request) (int, any, *apiError) {
	rl := s.t.roles[r.PathValue("id")]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	var b roleBody
	if e := decodeBody(r, &b, roleProps); e != nil {
		return 0, nil, e
	}
	if b.Name != nil {
		if e := checkLen(*b.Name, "name", roleProps["name"], 1, 50); e != nil {
			return 0, nil, e
		}
		rl.Name = *b.Name
	}
	setIf(&rl.Description, b.Description)
	return http.StatusOK, rl, nil
}

func (s *Server) deleteRole(r *http.Request) (int, any, *apiError) {
	t := s.t
	rl := t.roles[r.PathValue("id")]
	if rl == nil {
		return 0, nil, errRoleNotFound
	}
	delete(t.roles, rl.ID)
	t.roleOrder = slices.DeleteFunc(t.roleOrder, func(x *role) bool { return x == rl })
	t.forgetRole(rl)
	for _, o := range t.orgOrder {
		for uid, held := range o.memberRoles {
			o.memberRoles[uid] = slices.DeleteFunc(held, func(x *role) bool { return x == rl })
		}
	}
	return http.StatusOK, map[string]any{}, nil
}
