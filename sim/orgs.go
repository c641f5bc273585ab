package sim

import (
	"cmp"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

var orgProps = map[string]string{
	"name":         "The name of this organization.",
	"display_name": "Friendly name of this organization.",
	"branding":     "Theme defines how to style the login pages.",
	"metadata":     "Metadata associated with the organization, in the form of an object with string values (max 255 chars). Maximum of 25 metadata properties allowed.",
	// the newer settings (org_fields.go)
	"token_quota": orgSettingsProps["token_quota"], "third_party_client_access": orgSettingsProps["third_party_client_access"],
	"is_app_entitlement_active": orgSettingsProps["is_app_entitlement_active"],
}

// orgCreateProps adds what only creation accepts.
var orgCreateProps = func() map[string]string {
	m := map[string]string{"enabled_connections": "Connections that will be enabled for this organization. See POST enabled_connections endpoint for the object format. (Max of 10 connections allowed)"}
	for k, v := range orgProps {
		m[k] = v
	}
	return m
}()

var (
	orgNameRe = regexp.MustCompile(`^[a-z0-9_-]+$`)
	colorRe   = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	sortRe    = regexp.MustCompile(`^(name|display_name|created_at):(1|-1)$`)
)

type orgBody struct {
	Name               *string            `json:"name"`
	DisplayName        *string            `json:"display_name"`
	Branding           *branding          `json:"branding"`
	Metadata           map[string]*string `json:"metadata"` // a null value clears its key
	EnabledConnections []orgConnBody      `json:"enabled_connections"`
	orgSettingsBody
}

func (b *orgBody) validate(create bool) *apiError {
	if create || b.Name != nil {
		if e := requireString(b.Name, "name", orgProps["name"], 1, 50); e != nil {
			return e
		}
		if !orgNameRe.MatchString(*b.Name) {
			return errBody("'String does not match pattern ^[a-z0-9_-]+$: %s' on property name (%s).", *b.Name, orgProps["name"])
		}
	}
	if b.DisplayName != nil {
		if e := checkLen(*b.DisplayName, "display_name", orgProps["display_name"], 1, 255); e != nil {
			return e
		}
	}
	if b.Branding != nil {
		// Auth0's spec requires both colors of a color scheme
		for _, k := range []string{"primary", "page_background"} {
			if _, ok := b.Branding.Colors[k]; b.Branding.Colors != nil && !ok {
				return errBody("'Missing required property: %s' on property branding.colors (Color scheme used to customize the login pages.).", k)
			}
		}
		for k, v := range b.Branding.Colors {
			if k != "primary" && k != "page_background" {
				return errBody("'Additional properties not allowed: %s' on property branding.colors (Color scheme used to customize the login pages.).", k)
			}
			if !colorRe.MatchString(v) {
				return errBody("'String does not match pattern ^#[0-9a-fA-F]{6}$: %s' on property branding.colors.%s (HEX Color).", v, k)
			}
		}
	}
	if len(b.Metadata) > 25 {
		return errBody("'Too many properties defined (%d), maximum 25' on property metadata (%s).", len(b.Metadata), orgProps["metadata"])
	}
	for k, v := range metadataValues(b.Metadata) {
		if e := checkLen(v, "metadata."+k, "metadata value", 0, 255); e != nil {
			return e
		}
	}
	if len(b.EnabledConnections) > 10 {
		return errBody("'Array is too long (%d), maximum 10' on property enabled_connections (%s).", len(b.EnabledConnections), orgCreateProps["enabled_connections"])
	}
	return nil
}

func errOrgConflict() *apiError {
	return &apiError{Status: http.StatusConflict, Code: "organization_conflict", Message: "An organization with the same name already exists."}
}

// orgJSON is an organization as answered on creation, with its connections.
type orgJSON struct {
	*org
	EnabledConnections []orgConnJSON `json:"enabled_connections,omitempty"`
}

func (s *Server) listOrgs(r *http.Request) (int, any, *apiError) {
	code, body, e := s.listOrgsPage(r)
	if id := r.URL.Query().Get("include_client_association_for"); e == nil && id != "" {
		body = withClientAssociation(body, id) // org_clients.go
	}
	return code, body, e
}

func (s *Server) listOrgsPage(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	p, e := parsePaging(q, true)
	if e != nil {
		return 0, nil, e
	}
	t := s.t
	if srt := q.Get("sort"); p.checkpoint && srt != "" {
		return sortedCheckpoint(p, t.orgOrder, srt)
	}
	if p.checkpoint {
		i := indexBySeq(t.orgOrder, func(o *org) int64 { return o.seq }, p.after)
		page := t.orgOrder[i:min(i+p.take, len(t.orgOrder))]
		env := envelope{key: "organizations", items: slices.Clip(page)}
		if len(page) > 0 && i+len(page) < len(t.orgOrder) {
			last := page[len(page)-1]
			env.next = cursor(last.seq, last.ID)
		}
		if len(page) == 0 {
			env.items = []*org{}
		}
		return http.StatusOK, env, nil
	}
	all := t.orgOrder
	if srt := q.Get("sort"); srt != "" {
		m := sortRe.FindStringSubmatch(srt)
		if m == nil {
			return 0, nil, errQuery("'String does not match pattern ^(name|display_name|created_at):(1|-1)$: %s' on property sort (Field to sort by. Use field:order where order is 1 for ascending and -1 for descending. Defaults to created_at:1.).", srt)
		}
		all = sortOrgs(all, m[1], m[2] == "-1")
	}
	return http.StatusOK, offsetList(p, "organizations", all), nil
}

// sortedCheckpoint is a checkpoint page of the organizations in sort
// order (Auth0 takes sort with from and take): its cursor holds the
// position in that order, so it only continues a listing of the same sort.
func sortedCheckpoint(p paging, all []*org, srt string) (int, any, *apiError) {
	m := sortRe.FindStringSubmatch(srt)
	if m == nil {
		return 0, nil, errQuery("'String does not match pattern ^(name|display_name|created_at):(1|-1)$: %s' on property sort (Field to sort by. Use field:order where order is 1 for ascending and -1 for descending. Defaults to created_at:1.).", srt)
	}
	sorted := sortOrgs(all, m[1], m[2] == "-1")
	i := min(int(p.after), len(sorted))
	page := slices.Clip(sorted[i:min(i+p.take, len(sorted))])
	env := envelope{key: "organizations", items: page}
	if i+len(page) < len(sorted) {
		env.next = cursor(int64(i+len(page)), srt)
	}
	return http.StatusOK, env, nil
}

func sortOrgs(list []*org, field string, desc bool) []*org {
	out := slices.Clone(list)
	key := func(o *org) string { return o.Name }
	if field == "display_name" {
		key = func(o *org) string { return strings.ToLower(o.DisplayName) }
	}
	slices.SortStableFunc(out, func(a, b *org) int {
		c := cmp.Compare(a.seq, b.seq)
		if field != "created_at" {
			c = cmp.Or(cmp.Compare(key(a), key(b)), c)
		}
		if desc {
			return -c
		}
		return c
	})
	return out
}

func (s *Server) createOrg(r *http.Request) (int, any, *apiError) {
	var b orgBody
	if e := decodeBody(r, &b, orgCreateProps); e != nil {
		return 0, nil, e
	}
	if e := b.validate(true); e != nil {
		return 0, nil, e
	}
	t := s.t
	if t.orgByName[*b.Name] != nil {
		return 0, nil, errOrgConflict()
	}
	var conns []*orgConn
	for _, ec := range b.EnabledConnections {
		oc, e := t.newOrgConn(ec)
		if e != nil {
			return 0, nil, e
		}
		conns = append(conns, oc)
	}
	settings := s.newOrgSettings()
	if e := b.orgSettingsBody.apply(&settings); e != nil {
		return 0, nil, e
	}
	o := t.addOrg(*b.Name, deref(b.DisplayName), b.Branding, pairsOf(metadataValues(b.Metadata)), 0)
	o.conns = conns
	o.setSettings(settings)
	out := orgJSON{org: o}
	for _, oc := range conns {
		out.EnabledConnections = append(out.EnabledConnections, oc.json(false))
	}
	return http.StatusCreated, out, nil
}

func (s *Server) readOrg(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	return http.StatusOK, o, nil
}

func (s *Server) readOrgByName(r *http.Request) (int, any, *apiError) {
	if r.PathValue("id") != "name" {
		return 0, nil, errRoute
	}
	return s.orgByName(r.PathValue("name"))
}

func (s *Server) orgByName(name string) (int, any, *apiError) {
	o := s.t.orgByName[name]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	return http.StatusOK, o, nil
}

func (s *Server) updateOrg(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	var b orgBody
	if e := decodeBody(r, &b, orgProps); e != nil {
		return 0, nil, e
	}
	if e := b.validate(false); e != nil {
		return 0, nil, e
	}
	settings := o.settings()
	if e := b.orgSettingsBody.apply(&settings); e != nil {
		return 0, nil, e
	}
	if b.Name != nil && *b.Name != o.Name {
		if t.orgByName[*b.Name] != nil {
			return 0, nil, errOrgConflict()
		}
		delete(t.orgByName, o.Name)
		o.Name = *b.Name
		t.orgByName[o.Name] = o
	}
	if b.DisplayName != nil {
		o.DisplayName = *b.DisplayName
	}
	if b.Branding != nil {
		o.Branding = b.Branding
	}
	if b.Metadata != nil {
		o.Metadata = pairsOf(metadataValues(b.Metadata))
	}
	o.setSettings(settings)
	return http.StatusOK, o, nil
}

func (s *Server) deleteOrg(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	delete(t.orgs, o.ID)
	delete(t.orgByName, o.Name)
	for _, m := range o.members { // its members' organizations no longer list it
		m.user.leave(m)
	}
	i := indexBySeq(t.orgOrder, func(o *org) int64 { return o.seq }, o.seq-1)
	t.orgOrder = slices.Delete(t.orgOrder, i, i+1)
	return http.StatusNoContent, nil, nil
}

// addOrg creates an organization; the caller has checked its name is free.
func (t *tenant) addOrg(name, display string, b *branding, md stringPairs, members int) *org {
	o := &org{seq: t.next(), ID: t.newID("org_", 16), Name: name, DisplayName: display,
		Branding: b, Metadata: md, memberRoles: make(map[string][]*role, members*2/5)} // about two in five of the demo's members hold roles
	t.orgs[o.ID] = o
	t.orgByName[name] = o
	t.orgOrder = append(t.orgOrder, o)
	return o
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
