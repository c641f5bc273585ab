package sim

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenClaims is what the simulator's access tokens carry, as Auth0's do.
type tokenClaims struct {
	jwt.RegisteredClaims
	Scope           string `json:"scope"`
	GrantType       string `json:"gty,omitempty"`
	AuthorizedParty string `json:"azp,omitempty"`
}

func (c *tokenClaims) has(scope string) bool {
	for granted := range strings.FieldsSeq(c.Scope) {
		if granted == scope {
			return true
		}
	}
	return false
}

type claimsKey struct{}

func claimsOf(r *http.Request) *tokenClaims {
	c, _ := r.Context().Value(claimsKey{}).(*tokenClaims)
	return c
}

// audience is the Management API identifier a request to r's host expects.
func audience(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/api/v2/"
}

// IssueToken signs a Management API access token for audience (such as
// "http://127.0.0.1:4000/api/v2/") with the given scopes, as a token
// copied from the Auth0 Dashboard would be.
func (s *Server) IssueToken(aud string, scopes []string, ttl time.Duration) (string, error) {
	return s.sign(aud, "orgdash-sim-dashboard", scopes, ttl)
}

func (s *Server) sign(aud, clientID string, scopes []string, ttl time.Duration) (string, error) {
	now := s.now()
	iss := strings.TrimSuffix(aud, "api/v2/")
	c := tokenClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    iss,
			Subject:   clientID + "@clients",
			Audience:  jwt.ClaimStrings{aud},
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
		Scope:           strings.Join(scopes, " "),
		GrantType:       "client-credentials",
		AuthorizedParty: clientID,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.key)
}

// authenticate checks the bearer token of an API call and answers with
// Auth0's 401 messages.
func (s *Server) authenticate(r *http.Request) (*tokenClaims, *apiError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Missing authentication"}
	}
	raw, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Bad HTTP authentication header format"}
	}
	c, e := s.verify(strings.TrimSpace(raw))
	if e != nil {
		return nil, e
	}
	if want := audience(r); !slices.Contains(c.Audience, want) {
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Bad audience: " + strings.Join(c.Audience, " ")}
	}
	return c, nil
}

// maxVerified bounds the tokens kept as verified.
const maxVerified = 256

// verifiedToken is a token whose signature was checked, valid until exp.
type verifiedToken struct {
	claims *tokenClaims // shared by the calls that carry the token: read only
	exp    time.Time
}

// verify checks a token's signature and expiry. A token seen before is
// not parsed and checked again while it has not expired: the key never
// changes, and the expiry is the only claim whose check depends on the
// clock (the simulator's tokens carry no nbf; those that do are checked
// each time).
func (s *Server) verify(raw string) (*tokenClaims, *apiError) {
	now := s.now()
	s.verifiedMu.Lock()
	v, ok := s.verified[raw]
	s.verifiedMu.Unlock()
	if ok && now.Before(v.exp) {
		return v.claims, nil
	}
	var c tokenClaims
	_, err := jwt.ParseWithClaims(raw, &c,
		func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Invalid signature received for JSON Web Token validation."}
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Expired token received for JSON Web Token validation"}
	case err != nil:
		return nil, &apiError{Status: http.StatusUnauthorized, Message: "Invalid token."}
	}
	if c.NotBefore == nil {
		s.verifiedMu.Lock()
		if s.verified == nil || len(s.verified) >= maxVerified {
			s.verified = make(map[string]verifiedToken)
		}
		s.verified[raw] = verifiedToken{claims: &c, exp: c.ExpiresAt.Time}
		s.verifiedMu.Unlock()
	}
	return &c, nil
}

// withClaims stores the caller's claims for the handlers.
func withClaims(r *http.Request, c *tokenClaims) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), claimsKey{}, c))
}

// tokenError is the OAuth error shape of the Authentication API.
type tokenError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// handleToken is POST /oauth/token for the client credentials grant. It
// takes form or JSON bodies and the client's secret in the body or in a
// Basic authorization header, as Auth0 does.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	var p struct {
		GrantType    string `json:"grant_type"`
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
		Audience     string `json:"audience"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&p); err != nil {
			writeJSON(w, http.StatusBadRequest, tokenError{"invalid_request", "Invalid JSON body"})
			return
		}
	} else {
		if err := r.ParseForm(); err != nil {
			writeJSON(w, http.StatusBadRequest, tokenError{"invalid_request", "Invalid form body"})
			return
		}
		p.GrantType, p.ClientID, p.ClientSecret, p.Audience = r.PostForm.Get("grant_type"),
			r.PostForm.Get("client_id"), r.PostForm.Get("client_secret"), r.PostForm.Get("audience")
	}
	if id, secret, ok := r.BasicAuth(); ok {
		p.ClientID, p.ClientSecret = id, secret
	}
	if p.GrantType != "client_credentials" {
		writeJSON(w, http.StatusForbidden, tokenError{"unauthorized_client", "Grant type '" + p.GrantType + "' not allowed for the client."})
		return
	}
	s.t.mu.Lock()
	cl := s.t.clients[p.ClientID]
	s.t.mu.Unlock()
	if cl == nil || cl.Secret != p.ClientSecret {
		writeJSON(w, http.StatusUnauthorized, tokenError{"access_denied", "Unauthorized"})
		return
	}
	if p.Audience != audience(r) {
		writeJSON(w, http.StatusForbidden, tokenError{"access_denied", "Service not enabled within domain: " + p.Audience})
		return
	}
	if cl.Scopes == nil {
		writeJSON(w, http.StatusForbidden, tokenError{"access_denied", "Client has not been granted scopes: " + p.Audience})
		return
	}
	tok, err := s.sign(p.Audience, cl.ID, cl.Scopes, s.opts.TokenTTL)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, tokenError{"server_error", "could not sign the token"})
		return
	}
	s.stats.tokens.Add(1)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"scope":        strings.Join(cl.Scopes, " "),
		"expires_in":   int(s.opts.TokenTTL / time.Second),
		"token_type":   "Bearer",
	})
}
