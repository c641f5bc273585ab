package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Resource servers (APIs): what client grants point at, with the scopes a
// grant may hold. The shape follows go-auth0's cassettes
// (TestResourceServer_*, TestOrganizationManager_ClientGrants): Auth0's
// defaults filled in where the request gave none.

// resourceServer is an API of the tenant.
type resourceServer struct {
	seq                int64
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	IsSystem           bool       `json:"is_system,omitempty"`
	Identifier         string     `json:"identifier"`
	Scopes             []apiScope `json:"scopes"`
	SigningAlg         string     `json:"signing_alg"`
	AllowOfflineAccess bool       `json:"allow_offline_access"`
	TokenLifetime      int        `json:"token_lifetime"`
	TokenLifetimeWeb   int        `json:"token_lifetime_for_web"`
	SkipConsent        bool       `json:"skip_consent_for_verifiable_first_party_clients"`
}

// apiScope is one permission an API defines.
type apiScope struct {
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
}

var apiProps = map[string]string{
	"name": "Friendly name for this resource server. Can not contain `<` or `>` characters.", "identifier": "Unique identifier for the API used as the audience parameter on authorization calls. Can not be changed once set.",
	"scopes": "List of permissions (scopes) that this API uses.", "signing_alg": "Algorithm used to sign JWTs.", "signing_secret": "Secret used to sign tokens when using symmetric algorithms (HS256).",
	"allow_offline_access": "Whether refresh tokens can be issued for this API (true) or not (false).", "token_lifetime": "Expiration value (in seconds) for access tokens issued for this API from the token endpoint.",
	"token_lifetime_for_web": "Expiration value (in seconds) for access tokens issued for this API via Implicit or Hybrid Flows.", "skip_consent_for_verifiable_first_party_clients": "Whether to skip user consent for applications flagged as first party (true) or not (false).",
	"token_dialect": "Dialect of issued access token.", "enforce_policies": "Whether to enforce authorization policies (true) or to ignore them (false).",
	"allow_online_access": "Whether online refresh tokens can be issued for this API (true) or not (false).", "consent_policy": "Consent policy.", "authorization_details": "Authorization details.",
	"token_encryption": "Token encryption.", "proof_of_possession": "Proof of possession.", "subject_type_authorization": "Subject type authorization.", "authorization_policy": "Authorization policy.",
}

type apiBody struct {
	Name               *string    `json:"name"`
	Identifier         *string    `json:"identifier"`
	Scopes             []apiScope `json:"scopes"`
	SigningAlg         *string    `json:"signing_alg"`
	AllowOfflineAccess *bool      `json:"allow_offline_access"`
	TokenLifetime      *int       `json:"token_lifetime"`
	TokenLifetimeWeb   *int       `json:"token_lifetime_for_web"`
	SkipConsent        *bool      `json:"skip_consent_for_verifiable_first_party_clients"`
}

var errAPIMissing = &apiError{Status: http.StatusNotFound, Message: "The resource server does not exist", Code: "inexistent_resource_server"}

// addAPI creates a resource server with Auth0's defaults: RS256, a day-long
// token, two hours for web flows.
func (t *tenant) addAPI(name, identifier string, scopes []apiScope) *resourceServer {
	if scopes == nil {
		scopes = []apiScope{}
	}
	rs := &resourceServer{seq: t.next(), ID: t.hex(24), Name: cmpOr(name, identifier), Identifier: identifier, Scopes: scopes,
		SigningAlg: "RS256", TokenLifetime: 86400, TokenLifetimeWeb: 7200}
	t.apis[rs.ID] = rs
	t.apiOrder = append(t.apiOrder, rs)
	return rs
}

func (t *tenant) apiByIdentifier(identifier string) *resourceServer {
	for _, rs := range t.apiOrder {
		if rs.Identifier == identifier {
			return rs
		}
	}
	return nil
}

func (s *Server) createAPI(r *http.Request) (int, any, *apiError) {
	t := s.t
	var b apiBody
	if e := decodeBody(r, &b, apiProps); e != nil {
		return 0, nil, e
	}
	if e := requireString(b.Identifier, "identifier", apiProps["identifier"], 1, 600); e != nil {
		return 0, nil, e
	}
	if t.apiByIdentifier(*b.Identifier) != nil {
		return 0, nil, &apiError{Status: http.StatusConflict, Message: "A resource server with the same identifier already exists", Code: "conflict"}
	}
	if b.Name != nil && strings.ContainsAny(*b.Name, "<>") {
		return 0, nil, errBody("'String does not match pattern ^[^<>]+$: %s' on property name (%s).", *b.Name, apiProps["name"])
	}
	rs := t.addAPI(deref(b.Name), *b.Identifier, b.Scopes)
	setIf(&rs.SigningAlg, b.SigningAlg)
	setIf(&rs.AllowOfflineAccess, b.AllowOfflineAccess)
	setIf(&rs.TokenLifetime, b.TokenLifetime)
	setIf(&rs.TokenLifetimeWeb, b.TokenLifetimeWeb)
	setIf(&rs.SkipConsent, b.SkipConsent)
	return http.StatusCreated, rs, nil
}

// listAPIs lists the APIs, offset paged, filtered by identifiers.
func (s *Server) listAPIs(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	p, e := parsePaging(q, false)
	if e != nil {
		return 0, nil, e
	}
	all := s.t.apiOrder
	if ids := q["identifiers"]; len(ids) > 0 {
		all = slices.DeleteFunc(slices.Clone(all), func(rs *resourceServer) bool { return !slices.Contains(ids, rs.Identifier) })
	}
	return http.StatusOK, offsetList(p, "resource_servers", all), nil
}

// readAPI finds an API by id or by identifier, as Auth0 accepts both.
func (s *Server) readAPI(r *http.Request) (int, any, *apiError) {
	id := r.PathValue("rid")
	rs := s.t.apis[id]
	if rs == nil {
		rs = s.t.apiByIdentifier(id)
	}
	if rs == nil {
		return 0, nil, errAPIMissing
	}
	return http.StatusOK, rs, nil
}

func (s *Server) deleteAPI(r *http.Request) (int, any, *apiError) {
	t := s.t
	rs := t.apis[r.PathValue("rid")]
	if rs == nil {
		return 0, nil, errAPIMissing
	}
	if rs.IsSystem {
		return 0, nil, &apiError{Status: http.StatusForbidden, Message: "You cannot delete a system resource server", Code: "operation_not_supported"} // a guess
	}
	delete(t.apis, rs.ID)
	t.apiOrder = slices.DeleteFunc(t.apiOrder, func(x *resourceServer) bool { return x == rs })
	for _, g := range slices.Clone(t.grantOrder) {
		if g.Audience == rs.Identifier {
			t.dropGrant(g)
		}
	}
	return http.StatusNoContent, nil, nil
}
