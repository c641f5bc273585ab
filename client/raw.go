package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// An entity as Auth0 returns it: one GET of one organization, connection
// of an organization, user (a member) or invitation, its body kept as
// sent (key order and numbers included) rather than read into orgdash's
// types, for a user who wants the fields the dashboard does not show.
//
// Secrets: the bodies of these GETs should carry no secret. An
// organization, an organization's connection, an invitation and a
// discovery domain have no credential among their fields (Management API
// schemas); a user's identities carry the identity provider's
// access_token and refresh_token only for a token granted
// read:user_idp_tokens, which orgdash never asks for. But metadata is
// whatever a tenant's code wrote there (an app_metadata holding a
// Stripe key, say), so before the body leaves the client every value
// under a credential-like key (Credential), at any depth, in objects and
// in arrays of objects, and every string shaped like a well-known secret
// (SecretLike) is replaced by Hidden. This is a best effort, not a
// guarantee: a secret under an innocent key, in a shape orgdash does not
// know, still reaches the screen and the clipboard.

// Entity names one entity that RawJSON reads, and the action (scope,
// bucket) that reading it is.
type Entity struct {
	Action Action
	path   []string // the path under /api/v2, one segment an element, escaped when sent
}

// OrganizationEntity is GET /organizations/{id}.
func OrganizationEntity(orgID string) Entity {
	return Entity{Action: ViewOrganizationJSON, path: []string{"organizations", orgID}}
}

// ConnectionEntity is an organization's connection: GET
// /organizations/{id}/connections/{cid}, or the older family's
// /enabled_connections/{cid} where the tenant lacks the newer one
// (legacy, as Connection.Legacy says).
func ConnectionEntity(orgID, connID string, legacy bool) Entity {
	family := "connections"
	if legacy {
		family = "enabled_connections"
	}
	return Entity{Action: ViewConnectionJSON, path: []string{"organizations", orgID, family, connID}}
}

// UserEntity is a user, such as a member: GET /users/{id}.
func UserEntity(userID string) Entity {
	return Entity{Action: ViewUserJSON, path: []string{"users", userID}}
}

// InvitationEntity is GET /organizations/{id}/invitations/{inv_id}.
func InvitationEntity(orgID, invID string) Entity {
	return Entity{Action: ViewInvitationJSON, path: []string{"organizations", orgID, "invitations", invID}}
}

// DomainEntity is GET /organizations/{id}/discovery-domains/{domain_id}.
func DomainEntity(orgID, domainID string) Entity {
	return Entity{Action: ViewDomainJSON, path: []string{"organizations", orgID, "discovery-domains", domainID}}
}

// Path is the entity's path as sent, for a title: "/organizations/org_1".
func (e Entity) Path() string { return "/" + strings.Join(e.path, "/") }

// Hidden is what a credential-like value is replaced by.
const Hidden = "(hidden by orgdash)"

// Credential reports whether a key names something credential-like whose
// value never leaves the client. The key is compared lowercased without
// its "_" and "-" (apiKey, api_key and api-key alike): it names a secret;
// a password, but not a moment about one (last_password_reset,
// password_set_at); a token (access_token, refreshToken; not token_quota);
// an API, private or signing key, or a bare "key"; credentials (not the
// client_credentials grant's quota); an authorization header; a cookie;
// MFA recovery codes.
func Credential(key string) bool {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	switch {
	case strings.Contains(k, "secret"),
		strings.Contains(k, "password") && !passwordMoment(k),
		strings.HasSuffix(k, "token"), strings.HasSuffix(k, "tokens"),
		strings.Contains(k, "apikey"), strings.Contains(k, "privatekey"), strings.Contains(k, "signingkey"),
		k == "key",
		(strings.HasSuffix(k, "credential") || strings.HasSuffix(k, "credentials")) && k != "clientcredentials",
		strings.HasSuffix(k, "authorization"),
		strings.HasSuffix(k, "cookie"), strings.HasSuffix(k, "cookies"),
		strings.Contains(k, "recoverycode"):
		return true
	}
	return false
}

// passwordMoment reports whether a normalised key about a password names
// when something happened to it rather than the password itself.
func passwordMoment(k string) bool {
	for _, end := range []string{"at", "reset", "date", "changed", "updated", "time", "expired", "expires"} {
		if strings.HasSuffix(k, end) {
			return true
		}
	}
	return false
}

// SecretLike reports whether a string value holds, anywhere in it, a word
// shaped like a well-known secret whatever its key: a JWT (three base64url
// parts, the first starting "eyJ", its JSON header), a key starting with
// a well-known secret prefix (sk_live_, sk_test_, whsec_, xoxb-, ghp_),
// or an AWS access key id ("AKIA" and 16 upper-case letters or digits).
// A best effort: most secrets have no recognisable shape.
func SecretLike(s string) bool {
	// Stripe's secret keys and webhook signing secrets, Slack's bot
	// tokens, GitHub's personal access tokens.
	prefixes := [...]string{"sk_live_", "sk_test_", "whsec_", "xoxb-", "ghp_"}
	for i := 0; i < len(s); i++ {
		if i > 0 && wordByte(s[i-1]) {
			continue // only at the start of a word
		}
		rest := s[i:]
		if strings.HasPrefix(rest, "eyJ") && (i == 0 || s[i-1] != '.' && s[i-1] != '-') && jwtShaped(rest) {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(rest, p) && len(rest) > len(p) && wordByte(rest[len(p)]) {
				return true
			}
		}
		if awsKeyID(rest) {
			return true
		}
	}
	return false
}

// jwtShaped reports whether s starts with a word of three base64url
// parts separated by dots, the first two not empty (an unsigned JWT's
// signature is).
func jwtShaped(s string) bool {
	end := 0
	for end < len(s) && (base64URLByte(s[end]) || s[end] == '.') {
		end++
	}
	parts := strings.Split(s[:end], ".")
	if len(parts) == 4 && parts[3] == "" { // a dot ending a sentence
		parts = parts[:3]
	}
	return len(parts) == 3 && parts[0] != "" && parts[1] != ""
}

// awsKeyID reports whether s starts with an AWS access key id: "AKIA"
// and 16 upper-case letters or digits, then the end of the word.
func awsKeyID(s string) bool {
	if !strings.HasPrefix(s, "AKIA") || len(s) < 20 {
		return false
	}
	for i := 4; i < 20; i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return len(s) == 20 || !wordByte(s[20])
}

// wordByte reports whether c continues a word: a letter, a digit, "_".
func wordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// base64URLByte reports whether c is of the base64url alphabet.
func base64URLByte(c byte) bool { return wordByte(c) || c == '-' }

// RawJSON is one GET of e, the body as Auth0 sent it but with every
// credential-like value hidden (compact JSON, its keys in Auth0's order).
func (c *auth0Client) RawJSON(ctx context.Context, e Entity) ([]byte, error) {
	op := e.Action.String()
	var body json.RawMessage
	if err := c.classify(op, c.m.Request(ctx, "GET", c.m.URI(e.path...), &body)); err != nil {
		return nil, err
	}
	if len(body) == 0 { // the SDK leaves an empty object unread
		body = json.RawMessage("{}")
	}
	out, err := hideCredentials(body)
	if err != nil {
		return nil, &Error{Kind: Unavailable, Op: op, Message: "the answer is not JSON: " + err.Error()}
	}
	return out, nil
}

// hideCredentials re-writes a JSON text token by token, keeping its order
// and its numbers as written, with the value of every credential-like key
// (an object or array whole) and every secret-like string, at any depth,
// replaced by Hidden.
func hideCredentials(body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var out bytes.Buffer
	if err := copyValue(dec, &out); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one value")
	}
	return out.Bytes(), nil
}

// copyValue copies the next value of dec to out, hiding credentials in it.
func copyValue(dec *json.Decoder, out *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		if str, isString := tok.(string); isString && SecretLike(str) {
			tok = Hidden
		}
		return writeScalar(out, tok)
	}
	out.WriteString(d.String())
	for first := true; dec.More(); first = false {
		if !first {
			out.WriteByte(',')
		}
		if d == '{' {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := k.(string)
			if err := writeScalar(out, key); err != nil {
				return err
			}
			out.WriteByte(':')
			if Credential(key) {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return err
				}
				if err := writeScalar(out, Hidden); err != nil {
					return err
				}
				continue
			}
		}
		if err := copyValue(dec, out); err != nil {
			return err
		}
	}
	end, err := dec.Token() // the closing delimiter
	if err != nil {
		return err
	}
	out.WriteString(end.(json.Delim).String())
	return nil
}

// writeScalar writes a string, number, bool or null as JSON.
func writeScalar(out *bytes.Buffer, v any) error {
	if n, ok := v.(json.Number); ok {
		out.WriteString(n.String())
		return nil
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out.Truncate(out.Len() - 1) // Encode's newline
	return nil
}
