package sim

import (
	"net/http"
	"slices"
)

// Organization applications (Early Access, "Organization-to-Application
// Entitlement"): the applications an organization's members may use. The
// shapes are go-auth0/v3's OrganizationClient; the caps are Auth0's (at
// most 100 applications an organization, 10 a request); the wording of
// the errors is a guess in the validator's style.

// orgApp is one application associated with an organization.
type orgApp struct {
	seq                int64
	client             *apiClient
	useForMemberAccess bool
}

// orgAppJSON is an association on the wire.
type orgAppJSON struct {
	ClientID           string        `json:"client_id"`
	UseForMemberAccess bool          `json:"use_for_member_access"`
	Client             orgAppDetails `json:"client"`
}

// orgAppDetails is what an association tells of the application
// (go-auth0/v3's OrganizationClientMetadata).
type orgAppDetails struct {
	Name              string   `json:"name"`
	AppType           string   `json:"app_type,omitempty"`
	IsFirstParty      bool     `json:"is_first_party"`
	GrantTypes        []string `json:"grant_types,omitempty"`
	OrganizationUsage string   `json:"organization_usage"`
}

func (a *orgApp) json() orgAppJSON {
	c := a.client
	grants, _ := c.json()["grant_types"].([]string)
	return orgAppJSON{c.ID, a.useForMemberAccess, orgAppDetails{Name: c.Name, AppType: c.AppType,
		IsFirstParty: c.FirstParty, GrantTypes: grants, OrganizationUsage: c.usage()}}
}

// Auth0's caps on organization applications.
const (
	maxOrgApps        = 100
	maxOrgAppsRequest = 10
)

var (
	errOrgAppMissing = errNotFound("The client is not associated with the organization") // a guess
	orgAppsProp      = "Clients to associate with the organization."
)

func (o *org) app(clientID string) *orgApp {
	i := slices.IndexFunc(o.surf().apps, func(a *orgApp) bool { return a.client.ID == clientID })
	if i < 0 {
		return nil
	}
	return o.surf().apps[i]
}

// listOrgApps lists the applications, checkpoint paged (go-auth0/v3
// sends take) or offset paged.
func (s *Server) listOrgApps(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	p, e := parsePaging(r.URL.Query(), true)
	if e != nil {
		return 0, nil, e
	}
	if p.checkpoint {
		env := checkpointList(p, "clients", o.surf().apps, func(a *orgApp) (int64, string) { return a.seq, a.client.ID })
		env.items = appsJSON(env.items.([]*orgApp))
		return http.StatusOK, env, nil
	}
	return http.StatusOK, offsetList(p, "clients", appsJSON(o.surf().apps)), nil
}

func appsJSON(apps []*orgApp) []orgAppJSON {
	out := make([]orgAppJSON, 0, len(apps))
	for _, a := range apps {
		out = append(out, a.json())
	}
	return out
}

// addOrgApps associates up to 10 applications and answers 201 with them.
func (s *Server) addOrgApps(r *http.Request) (int, any, *apiError) {
	t := s.t
	o := t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	var b struct {
		Clients []struct {
			ClientID           *string `json:"client_id"`
			UseForMemberAccess *bool   `json:"use_for_member_access"`
		} `json:"clients"`
	}
	if e := decodeBody(r, &b, map[string]string{"clients": orgAppsProp}); e != nil {
		return 0, nil, e
	}
	switch {
	case b.Clients == nil:
		return 0, nil, errBody("'Missing required property: clients'.")
	case len(b.Clients) == 0:
		return 0, nil, errBody("'Array is too short (0), minimum 1' on property clients (%s).", orgAppsProp)
	case len(b.Clients) > maxOrgAppsRequest:
		return 0, nil, errBody("'Array is too long (%d), maximum %d' on property clients (%s).", len(b.Clients), maxOrgAppsRequest, orgAppsProp)
	}
	fresh := 0
	for _, c := range b.Clients {
		if c.ClientID == nil {
			return 0, nil, errBody("'Missing required property: client_id' on property clients (%s).", orgAppsProp)
		}
		if t.clients[*c.ClientID] == nil {
			return 0, nil, &apiError{Status: http.StatusNotFound, Message: "The client does not exist", Code: "inexistent_client"}
		}
		if o.app(*c.ClientID) == nil {
			fresh++
		}
	}
	if len(o.surf().apps)+fresh > maxOrgApps {
		return 0, nil, &apiError{Status: http.StatusBadRequest, Code: "invalid_body",
			Message: "An organization can have at most 100 associated clients."}
	}
	out := []orgAppJSON{}
	for _, c := range b.Clients {
		a := o.app(*c.ClientID)
		if a == nil {
			a = &orgApp{seq: t.next(), client: t.clients[*c.ClientID]}
			o.surf().apps = append(o.surf().apps, a)
		}
		setIf(&a.useForMemberAccess, c.UseForMemberAccess)
		out = append(out, a.json())
	}
	return http.StatusCreated, out, nil
}

// removeOrgApps takes up to 10 applications off: {"clients": ["id", …]}.
func (s *Server) removeOrgApps(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	ids, e := idList(r, "clients", "Clients to disassociate from the organization.")
	if e != nil {
		return 0, nil, e
	}
	if len(ids) > maxOrgAppsRequest {
		return 0, nil, errBody("'Array is too long (%d), maximum %d' on property clients (Clients to disassociate from the organization.).", len(ids), maxOrgAppsRequest)
	}
	o.surf().apps = slices.DeleteFunc(o.surf().apps, func(a *orgApp) bool { return slices.Contains(ids, a.client.ID) })
	return http.StatusNoContent, nil, nil
}

func (s *Server) readOrgApp(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	a := o.app(r.PathValue("cid"))
	if a == nil {
		return 0, nil, errOrgAppMissing
	}
	return http.StatusOK, a.json(), nil
}

func (s *Server) updateOrgApp(r *http.Request) (int, any, *apiError) {
	o := s.t.orgs[r.PathValue("id")]
	if o == nil {
		return 0, nil, errOrgNotFound
	}
	a := o.app(r.PathValue("cid"))
	if a == nil {
		return 0, nil, errOrgAppMissing
	}
	var b struct {
		UseForMemberAccess *bool `json:"use_for_member_access"`
	}
	if e := decodeBody(r, &b, map[string]string{"use_for_member_access": "Whether members of the organization may use the client."}); e != nil {
		return 0, nil, e
	}
	setIf(&a.useForMemberAccess, b.UseForMemberAccess)
	return http.StatusOK, a.json(), nil
}

// orgWithClient is an organization listed with
// include_client_association_for: whether that application is associated
// with it, and how (go-auth0/v3's Organization.client).
type orgWithClient struct {
	*org
	Client *orgClientAssociation `json:"client,omitempty"`
}

// orgClientAssociation is an application's association with an organization.
type orgClientAssociation struct {
	UseForMemberAccess bool `json:"use_for_member_access"`
}

// withClientAssociation adds clientID's association to each listed
// organization that has one.
func withClientAssociation(answer any, clientID string) any {
	wrap := func(list []*org) []orgWithClient {
		out := make([]orgWithClient, 0, len(list))
		for _, o := range list {
			j := orgWithClient{org: o}
			if o.orgExt != nil {
				if a := o.app(clientID); a != nil {
					j.Client = &orgClientAssociation{a.useForMemberAccess}
				}
			}
			out = append(out, j)
		}
		return out
	}
	switch v := answer.(type) {
	case envelope:
		if list, ok := v.items.([]*org); ok {
			v.items = wrap(list)
		}
		return v
	case []*org:
		return wrap(v)
	}
	return answer
}
