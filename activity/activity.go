// Package activity answers on-call's "what changed?" for an organization or
// the whole tenant: one timeline, newest first, merging orgdash's audit (the
// person and SSH key behind each change), Auth0's tenant logs (`sapi`
// events whose request path names the organization, read by type and date
// window and matched here, as Auth0 cannot search the path, and those on
// what it shares with the tenant: its connections and its members, see
// shared.go; `organization_member_added`; the organization's logins) and, where the
// tenant has it, the Events API. A change made through orgdash shows once:
// its audit entry absorbs the `sapi` events its calls wrote.
//
// Everything here is raw as Auth0 and the audit wrote it: callers sanitise
// before drawing or printing.
package activity

import (
	"strings"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// Kind is what an entry is about.
type Kind int

// The kinds of entries.
const (
	Change       Kind = iota // a change to the organization (settings, connections, members, roles, invitations, domains)
	Membership               // Auth0 made someone a member (organization_member_added: invitation, auto-membership)
	Login                    // a successful login into the organization
	LoginFailure             // a failed login (f, fp, fu, …) or a block (limit_*)
)

// Kinds are the kinds, in order, for filters.
var Kinds = []Kind{Change, Membership, Login, LoginFailure}

func (k Kind) String() string {
	return [...]string{"change", "membership", "login", "login failure"}[k]
}

// ParseKind is the kind named s, singular or plural as the tab names
// them ("change", "changes", "login-failures"), any case, if any.
func ParseKind(s string) (Kind, bool) {
	s = strings.ToLower(strings.NewReplacer("-", " ", "_", " ").Replace(strings.TrimSpace(s)))
	for _, k := range Kinds {
		if k.String() == s || k.Plural() == s {
			return k, true
		}
	}
	return 0, false
}

// Plural names the kind's entries: "changes", "login failures".
func (k Kind) Plural() string { return k.String() + "s" }

// Actor is the kind of party behind an entry.
type Actor int

// The parties.
const (
	Unknown   Actor = iota
	Orgdash         // a person through orgdash (the audit names them and their key)
	Dashboard       // an administrator in the Auth0 Dashboard (details.request.auth.user)
	APIClient       // an application with Management API credentials (Terraform, scripts, auth0-cli, provisioning)
	EndUser         // the user who logged in or was made a member
)

func (a Actor) String() string {
	return [...]string{"unknown", "orgdash", "dashboard", "api client", "user"}[a]
}

// Who is the party behind an entry.
type Who struct {
	Actor    Actor
	Name     string // the person, admin email, application name or user
	Key      string // the SSH key's fingerprint, for orgdash people over SSH
	ClientID string // the application Auth0 saw
	// Anonymous: a login that named no one Auth0 knows; Name says through
	// which application ("someone via Customer Portal"), not a person.
	Anonymous bool
}

// String is Who for people: "ines (SHA256:ab…)", "admin@example.com (Dashboard)",
// "terraform (API client)".
func (w Who) String() string {
	name := w.Name
	if name == "" {
		name = w.ClientID
	}
	if name == "" {
		name = "unknown"
	}
	switch w.Actor {
	case Orgdash:
		if w.Key != "" {
			return name + " (" + shortKey(w.Key) + ")"
		}
		return name
	case Dashboard:
		return name + " (Dashboard)"
	case APIClient:
		return name + " (API client)"
	}
	return name
}

func shortKey(k string) string {
	if len(k) > 19 {
		return k[:19] + "…"
	}
	return k
}

// Entry is one thing that happened.
type Entry struct {
	ID   string // "audit:<change id>" or "log:<log_id>"
	When time.Time
	Kind Kind
	Org  string // the organization's id, where known
	// OrgName is what the organization is called, where the logs, the
	// audit or the events said.
	OrgName string
	Who     Who
	What    string // in words: "disabled okta-workforce", "removed 12 members"
	// Elsewhere: not made through orgdash (Dashboard, Terraform, scripts,
	// provisioning, Auth0 itself), or made by an orgdash whose audit this is not.
	Elsewhere bool
	Outcome   string // the audit's outcome (ok, failed, …, interrupted); "failed" for a failed login
	Method    string // the Management API call, for changes
	Path      string
	Body      any            // the request body as Auth0 logged it
	Before    map[string]any // what the change replaced, where known (previous_object, the audit's before)
	After     map[string]any // and what it made
	Audit     *audit.Change  // the audit's change, when made through orgdash
	Logs      []client.LogEvent
	// Through is how a change to something the tenant shares affects the
	// organization: "its connection okta-workforce", "its member ines@example.com".
	Through string
}

// Where says where a change was made: "orgdash" or "elsewhere"; a login
// or a failed one was made nowhere but in Auth0's login ("").
func (e Entry) Where() string {
	switch {
	case e.Kind == LoginFailure || e.Kind == Login:
		return ""
	case e.Elsewhere:
		return "elsewhere"
	}
	return "orgdash"
}

// Person is who to filter on: the name, key and client id, joined.
func (e Entry) Person() string { return e.Who.Name + " " + e.Who.Key + " " + e.Who.ClientID }
