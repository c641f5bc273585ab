package client

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
)

// Capability says whether an action is available, and if not, why.
type Capability struct {
	Allowed bool
	Reason  string // "needs delete:organization_members", "read-only", ...
}

// Capabilities is what the credentials allow, from the access token's
// scope claim (decoded, not verified: Auth0 verifies), corrected by 403s.
type Capabilities struct {
	Known    bool            // a token has been seen
	Scopes   map[string]bool // the token's, as the client reads them: shared, never to be written to
	ReadOnly string          // why this session may not change the tenant; "" if it may
	NoToggle bool            // the tenant lacks the connection toggle API
	// ClientID is the application the token was issued to (its azp claim,
	// or its subject without "@clients"): the client_id Auth0 writes in the
	// tenant log of every change made with it. "" when not known.
	ClientID string
}

// Can says whether a is available.
func (c Capabilities) Can(a Action) Capability {
	switch {
	case a.Mutates() && c.ReadOnly != "":
		return Capability{Reason: c.ReadOnly}
	case a == ToggleConnection && c.NoToggle:
		return Capability{Reason: "this tenant has no connection toggle; remove instead"}
	case c.Known && !c.Scopes[a.Scope()]:
		return Capability{Reason: "needs " + a.Scope()}
	}
	return Capability{Allowed: true}
}

// scopeBook keeps the capabilities as tokens come and 403s correct them.
type scopeBook struct {
	mu     sync.Mutex
	token  string
	caps   Capabilities
	denied map[string]bool
}

// sawToken reads the scope claim of a bearer token the first time it is used.
func (b *scopeBook) sawToken(authorization string) {
	tok, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if tok == b.token {
		return
	}
	b.token = tok
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return // not a JWT: nothing to read; Auth0 will say
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct {
		Scope string `json:"scope"`
		AZP   string `json:"azp"`
		Sub   string `json:"sub"`
	}
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		return
	}
	b.caps.Known = true
	b.caps.ClientID = claims.AZP
	if id, ok := strings.CutSuffix(claims.Sub, "@clients"); ok && b.caps.ClientID == "" {
		b.caps.ClientID = id
	}
	b.caps.Scopes = map[string]bool{}
	for _, s := range strings.Fields(claims.Scope) {
		if !b.denied[s] {
			b.caps.Scopes[s] = true
		}
	}
}

// deny records that Auth0 refused scopes the token claims.
func (b *scopeBook) deny(scopes []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.denied == nil {
		b.denied = map[string]bool{}
	}
	b.caps.Known = true
	kept := make(map[string]bool, len(b.caps.Scopes)) // a new map: get hands the old one out
	for s, ok := range b.caps.Scopes {
		kept[s] = ok
	}
	for _, s := range scopes {
		b.denied[s] = true
		delete(kept, s)
	}
	b.caps.Scopes = kept
}

func (b *scopeBook) setNoToggle(on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.caps.NoToggle = on
}

// get is the capabilities now. Their Scopes map is shared, never changed
// once handed out (set and deny make new ones), and not to be written
// to: the dashboard asks for it on every frame.
func (b *scopeBook) get() Capabilities {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.caps
}
