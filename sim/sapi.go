package sim

// The sapi ("Success API Operation") and fapi ("Failed API Operation")
// events Auth0 writes for each Management API write, in the shape of
// Auth0's Tenant Log Catalog (auth0.com/docs/deploy-monitor/logs/
// log-event-type-codes): details.request {method, path, query, body,
// channel, ip, userAgent, auth {user, strategy, credentials}} and
// details.response {statusCode, body}. Only POST, PATCH, PUT and DELETE are
// logged (API.md). The Dashboard's channel is https://manage.auth0.com/;
// a client credentials caller's is "api" (a guess at the value: Auth0
// shows the channel, not a list of them).

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strings"
)

// DashboardChannel is details.request.channel of a change made in the
// Auth0 Dashboard.
const DashboardChannel = "https://manage.auth0.com/"

// Actor is who makes a Management API call: a Dashboard administrator
// (Email set) or a client credentials application (ClientID set).
type Actor struct {
	Email    string // a Dashboard admin's email
	ClientID string // an application's client_id
}

// actorHeader makes a request act as someone else. NOT Auth0's: only the
// simulator reads it, so tests can make changes "from the Dashboard" that
// orgdash did not. Value: "dashboard:EMAIL" (or "client:ID").
const actorHeader = "X-Sim-Actor"

// parseActor reads X-Sim-Actor, or is the zero Actor.
func parseActor(h string) Actor {
	kind, who, _ := strings.Cut(h, ":")
	switch kind {
	case "dashboard":
		return Actor{Email: who}
	case "client":
		return Actor{ClientID: who}
	}
	return Actor{}
}

// adminUserID is the id a Dashboard admin's events carry: tenant admins
// log in to the Dashboard with their own accounts (an id derived from the
// email: a guess at its shape).
func adminUserID(email string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(strings.ToLower(email)))
	return fmt.Sprintf("auth0|%024x", h.Sum64())
}

// jti is a token id for details.request.auth.credentials, stable per caller.
func jti(who string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(who))
	return fmt.Sprintf("%016x", h.Sum64())
}

// sapiNames name each write as Auth0's log does. Those go-auth0's
// recordings show (TestLogManager*.yaml) are exact: "Create an
// Organization", "Delete organization", "Add members to an organization",
// "Create invitations to organization", "Create a role", "Create a User",
// "Delete a User". The others are the operation summaries of Auth0's
// Management API reference, which the recorded ones match: unverified
// against a log, so a guess.
var sapiNames = map[string]string{
	"POST organizations": "Create an Organization", "PATCH organizations/*": "Modify an Organization",
	"DELETE organizations/*":                       "Delete organization",
	"POST organizations/*/members":                 "Add members to an organization",
	"DELETE organizations/*/members":               "Delete members from an organization",
	"POST organizations/*/members/*/roles":         "Assign user roles to an Organization member",
	"DELETE organizations/*/members/*/roles":       "Delete user roles from an Organization member",
	"POST organizations/*/invitations":             "Create invitations to organization",
	"DELETE organizations/*/invitations/*":         "Delete an invitation to organization",
	"POST organizations/*/enabled_connections":     "Add connections to an organization",
	"PATCH organizations/*/enabled_connections/*":  "Modify an Organizations Connection",
	"DELETE organizations/*/enabled_connections/*": "Delete connections from an organization",
	"POST organizations/*/connections":             "Add connections to an organization",
	"PATCH organizations/*/connections/*":          "Modify an Organizations Connection",
	"DELETE organizations/*/connections/*":         "Delete connections from an organization",
	"POST organizations/*/discovery-domains":       "Create a discovery domain",
	"PATCH organizations/*/discovery-domains/*":    "Update a discovery domain",
	"DELETE organizations/*/discovery-domains/*":   "Delete a discovery domain",
	"POST users": "Create a User", "PATCH users/*": "Update a User", "DELETE users/*": "Delete a User",
	"POST roles": "Create a role", "PATCH roles/*": "Update a role", "DELETE roles/*": "Delete a role",
	"POST clients": "Create a client", "PATCH clients/*": "Update a client", "DELETE clients/*": "Delete a client",
	"POST connections": "Create a connection", "PATCH connections/*": "Update a connection",
	"DELETE connections/*": "Delete a connection", "PATCH connections/*/clients": "Update enabled clients for a connection",
	"DELETE user-blocks/*": "Unblock a user", "DELETE user-blocks": "Unblock a user by identifier",
}

// sapiDescription is the name of the write method path.
func sapiDescription(method, path string) string {
	parts := apiParts(path)
	for i := 1; i < len(parts); i += 2 {
		parts[i] = "*"
	}
	if name, ok := sapiNames[method+" "+strings.Join(parts, "/")]; ok {
		return name
	}
	return "API Operation" // go-auth0's name for the sapi type
}

// sapiEvent builds the event of one write: body and response are the raw
// JSON sent and answered (either may be empty), scopes the caller's. The
// shape is the recorded one: auth {credentials, strategy "jwt", user},
// user {} and credentials {scopes} for an application, the admin's
// user_id, email and name for a Dashboard admin (a guess: no recording
// shows one); body {} where none was sent.
func sapiEvent(method, path string, query url.Values, body []byte, status int, response []byte, who Actor, clientName, ip, agent string, scopes []string) *LogEvent {
	q := map[string]any{}
	for k, v := range query {
		q[k] = strings.Join(v, ",")
	}
	req := map[string]any{"method": strings.ToLower(method), "path": path, "query": q, "ip": ip,
		"userAgent": agent, "channel": "api", "body": decodeOr(body)}
	ev := &LogEvent{Type: "sapi", Description: sapiDescription(method, path), IP: ip, UserAgent: "Other 0.0.0 / Other 0.0.0"}
	if who.Email != "" {
		req["channel"] = DashboardChannel
		req["auth"] = map[string]any{"strategy": "jwt",
			"user":        map[string]any{"user_id": adminUserID(who.Email), "email": who.Email, "name": who.Email},
			"credentials": map[string]any{"jti": jti(who.Email)}}
		ev.UserID, ev.UserName = adminUserID(who.Email), who.Email
	} else {
		creds := map[string]any{}
		if scopes != nil {
			creds["scopes"] = scopes
		}
		req["auth"] = map[string]any{"strategy": "jwt", "user": map[string]any{}, "credentials": creds}
		ev.ClientID, ev.ClientName = who.ClientID, clientName
	}
	if status >= http.StatusBadRequest {
		ev.Type = "fapi"
	}
	ev.Details = map[string]any{"request": req, "response": map[string]any{"statusCode": status, "body": decodeOr(response)}}
	return ev
}

// decodeOr is raw JSON decoded, or {} where there is none.
func decodeOr(raw []byte) any {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return map[string]any{}
	}
	return v
}
