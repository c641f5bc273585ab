package sim

// Applications (/clients): how each one uses organizations, first or third
// party, its type and callbacks, with the defaults Auth0 gives a new one.

import (
	"cmp"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// appSettings are the application settings the simulator keeps and acts on.
// Everything else a client was created or patched with is kept in extra and
// echoed back, as Auth0 keeps a client's many other settings.
type appSettings struct {
	seq         int64
	AppType     string // "" (unset), native, spa, regular_web, non_interactive
	FirstParty  bool
	OrgUsage    string // "" (unset: Auth0's default deny), deny, allow, require
	OrgRequire  string // "" (unset), no_prompt, pre_login_prompt, post_login_prompt
	Callbacks   []string
	Description string
	extra       map[string]any
}

// Auth0's enumerations, from the Management API reference for
// POST/PATCH /clients (auth0.com/docs/api/management/v2/clients/patch-clients-by-id).
var (
	orgUsages    = []string{"deny", "allow", "require"}
	orgRequires  = []string{"no_prompt", "pre_login_prompt", "post_login_prompt"}
	appTypes     = []string{"native", "spa", "regular_web", "non_interactive", "resource_server", "express_configuration"}
	clientFields = map[string]string{
		"organization_usage":            "Defines how to proceed during an authentication transaction with regards an organization. Can be 'deny' (default), 'allow' or 'require'.",
		"organization_require_behavior": "Defines how to proceed during an authentication transaction when `client.organization_usage: 'require'`. Can be `no_prompt` (default), `pre_login_prompt` or  `post_login_prompt`. `post_login_prompt` requires `oidc_conformant: true`.",
		"app_type":                      "The type of application this client represents",
		"name":                          "The name of the client. Must contain at least one character. Does not allow '<' or '>'.",
		"is_first_party":                "Whether this client a first party client or not",
		"callbacks":                     "A set of URLs that are valid to call back from Auth0 when authenticating users",
		"description":                   "Free text description of the purpose of the Client. (Max character length: <code>140</code>)",
	}
	errClientNotFound = &apiError{Status: http.StatusNotFound, Message: "The client does not exist", Code: "inexistent_client"}
)

// putClient adds c to the tenant in creation order.
func (t *tenant) putClient(c *apiClient) *apiClient {
	c.seq = t.next()
	t.clients[c.ID] = c
	return c
}

// json is the client as GET /clients/{id} answers it. The defaults are a
// new client's in go-auth0's recording TestClient_Create (POST /clients
// with a name and description only): first party, not OIDC conformant,
// the four grant types, custom login page on. The secret is left out:
// Auth0 shows it only to tokens with read:client_keys, which the simulator
// never grants.
func (c *apiClient) json() map[string]any {
	out := map[string]any{
		"tenant": "orgdash-sim", "is_token_endpoint_ip_header_trusted": false, "oidc_conformant": false,
		"jwt_configuration": map[string]any{"secret_encoded": false, "alg": "RS256"}, "sso_disabled": false,
		"cross_origin_authentication": false, "custom_login_page_on": true,
		"grant_types": []string{"authorization_code", "implicit", "refresh_token", "client_credentials"},
		"refresh_token": map[string]any{"rotation_type": "non-rotating", "expiration_type": "non-expiring", "leeway": 0,
			"token_lifetime": 2592000, "infinite_token_lifetime": true, "infinite_idle_token_lifetime": true, "idle_token_lifetime": 1296000},
	}
	maps.Copy(out, c.extra)
	out["client_id"], out["name"], out["is_first_party"] = c.ID, c.Name, c.FirstParty
	set := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	set("description", c.Description)
	set("app_type", c.AppType)
	set("organization_usage", c.OrgUsage)
	set("organization_require_behavior", c.OrgRequire)
	if c.Callbacks != nil {
		out["callbacks"] = c.Callbacks
	}
	return out
}

// usage is the organization_usage in force: deny when unset, Auth0's default.
func (c *apiClient) usage() string { return cmp.Or(c.OrgUsage, "deny") }

// applyClientBody validates and applies a POST or PATCH body to c.
func applyClientBody(c *apiClient, b map[string]any) *apiError {
	next := *c
	next.extra = maps.Clone(c.extra)
	if next.extra == nil {
		next.extra = map[string]any{}
	}
	str := func(k string, dst *string, allowed []string) *apiError {
		v, ok := b[k]
		if !ok {
			return nil
		}
		s, isStr := v.(string)
		if !isStr {
			return errBody("'Expected type string but found type %s' on property %s (%s).", jsonKindOf(v), k, clientFields[k])
		}
		if allowed != nil && !slices.Contains(allowed, s) {
			return errBody("'No enum match for: \"%s\"' on property %s (%s).", s, k, clientFields[k])
		}
		*dst = s
		return nil
	}
	for _, e := range []*apiError{str("organization_usage", &next.OrgUsage, orgUsages),
		str("organization_require_behavior", &next.OrgRequire, orgRequires),
		str("app_type", &next.AppType, appTypes), str("name", &next.Name, nil), str("description", &next.Description, nil)} {
		if e != nil {
			return e
		}
	}
	if next.Name == "" || strings.ContainsAny(next.Name, "<>") {
		return errBody("'String does not match pattern ^[^<>]+$' on property name (%s).", clientFields["name"])
	}
	if v, ok := b["is_first_party"]; ok {
		fp, isBool := v.(bool)
		if !isBool {
			return errBody("'Expected type boolean but found type %s' on property is_first_party (%s).", jsonKindOf(v), clientFields["is_first_party"])
		}
		next.FirstParty = fp
	}
	if v, ok := b["callbacks"]; ok {
		list, isList := v.([]any)
		next.Callbacks = []string{}
		for _, x := range list {
			s, isStr := x.(string)
			if !isList || !isStr {
				return errBody("'Expected type array but found type %s' on property callbacks (%s).", jsonKindOf(v), clientFields["callbacks"])
			}
			next.Callbacks = append(next.Callbacks, s)
		}
	}
	for k, v := range b {
		if _, known := clientFields[k]; !known && k != "client_id" && k != "client_secret" {
			next.extra[k] = v // a guess: kept as given, not validated against Auth0's whole schema
		}
	}
	*c = next
	return nil
}

// jsonKindOf names the JSON type of a decoded value.
func jsonKindOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	case nil:
		return "null"
	}
	return "object"
}

// readObject reads a JSON object body.
func readObject(r *http.Request) (map[string]any, *apiError) {
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	var b map[string]any
	if err := json.Unmarshal(raw, &b); err != nil || b == nil {
		return nil, errBody("'Expected type object but found type %s'.", jsonType(raw))
	}
	return b, nil
}

// createClient answers POST /clients: 201 with the new client, Auth0's
// defaults filled in, and its secret (shown this once). Such clients hold
// no grant to the Management API, as a new Auth0 application does not.
func (s *Server) createClient(r *http.Request) (int, any, *apiError) {
	b, e := readObject(r)
	if e != nil {
		return 0, nil, e
	}
	if name, _ := b["name"].(string); name == "" {
		return 0, nil, errBody("'Missing required property: name'.")
	}
	c := &apiClient{appSettings: appSettings{FirstParty: true}}
	if e := applyClientBody(c, b); e != nil {
		return 0, nil, e
	}
	c.ID, c.Secret = s.t.newID("", 32), s.t.newID("", 64)
	s.t.putClient(c)
	out := c.json()
	out["client_secret"] = c.Secret
	return http.StatusCreated, out, nil
}

// updateClient answers PATCH /clients/{id} with the updated client.
func (s *Server) updateClient(r *http.Request) (int, any, *apiError) {
	c := s.t.clients[r.PathValue("id")]
	if c == nil {
		return 0, nil, errClientNotFound
	}
	b, e := readObject(r)
	if e != nil {
		return 0, nil, e
	}
	if e := applyClientBody(c, b); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, c.json(), nil
}

// readClient answers GET /clients/{id}, honouring fields and include_fields.
func (s *Server) readClient(r *http.Request) (int, any, *apiError) {
	c := s.t.clients[r.PathValue("id")]
	if c == nil {
		return 0, nil, errClientNotFound
	}
	return http.StatusOK, pickFields(r, c.json()), nil
}

// deleteClient answers DELETE /clients/{id}: 204, and the client leaves
// every connection's enabled clients.
func (s *Server) deleteClient(r *http.Request) (int, any, *apiError) {
	id := r.PathValue("id")
	delete(s.t.clients, id)
	for _, c := range s.t.connOrder {
		c.EnabledClient = slices.DeleteFunc(c.EnabledClient, func(x string) bool { return x == id })
	}
	return http.StatusNoContent, nil, nil
}

// listClients answers GET /clients: by name with offset paging (a bare
// array, or the include_totals envelope), or in creation order with
// checkpoint paging (from, take); filtered by app_type and is_first_party
// as Auth0's reference lists them; fields and include_fields pick keys.
func (s *Server) listClients(r *http.Request) (int, any, *apiError) {
	q := r.URL.Query()
	p, e := parsePaging(q, true)
	if e != nil {
		return 0, nil, e
	}
	all := make([]*apiClient, 0, len(s.t.clients))
	types := strings.Split(q.Get("app_type"), ",")
	for _, c := range s.t.clients {
		if (q.Get("app_type") == "" || slices.Contains(types, c.AppType)) &&
			(q.Get("is_first_party") == "" || (q.Get("is_first_party") == "true") == c.FirstParty) {
			all = append(all, c)
		}
	}
	if p.checkpoint {
		slices.SortFunc(all, func(a, b *apiClient) int { return cmp.Compare(a.seq, b.seq) })
		i := indexBySeq(all, func(c *apiClient) int64 { return c.seq }, p.after)
		page := all[i:min(i+p.take, len(all))]
		env := envelope{key: "clients", items: s.clientsJSON(r, page)}
		if i+p.take < len(all) {
			last := page[len(page)-1]
			env.next = cursor(last.seq, last.ID)
		}
		return http.StatusOK, env, nil
	}
	slices.SortFunc(all, func(a, b *apiClient) int { return cmp.Compare(a.Name+a.ID, b.Name+b.ID) })
	lo, hi := p.window(len(all))
	return http.StatusOK, p.answer("clients", s.clientsJSON(r, all[lo:hi]), lo, len(all)), nil
}

func (s *Server) clientsJSON(r *http.Request, list []*apiClient) []map[string]any {
	out := make([]map[string]any, 0, len(list))
	for _, c := range list {
		out = append(out, pickFields(r, c.json()))
	}
	return out
}

// pickFields keeps the keys named by fields (include_fields true, the
// default) or drops them (include_fields false). Auth0 keeps "tenant" in
// either case, as the recording TestClient_List shows.
func pickFields(r *http.Request, obj map[string]any) map[string]any {
	fields := r.URL.Query().Get("fields")
	if fields == "" {
		return obj
	}
	named := strings.Split(fields, ",")
	include := r.URL.Query().Get("include_fields") != "false"
	for k := range obj {
		if k != "tenant" && slices.Contains(named, k) != include {
			delete(obj, k)
		}
	}
	return obj
}
