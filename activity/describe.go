package activity

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// dig follows keys through nested JSON objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// str is dig as a string ("" if absent or not a string).
func str(v any, keys ...string) string {
	s, _ := dig(v, keys...).(string)
	return s
}

// object is dig as a JSON object (nil if absent).
func object(v any, keys ...string) map[string]any {
	m, _ := dig(v, keys...).(map[string]any)
	return m
}

// request is what a sapi event says of its call.
type request struct {
	Method, Path string
	Body         any
	Channel      string
	AdminID      string // details.request.auth.user: a Dashboard administrator
	AdminName    string
}

// requestOf reads a sapi event's details.request. Auth0 writes the method
// in lower case; it is upper case here. The path may carry a query.
func requestOf(e client.LogEvent) request {
	r := dig(e.Details, "request")
	path := str(r, "path")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	return request{Method: strings.ToUpper(str(r, "method")), Path: path, Body: dig(r, "body"),
		Channel: str(r, "channel"), AdminID: str(r, "auth", "user", "user_id"),
		AdminName: firstOf(str(r, "auth", "user", "email"), str(r, "auth", "user", "name"))}
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// segments are a Management API path's parts after /api/v2.
func segments(path string) []string {
	return strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2"), "/"), "/")
}

// orgOfPath is the organization a path names ("" for /organizations itself
// or another resource).
func orgOfPath(path string) string {
	s := segments(path)
	if len(s) >= 2 && s[0] == "organizations" && s[1] != "name" {
		return s[1]
	}
	return ""
}

// count is how many items a body's list holds.
func count(body any, key string) int {
	l, _ := dig(body, key).([]any)
	return len(l)
}

// plural is "1 member", "12 members".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// describeRequest says in words what a Management API write did. names
// turns ids (con_…, user ids) into what people call them, where known.
func describeRequest(r request, names func(string) string) string {
	s := segments(r.Path)
	sub := func(i int) string {
		if i < len(s) {
			return s[i]
		}
		return ""
	}
	m := r.Method
	if sub(0) != "organizations" {
		return describeShared(r, names)
	}
	if len(s) == 1 && m == "POST" {
		return "created organization " + str(r.Body, "name")
	}
	switch sub(2) {
	case "":
		switch m {
		case "PATCH":
			return "edited organization" + fieldsOf(r.Body)
		case "DELETE":
			return "deleted organization"
		}
	case "connections", "enabled_connections":
		cid := firstOf(sub(3), str(r.Body, "connection_id"))
		name := names(cid)
		switch {
		case m == "POST":
			return "enabled connection " + name
		case m == "DELETE":
			return "removed connection " + name
		case m == "PATCH" && dig(r.Body, "is_enabled") == false:
			return "disabled " + name
		case m == "PATCH" && dig(r.Body, "is_enabled") == true:
			return "re-enabled " + name
		case m == "PATCH":
			return "edited connection " + name + fieldsOf(r.Body)
		}
	case "members":
		if sub(4) == "roles" {
			n := plural(count(r.Body, "roles"), "role")
			if m == "POST" {
				return "assigned " + n + " to " + names(sub(3))
			}
			return "removed " + n + " from " + names(sub(3))
		}
		verb := map[string]string{"POST": "added ", "DELETE": "removed "}[m]
		if verb == "" {
			break
		}
		if l, _ := dig(r.Body, "members").([]any); len(l) == 1 {
			id, _ := l[0].(string)
			return verb + names(id)
		}
		return verb + plural(count(r.Body, "members"), "member")
	case "invitations":
		if m == "POST" {
			return "invited " + str(r.Body, "invitee", "email")
		}
		if m == "DELETE" {
			return "revoked an invitation"
		}
	case "discovery-domains":
		switch m {
		case "POST":
			return "added discovery domain " + str(r.Body, "domain")
		case "PATCH":
			return "edited a discovery domain" + fieldsOf(r.Body)
		case "DELETE":
			return "removed a discovery domain"
		}
	case "client-grants":
		return map[string]string{"POST": "granted an application API access", "DELETE": "removed an application's grant"}[m]
	}
	return m + " " + r.Path
}

// changedFields lists the fields an edit changed, where its audit line
// kept both sides: " (third_party_client_access)"; "" where it cannot say.
// An empty map is no change from none (older lines wrote colours and
// metadata as null on one side, {} on the other).
func changedFields(before, after map[string]any) string {
	if len(before) == 0 || len(after) == 0 {
		return ""
	}
	var keys []string
	for k, v := range after {
		if asJSON(before[k]) != asJSON(v) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	slices.Sort(keys)
	return " (" + strings.Join(keys, ", ") + ")"
}

// asJSON is v as JSON, an empty map written null like none.
func asJSON(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "{}" {
		return "null"
	}
	return string(b)
}

// fieldsOf lists a body's fields: " (display_name, metadata)".
func fieldsOf(body any) string {
	b, _ := body.(map[string]any)
	if len(b) == 0 {
		return ""
	}
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return " (" + strings.Join(keys, ", ") + ")"
}

// pastTense is what an audit action did, as people say it.
var pastTense = map[string]string{
	"create organization": "created organization", "edit organization": "edited organization",
	"delete organization": "deleted organization", "enable connection": "enabled connection",
	"disable connection": "disabled", "re-enable connection": "re-enabled", "edit connection": "edited connection",
	"remove connection": "removed connection", "add members": "added", "remove members": "removed",
	"invite": "invited", "revoke invitation": "revoked invitation", "remove roles": "removed roles from",
	"assign roles": "assigned roles to", "add discovery domain": "added discovery domain",
	"edit discovery domain": "edited discovery domain", "remove discovery domain": "removed discovery domain",
	"block user": "blocked", "unblock user": "unblocked", "remove brute-force blocks": "lifted the brute-force blocks on",
	"enable connection for application": "enabled", "disable connection for application": "disabled",
}

// describeChange says in words what an audited change did: "disabled
// okta-workforce", "removed 12 members", "added ines@example.com". known
// names the targets the audit line did not.
func describeChange(c audit.Change, known func(string) string) string {
	e := c.Last()
	verb, ok := pastTense[e.Action]
	if !ok {
		verb = e.Action
	}
	name := func(id string) string {
		if f := strings.Fields(id); len(f) == 2 && (e.Names[id] == "" || known(f[1]) != f[1]) { // a connection and an application
			return known(f[0]) + " for " + known(f[1])
		}
		if n := e.Names[id]; n != "" {
			return n
		}
		return known(id)
	}
	switch {
	case e.Action == "create organization" || e.Action == "edit organization" || e.Action == "delete organization":
		fields := ""
		if e.Action == "edit organization" {
			fields = changedFields(e.Before, e.After)
		}
		if e.OrgName != "" {
			return verb + " " + e.OrgName + fields
		}
		if len(e.Targets) == 1 {
			return verb + " " + name(e.Targets[0]) + fields
		}
		return verb + fields
	case len(e.Targets) == 1:
		return verb + " " + name(e.Targets[0])
	case e.Action == "add members" || e.Action == "remove members":
		return verb + " " + plural(len(e.Targets), "member")
	}
	return fmt.Sprintf("%s %d targets", verb, len(e.Targets))
}

// describeLog says in words what a non-sapi event says.
func describeLog(e client.LogEvent) string {
	user := firstOf(e.UserName, e.UserID, "someone")
	switch {
	case e.Type == "organization_member_added":
		how := firstOf(str(e.Details, "reason"), str(e.Details, "membership_reason"))
		s := "added " + user
		if how != "" {
			s += " (" + strings.ReplaceAll(how, "_", "-") + ")"
		}
		return s
	case e.Type == "s": // who logged in is the entry's Who: not said twice
		s := "logged in"
		if e.Connection != "" {
			s += " with " + e.Connection
		}
		return s
	case e.Failed(): // the reason; who tried is the entry's Who
		return firstOf(e.Description, "login failed ("+e.Type+")")
	}
	return firstOf(e.Description, e.Type)
}

// The kinds of things the tenant shares that a change outside an
// organization's own paths may touch.
const (
	noTarget         = ""
	connectionTarget = "connection"
	userTarget       = "user"
)

// sharedTarget is what a sapi event's call changes outside the
// organizations' paths, if it is a connection (/connections/{id}…) or a
// user (/users/{id}…, /user-blocks/{id}), and its id.
func sharedTarget(e client.LogEvent) (kind, id string) {
	s := segments(requestOf(e).Path)
	if len(s) < 2 || s[1] == "" {
		return noTarget, ""
	}
	switch s[0] {
	case "connections":
		return connectionTarget, s[1]
	case "users", "user-blocks":
		return userTarget, s[1]
	}
	return noTarget, ""
}

// describeShared says in words what a write outside the organizations'
// paths did: to a connection, a user, or else the call itself.
func describeShared(r request, names func(string) string) string {
	s := segments(r.Path)
	m := r.Method
	switch {
	case len(s) == 1 && s[0] == "connections" && m == "POST":
		return "created connection " + str(r.Body, "name")
	case len(s) == 3 && s[0] == "connections" && s[2] == "clients" && m == "PATCH":
		l, _ := r.Body.([]any)
		if len(l) == 1 {
			verb := "disabled "
			if dig(l[0], "status") == true {
				verb = "enabled "
			}
			return verb + names(s[1]) + " for the application " + names(str(l[0], "client_id"))
		}
		return "changed the applications of " + names(s[1])
	case len(s) == 2 && s[0] == "connections":
		switch m {
		case "PATCH":
			return "edited connection " + names(s[1]) + fieldsOf(r.Body)
		case "DELETE":
			return "deleted connection " + names(s[1])
		}
	case len(s) == 2 && s[0] == "users":
		switch {
		case m == "PATCH" && dig(r.Body, "blocked") == true:
			return "blocked " + names(s[1])
		case m == "PATCH" && dig(r.Body, "blocked") == false:
			return "unblocked " + names(s[1])
		case m == "PATCH":
			return "edited user " + names(s[1]) + fieldsOf(r.Body)
		case m == "DELETE":
			return "deleted user " + names(s[1])
		}
	case len(s) == 2 && s[0] == "user-blocks" && m == "DELETE":
		return "lifted the brute-force blocks on " + names(s[1])
	}
	return m + " " + r.Path
}
