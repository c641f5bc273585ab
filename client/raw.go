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
// Secrets: the bodies of these GETs carry no secret. An organization, an
// organization's connection, an invitation and a discovery domain have no
// credential among their fields (Management API schemas); a user's
// identities carry the identity provider's access_token and refresh_token
// only for a token granted read:user_idp_tokens, which orgdash never asks
// for. Still, every value under a credential-like key (Credential) is
// replaced by Hidden before the body leaves the client, so that a scope
// granted later, or an entity added here later (a client, with its
// client_secret), cannot put one on a screen or a clipboard.

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
// value never leaves the client: a secret, a password, a private key, a
// token (access_token, refresh_token, id_token; not token_quota).
func Credential(key string) bool {
	k := strings.ToLower(key)
	return strings.Contains(k, "secret") || strings.Contains(k, "password") || strings.Contains(k, "private_key") ||
		k == "token" || strings.HasSuffix(k, "_token")
}

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
// (an object or array whole) replaced by Hidden.
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
