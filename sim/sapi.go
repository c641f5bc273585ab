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

// sapiDescription names an operation as the Dashboard's log list does
// ("Update a client"); the wording is a guess, by resource and method.
func sapiDescription(method, path string) string {
	verb := map[string]string{"POST": "Create", "PATCH": "Update", "PUT": "Update", "DELETE": "Delete"}[method]
	parts := strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2"), "/"), "/")
	noun := parts[0]
	if len(parts) >= 3 {
		noun = parts[2]
	}
	noun = strings.TrimSuffix(strings.ReplaceAll(noun, "_", " "), "s")
	if noun == "" {
		noun = "resource"
	}
	return verb + " " + noun
}

// sapiEvent builds the event of one write. body and response are the raw
// JSON sent and answered (either may be empty).
func sapiEvent(method, path string, query url.Values, body []byte, status int, response []byte, who Actor, clientName, ip string) *LogEvent {
	req := map[string]any{"method": strings.ToLower(method), "path": path, "query": map[string]any{}, "ip": ip,
		"userAgent": "go-auth0/1.48.0", "channel": "api"}
	for k, v := range query {
		req["query"].(map[string]any)[k] = strings.Join(v, ",")
	}
	if len(body) > 0 {
		var b any
		if json.Unmarshal(body, &b) == nil {
			req["body"] = b
		}
	}
	ev := &LogEvent{Type: "sapi", Description: sapiDescription(method, path), IP: ip, Hostname: "orgdash-sim"}
	if who.Email != "" {
		req["channel"], req["userAgent"] = DashboardChannel, "Mozilla/5.0 (Auth0 Dashboard)"
		req["auth"] = map[string]any{"strategy": "jwt",
			"user":        map[string]any{"user_id": adminUserID(who.Email), "email": who.Email, "name": who.Email},
			"credentials": map[string]any{"jti": jti(who.Email)}}
		ev.UserID, ev.UserName = adminUserID(who.Email), who.Email
	} else {
		req["auth"] = map[string]any{"strategy": "jwt", "credentials": map[string]any{"client_id": who.ClientID, "jti": jti(who.ClientID)}}
		ev.ClientID, ev.ClientName = who.ClientID, clientName
	}
	resp := map[string]any{"statusCode": status}
	if len(response) > 0 {
		var b any
		if json.Unmarshal(response, &b) == nil {
			resp["body"] = b
		}
	}
	if status >= http.StatusBadRequest {
		ev.Type, ev.Description = "fapi", "Failed API operation: "+ev.Description
	}
	ev.Details = map[string]any{"request": req, "response": resp}
	return ev
}
