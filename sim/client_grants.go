package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Client grants: the tenant's (an application's access to an API, with its
// scopes) and the ones associated with an organization, whose members'
// machine-to-machine tokens they allow. Shapes follow go-auth0's cassettes
// TestClientGrantManager_* and TestOrganizationManager_ClientGrants*.

// clientGrant is an application's grant to call an API.
type clientGrant struct {
	seq               int64
	ID                string   `json:"id"`
	ClientID          string   `json:"client_id"`
	Audience          string   `json:"audience"`
	Scope             []string `json:"scope"`
	OrganizationUsage string   `json:"organization_usage,omitempty"`
	AllowAnyOrg       *bool    `json:"allow_any_organization,omitempty"`
	IsSystem          bool     `json:"is_system,omitempty"`
	SubjectType       string   `json:"subject_type,omitempty"`
}

var grantProps = map[string]string{
	"client_id": "ID of the client.", "audience": "The audience (API identifier) of this client grant",
	"scope": "Scopes allowed for this client grant.", "organization_usage": "Defines whether organizations can be used with client credentials exchanges for this grant.",
	"allow_any_organization": "If enabled, any organization can be used with this grant. If disabled (default), the grant must be explicitly assigned to the desired organizations.",
	"subject_type":           "The type of application access the client grant allows.", "default_for": "Applies this client grant as the default for all clients in the specified group.",
	"authorization_details_types": "Types of authorization_details allowed for this client grant.", "allow_all_scopes": "If enabled, all scopes configured on the resource server are allowed for this grant.",
}

var (
	grantPatchProps = without(without(without(without(grantProps, "client_id"), "audience"), "subject_type"), "default_for")
	errGrantMissing = &apiError{Status: http.StatusNotFound, Message: "The grant does not exist.", Code: "inexistent_client_grant"}
)

type grantBody struct {
	ClientID          *string  `json:"client_id"`
	Audience          *string  `json:"audience"`
	Scope             []string `json:"scope"`
	OrganizationUsage *string  `json:"organization_usage"`
	AllowAnyOrg       *bool    `json:"allow_any_organization"`
	SubjectType       *string  `json:"subject_type"`
}

func (b grantBody) check() *apiError {
	if b.OrganizationUsage != nil && !slices.Contains(orgUsages, *b.OrganizationUsage) {
		return errBody("'No enum match for: %s' on property organization_usage (%s).", *b.OrganizationUsage, grantProps["organization_usage"])
	}
	return nil
}

func (s *Server) createGrant(r *http.Request) (int, any, *apiError) {
	t := s.t
	var b grantBody
	if e := decodeBody(r, &b, grantProps); e != nil {
		return 0, nil, e
	}
	if b.Audience == nil {
		return 0, nil, errBody("'Missing required property: audience'.")
	}
	if e := b.check(); e != nil {
		return 0, nil, e
	}
	if b.ClientID == nil || t.clients[*b.ClientID] == nil {
		return 0, nil, &apiError{Status: http.StatusNotFound, Message: "Client not found", Code: "inexistent_client"} // a guess at the words
	}
	if t.apiByIdentifier(*b.Audience) == nil {
		return 0, nil, &apiError{Status: http.StatusNotFound, Message: "No resource server found by that identifier", Code: "inexistent_resource_server"} // a guess
	}
	for _, g := range t.grantOrder {
		if g.ClientID == *b.ClientID && g.Audience == *b.Audience {
			return 0, nil, &apiError{Status: http.StatusConflict, Message: "A client grant for this client and audience already exists.", Code: "conflict"} // a guess
		}
	}
	g := t.addGrant(*b.ClientID, *b.Audience, b.Scope)
	g.OrganizationUsage = deref(b.OrganizationUsage)
	g.AllowAnyOrg = b.AllowAnyOrg
	g.SubjectType = cmpOr(deref(b.SubjectType), "client") // the 2026 cassettes answer it unasked
	return http.StatusCreated, g, nil
}

// addGrant creates a client grant.
func (t *tenant) addGrant(clientID, audience string, scope []string) *clientGrant {
	if scope == nil {
		scope = []string{}
	}
	g := &clientGrant{seq: t.next(), ID: t.newID("cgr_", 16), ClientID: clientID, Audience: audience, Scope: scope}
	t.grants[g.ID] = g
	t.grantOrder = append(t.grantOrder, g)
	return g
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// listGrants lists the tenant's grants, filtered by audience, client_id
// and allow_any_organization; offset or checkpoint paged.
func (s *Server) listGrants(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	p, e := parsePaging(q, true)
	if e != nil {
		return 0, nil, e
	}
	all := slices.DeleteFunc(slices.Clone(s.t.grantOrder), func(g *clientGrant) bool {
		return (q.Has("audience") && g.Audience != q.Get("audience")) || (q.Has("client_id") && g.ClientID != q.Get("client_id")) ||
			(q.Has("allow_any_organization") && (g.AllowAnyOrg != nil && *g.AllowAnyOrg) != (q.Get("allow_any_organization") == "true"))
	})
	if p.checkpoint {
		return http.StatusOK, checkpointList(p, "client_grants", all, func(g *clientGrant) (int64, string) { return g.seq, g.ID }), nil
	}
	return http.StatusOK, offsetList(p, "client_grants", all), nil
}

func (s *Server) readGrant(r *http.Request) (int, any, *apiError) {
	g := s.t.grants[r.PathValue("gid")]
	if g == nil {
		return 0, nil, errGrantMissing
	}
	return http.StatusOK, g, nil
}

func (s *Server) updateGrant(r *http.Request) (int, any, *apiError) {
	g := s.t.grants[r.PathValue("gid")]
	if g == nil {
		return 0, nil, errGrantMissing
	}
	var b grantBody
	if e := decodeBody(r, &b, grantPatchProps); e != nil {
		return 0, nil, e
	}
	if e := b.check(); e != nil {
		return 0, nil, e
	}
	if b.Scope != nil {
		g.Scope = b.Scope
	}
	setIf(&g.OrganizationUsage, b.OrganizationUsage)
	if b.AllowAnyOrg != nil {
		g.AllowAnyOrg = b.AllowAnyOrg
	}
	return http.StatusOK, g, nil
}

func (s *Server) deleteGrant(r *http.Request) (int, any, *apiError) {
	t := s.t
	if g := t.grants[r.PathValue("gid")]; g != nil { // a missing one: 204 too (recorded)
		t.dropGrant(g)
	}
	return http.StatusNoContent, nil, nil
}

// dropGrant deletes a grant and its organization associations.
func (t *tenant) dropGrant(g *clientGrant) {
	delete(t.grants, g.ID)
	t.grantOrder = slices.DeleteFunc(t.grantOrder, func(x *clientGrant) bool { return x == g })
	for _, o := range t.orgOrder {
		if o.orgExt != nil {
			o.surface.grants = slices.DeleteFunc(o.surface.grants, func(x *clientGrant) bool { return x == g })
		}
	}
}

// grantOrgs lists the organizations a grant is associated with: offset
// paged (recorded) or checkpoint paged (go-auth0/v3 sends take).
func (s *Server) grantOrgs(r *http.Request) (int, any, *apiError) {
	g := s.t.grants[r.PathValue("gid")]
	if g == nil {
		return 0, nil, errGrantMissing
	}
	p, e := parsePaging(r.URL.Query(), true)
	if e != nil {
		return 0, nil, e
	}
	in := []*org{}
	for _, o := range s.t.orgOrder {
		if o.orgExt != nil && slices.Contains(o.surface.grants, g) {
			in = append(in, o)
		}
	}
	if p.checkpoint {
		return http.StatusOK, checkpointList(p, "organizations", in, func(o *org) (int64, string) { return o.seq, o.ID }), nil
	}
	return http.StatusOK, offsetList(p, "organizations", in), nil
}

// --- an organization's client grants ---

// orgGrantJSON is an associated grant as the organization lists it.
type orgGrantJSON struct {
	ID                string   `json:"id"`
	ClientID          string   `json:"client_id"`
	Audience          string   `json:"audience"`
	Scope             []string `json:"scope"`
	OrganizationUsage string   `json:"organization_usage,omitempty"`
	AllowAnyOrg       *bool    `json:"allow_any_organization,omitempty"`
	SubjectType       string   `json:"subject_type,omitempty"`
}

func (g *clientGrant) orgJSON() orgGrantJSON {
	return orgGrantJSON{g.ID, g.ClientID, g.Audience, g.Scope, g.OrganizationUsage, g.AllowAnyOrg, g.SubjectType}
}

// listOrgGrants lists an organization's grants (offset paged, with the
// audience, client_id and grant_ids filters of Auth0's spec).
func (s *Server) listOrgGrants(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	q := r.URL.Query()
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	var ids []string
	for _, v := range q["grant_ids"] {
		ids = append(ids, strings.Split(v, ",")...)
	}
	all := []orgGrantJSON{}
	for _, g := range o.surf().grants {
		if (q.Has("audience") && g.Audience != q.Get("audience")) || (q.Has("client_id") && g.ClientID != q.Get("client_id")) ||
			(len(ids) > 0 && !slices.Contains(ids, g.ID)) {
			continue
		}
		all = append(all, g.orgJSON())
	}
	return http.StatusOK, offsetList(p, "client_grants", all), nil
}

// addOrgGrant associates a grant: POST {"grant_id"} answers 201 with the
// grant under grant_id (recorded). Only a grant whose organization_usage
// is allow or require may be associated (Auth0's guide to organization
// machine-to-machine access; the message is a guess).
func (s *Server) addOrgGrant(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	var b struct {
		GrantID *string `json:"grant_id"`
	}
	if e := decodeBody(r, &b, map[string]string{"grant_id": "A Client Grant ID to add to the organization."}); e != nil {
		return 0, nil, e
	}
	if b.GrantID == nil {
		return 0, nil, errBody("'Missing required property: grant_id'.")
	}
	g := t.grants[*b.GrantID]
	if g == nil {
		return 0, nil, errGrantMissing
	}
	if g.OrganizationUsage != "allow" && g.OrganizationUsage != "require" {
		return 0, nil, &apiError{Status: http.StatusBadRequest, Code: "invalid_body",
			Message: "The client grant's organization_usage must be allow or require to associate it with an organization."}
	}
	if !slices.Contains(o.surf().grants, g) {
		o.surf().grants = append(o.surf().grants, g)
	}
	return http.StatusCreated, struct {
		GrantID           string   `json:"grant_id"`
		ClientID          string   `json:"client_id"`
		Audience          string   `json:"audience"`
		Scope             []string `json:"scope"`
		OrganizationUsage string   `json:"organization_usage,omitempty"`
		AllowAnyOrg       *bool    `json:"allow_any_organization,omitempty"`
	}{g.ID, g.ClientID, g.Audience, g.Scope, g.OrganizationUsage, g.AllowAnyOrg}, nil
}

func (s *Server) removeOrgGrant(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	g := s.t.grants[r.PathValue("gid")]
	if g == nil {
		return 0, nil, errGrantMissing
	}
	o.surf().grants = slices.DeleteFunc(o.surf().grants, func(x *clientGrant) bool { return x == g })
	return http.StatusNoContent, nil, nil
}
