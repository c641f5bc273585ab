package activity

import (
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
		return m + " " + r.Path
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
}

// describeChange says in words what an audited change did: "disabled
// okta-workforce", "removed 12 members", "added ines@example.com".
func describeChange(c audit.Change) string {
	e := c.Last()
	verb, ok := pastTense[e.Action]
	if !ok {
		verb = e.Action
	}
	name := func(id string) string {
		if n := e.Names[id]; n != "" {
			return n
		}
		return id
	}
	switch {
	case e.Action == "create organization" || e.Action == "edit organization" || e.Action == "delete organization":
		if e.OrgName != "" {
			return verb + " " + e.OrgName
		}
		if len(e.Targets) == 1 {
			return verb + " " + name(e.Targets[0])
		}
		return verb
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
	case e.Type == "s":
		s := user + " logged in"
		if e.Connection != "" {
			s += " with " + e.Connection
		}
		return s
	case e.Failed():
		return firstOf(e.Description, "login failed ("+e.Type+")") + " — " + user
	}
	return firstOf(e.Description, e.Type)
}
