package sim

import (
	"maps"
	"net/http"
	"slices"
)

// Organization templates (Early Access): a tenant's named sets of
// organization settings, one of which an organization may be assigned.
// Routes, keys and enums are go-auth0/v3's (OrganizationTemplate and the
// organizationtemplates and organizations/organizationtemplate clients);
// the statuses of its generated mappings for reads and creation, 204 for
// assignments as for Auth0's other associations (a guess); the scopes are
// a guess in Auth0's style.

// orgTemplate is a template: its settings kept as given, over the keys
// Auth0 fills in.
type orgTemplate struct {
	seq      int64
	id       string
	settings map[string]any
	created  string
	updated  string
	orgs     []*org // assigned, by assignment
}

var templateProps = map[string]string{
	"name": "Name of the template.", "is_default": "Whether new organizations get this template.",
	"organization_deletion_behavior": "Whether an organization may be deleted: allow or allow_if_empty.",
	"connection_deletion_behavior":   "Whether a connection may be removed: allow or allow_if_empty.",
	"enforce_permission_ceiling":     "Enforce the permission ceiling.", "enforce_self_assignment_restriction": "Enforce the self-assignment restriction.",
	"connection_profile_id": "Connection profile.", "user_attribute_profile_id": "User attribute profile.",
	"allowed_strategies": "Allowed strategies.", "invitation_landing_client_id": "Invitation landing client.",
	"admin_roles_assignment": "Roles given to an organization's administrators.", "use_for_organization_discovery": "Discovery settings.",
	"role_visibility_policy": "Role visibility policy.",
}

var (
	deletionBehaviors   = []string{"allow", "allow_if_empty"}
	errTemplateNotFound = errNotFound("The organization template does not exist.") // a guess at the words
)

func (tp *orgTemplate) json() map[string]any {
	out := maps.Clone(tp.settings)
	out["id"], out["created_at"], out["updated_at"] = tp.id, tp.created, tp.updated
	return out
}

// applyTemplate checks a body's enums and merges it into the settings.
func applyTemplate(dst map[string]any, b map[string]any) *apiError {
	for _, k := range []string{"organization_deletion_behavior", "connection_deletion_behavior"} {
		if v, ok := b[k]; ok {
			if s, _ := v.(string); !slices.Contains(deletionBehaviors, s) {
				return errBody("'No enum match for: %v' on property %s (%s).", v, k, templateProps[k])
			}
		}
	}
	maps.Copy(dst, b)
	return nil
}

func (s *Server) templateRoutes() {
	const org = "/api/v2/organizations/{id}/organization-templates"
	r, w := scopes("read:organization_templates"), scopes("update:organization_templates")
	s.handle("GET /api/v2/organization-templates", r, s.listTemplates)
	s.handle("POST /api/v2/organization-templates", scopes("create:organization_templates"), s.createTemplate)
	s.handle("GET /api/v2/organization-templates/{tid}", r, s.readTemplate)
	s.handle("PATCH /api/v2/organization-templates/{tid}", w, s.updateTemplate)
	s.handle("GET /api/v2/organization-templates/{tid}/organizations", r, s.templateOrgs)
	s.handle("GET "+org, r, s.byName(s.orgTemplateOf))
	s.handle("PUT "+org+"/{tid}", w, s.assignTemplate)
	s.handle("DELETE "+org+"/{tid}", w, s.unassignTemplate)
}

func (s *Server) createTemplate(r *http.Request) (int, any, *apiError) {
	b, e := readObject(r)
	if e != nil {
		return 0, nil, e
	}
	for k := range b {
		if _, ok := templateProps[k]; !ok {
			return 0, nil, errBody("'Additional properties not allowed: %s'.", k)
		}
	}
	if name, _ := b["name"].(string); name == "" {
		return 0, nil, errBody("'Missing required property: name'.")
	}
	if _, ok := b["organization_deletion_behavior"]; !ok {
		return 0, nil, errBody("'Missing required property: organization_deletion_behavior'.")
	}
	t := s.t
	now := stamp(s.now())
	tp := &orgTemplate{seq: t.next(), id: t.newID("orgtpl_", 16), created: now, updated: now,
		settings: map[string]any{"is_default": false, "enforce_permission_ceiling": false, "enforce_self_assignment_restriction": false}}
	if e := applyTemplate(tp.settings, b); e != nil {
		return 0, nil, e
	}
	t.templates = append(t.templates, tp)
	return http.StatusCreated, tp.json(), nil
}

func (s *Server) template(id string) *orgTemplate {
	i := slices.IndexFunc(s.t.templates, func(tp *orgTemplate) bool { return tp.id == id })
	if i < 0 {
		return nil
	}
	return s.t.templates[i]
}

func (s *Server) listTemplates(r *http.Request) (int, any, *apiError) {
	out := make([]map[string]any, 0, len(s.t.templates))
	for _, tp := range s.t.templates {
		j := tp.json()
		j["seq"] = tp.seq
		out = append(out, j)
	}
	code, body, e := pagedList(r, "organization_templates", out, func(j map[string]any) (int64, string) { return j["seq"].(int64), j["id"].(string) })
	for _, j := range out {
		delete(j, "seq")
	}
	return code, body, e
}

func (s *Server) readTemplate(r *http.Request) (int, any, *apiError) {
	tp := s.template(r.PathValue("tid"))
	if tp == nil {
		return 0, nil, errTemplateNotFound
	}
	return http.StatusOK, tp.json(), nil
}

func (s *Server) updateTemplate(r *http.Request) (int, any, *apiError) {
	tp := s.template(r.PathValue("tid"))
	if tp == nil {
		return 0, nil, errTemplateNotFound
	}
	b, e := readObject(r)
	if e != nil {
		return 0, nil, e
	}
	next := maps.Clone(tp.settings)
	if e := applyTemplate(next, b); e != nil {
		return 0, nil, e
	}
	tp.settings, tp.updated = next, stamp(s.now())
	return http.StatusOK, tp.json(), nil
}

// templateOrgs lists the organizations a template is assigned to: ids only.
func (s *Server) templateOrgs(r *http.Request) (int, any, *apiError) {
	tp := s.template(r.PathValue("tid"))
	if tp == nil {
		return 0, nil, errTemplateNotFound
	}
	type assigned struct {
		ID  string `json:"id"`
		seq int64
	}
	var out []assigned
	for _, o := range tp.orgs {
		out = append(out, assigned{o.ID, o.seq})
	}
	slices.SortFunc(out, func(a, b assigned) int { return int(a.seq - b.seq) })
	return pagedList(r, "organizations", out, func(a assigned) (int64, string) { return a.seq, a.ID })
}

// orgTemplateOf answers the template assigned to an organization, or 404
// when none is (go-auth0/v3's documentation of the call).
func (s *Server) orgTemplateOf(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	for _, tp := range s.t.templates {
		if slices.Contains(tp.orgs, o) {
			return http.StatusOK, tp.json(), nil
		}
	}
	return 0, nil, errNotFound("No organization template is assigned to this organization.")
}

// assignTemplate assigns a template, in place of any other.
func (s *Server) assignTemplate(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	tp := s.template(r.PathValue("tid"))
	if tp == nil {
		return 0, nil, errTemplateNotFound
	}
	for _, other := range s.t.templates {
		other.orgs = slices.DeleteFunc(other.orgs, func(x *org) bool { return x == o })
	}
	tp.orgs = append(tp.orgs, o)
	return http.StatusNoContent, nil, nil
}

func (s *Server) unassignTemplate(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	tp := s.template(r.PathValue("tid"))
	if tp == nil {
		return 0, nil, errTemplateNotFound
	}
	tp.orgs = slices.DeleteFunc(tp.orgs, func(x *org) bool { return x == o })
	return http.StatusNoContent, nil, nil
}
