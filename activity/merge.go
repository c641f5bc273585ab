package activity

import (
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// Slack is how far apart in time an audit entry and the sapi event of its
// call may be and still be one change: the clocks of this machine and of
// Auth0 differ, and a lost answer's call may be written late.
const Slack = 30 * time.Second

// interruptedSpan is how long after an interrupted change's intent its
// calls may have gone (the process died before the outcome).
const interruptedSpan = 10 * time.Minute

// call is the Management API call an audit action makes: its method and
// the sub-resource of the organization it names ("" the organization).
type call struct{ method, resource string }

var actionCalls = map[string]call{
	"create organization": {"POST", ""}, "edit organization": {"PATCH", ""}, "delete organization": {"DELETE", ""},
	"enable connection": {"POST", "connections"}, "disable connection": {"PATCH", "connections"},
	"re-enable connection": {"PATCH", "connections"}, "edit connection": {"PATCH", "connections"},
	"remove connection": {"DELETE", "connections"}, "add members": {"POST", "members"},
	"remove members": {"DELETE", "members"}, "invite": {"POST", "invitations"},
	"revoke invitation": {"DELETE", "invitations"}, "assign roles": {"POST", "roles"}, "remove roles": {"DELETE", "roles"},
	"add discovery domain": {"POST", "discovery-domains"}, "edit discovery domain": {"PATCH", "discovery-domains"},
	"remove discovery domain": {"DELETE", "discovery-domains"},
}

// tenantCalls are the calls of audit actions on what the tenant shares
// rather than on an organization: the resource the path begins with, and
// the target the path names next (the first word of the audit's target).
var tenantCalls = map[string]call{
	"block user": {"PATCH", "users"}, "unblock user": {"PATCH", "users"},
	"remove brute-force blocks":         {"DELETE", "user-blocks"},
	"enable connection for application": {"PATCH", "connections"}, "disable connection for application": {"PATCH", "connections"},
}

// InProgress is the outcome of a change whose intent has no outcome yet
// while its writer still runs (its lease is live): not interrupted.
const InProgress = "in progress"

// resourceOf is the sub-resource a path names, as actionCalls names them.
func resourceOf(path string) string {
	s := segments(path)
	switch {
	case len(s) <= 2:
		return ""
	case s[2] == "members" && len(s) >= 5 && s[4] == "roles":
		return "roles"
	case s[2] == "enabled_connections":
		return "connections"
	}
	return s[2]
}

// Input is what a timeline is made of.
type Input struct {
	Tenant    string // the tenant's domain: the audit holds several
	Org       string // the organization's id; "" for the whole tenant
	OurClient string // the client id orgdash calls Auth0 with ("" unknown: any)
	Changes   []audit.Change
	Logs      []client.LogEvent
	Names     map[string]string // ids (connections, users) to what people call them
	// Events are the Events API's recent events: an organization's update
	// there carries what it was before (previous_object), which its log
	// event does not.
	Events []client.Event
	// OrgName is what the organization is called: an audit line that named
	// the organization only by name (an older orgdash's fixes) is its.
	OrgName string
	// Through says, by log id, how a change to something the tenant shares
	// affects the organization ("its connection okta-workforce"): those
	// changes are in an organization's timeline.
	Through map[string]string
	// InProgress are the changes (audit ids) without an outcome whose
	// writer still runs.
	InProgress map[string]bool
}

// Build merges in's audit and logs into one timeline, newest first: each
// audited change absorbs the sapi events of its calls; every other sapi
// event naming the organization is a change made elsewhere.
func Build(in Input) []Entry {
	known := userNames(in.Logs)
	name := func(id string) string {
		return firstOf(in.Names[id], known[id], id)
	}
	var changes []audit.Change
	for _, c := range in.Changes {
		if c.Intent.Tenant == in.Tenant && mayConcern(in, c) {
			changes = append(changes, c)
		}
	}
	var sapi, other []client.LogEvent
	seen := map[string]bool{}
	for _, e := range in.Logs {
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		switch {
		case e.Type == "sapi":
			if org, ok := sapiOrg(e); in.Org == "" || (ok && org == in.Org) || in.Through[e.ID] != "" {
				sapi = append(sapi, e)
			}
		case kindOfLog(e) >= 0 && e.OrgID != "" && (in.Org == "" || e.OrgID == in.Org):
			other = append(other, e)
		}
	}
	slices.SortFunc(sapi, func(a, b client.LogEvent) int { return a.Date.Compare(b.Date) })
	owner := owners(changes, sapi, in.OurClient)
	claimed := make([]bool, len(sapi))
	out := make([]Entry, 0, len(changes)+len(sapi)+len(other))
	for j, c := range changes {
		ent := auditEntry(c, name, in.InProgress[c.Intent.ID])
		if ent.Org == "" && in.Org != "" && in.OrgName != "" && c.Intent.OrgName == in.OrgName && c.Intent.Action != "create organization" {
			ent.Org = in.Org // named by name alone
		}
		for i, e := range sapi {
			if !claimed[i] && owner[i] == j {
				claimed[i] = true
				ent.Logs = append(ent.Logs, e)
			}
		}
		if in.Org != "" && ent.Org != in.Org {
			through := ""
			if len(ent.Logs) > 0 {
				through = in.Through[ent.Logs[0].ID]
			}
			switch {
			case through != "": // a change of what this organization shares, made for another
				ent.Through = through
			case ent.Org != "" || len(ent.Logs) == 0:
				continue // another organization's change, or creation
			}
		}
		if len(ent.Logs) > 0 {
			if ent.Org == "" {
				ent.Org, _ = sapiOrg(ent.Logs[0])
			}
			r := requestOf(ent.Logs[0])
			ent.Method, ent.Path, ent.Body = r.Method, r.Path, r.Body
			if ent.Before == nil {
				ent.Before = previous(ent.Logs[0])
			}
		}
		out = append(out, ent)
	}
	for i, e := range sapi {
		if !claimed[i] {
			ent := sapiEntry(e, name)
			if ent.Org == "" && in.Through[e.ID] != "" {
				ent.Org, ent.Through = in.Org, in.Through[e.ID]
			}
			out = append(out, ent)
		}
	}
	for _, e := range other {
		out = append(out, logEntry(e))
	}
	names := orgNames(in)
	ids := map[string]string{} // organizations' ids by name, for audit lines that named only the name
	for id, n := range names {
		ids[n] = id
	}
	for i := range out {
		beforeFromEvents(&out[i], in.Events)
		if out[i].OrgName == "" {
			out[i].OrgName = names[out[i].Org]
		}
		if out[i].Org == "" && out[i].OrgName != "" {
			out[i].Org = ids[out[i].OrgName]
		}
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return b.When.Compare(a.When) })
	return out
}

// beforeFromEvents fills an organization edit's before and after from the
// Events API's organization.updated of the same organization at the same
// time (± Slack), where the entry has no before of its own.
func beforeFromEvents(e *Entry, events []client.Event) {
	if e.Before != nil || e.Method != "PATCH" || len(segments(e.Path)) != 2 {
		return
	}
	for _, ev := range events {
		if ev.Type != "organization.updated" || ev.OrgID() != e.Org || ev.Time.Sub(e.When).Abs() > Slack {
			continue
		}
		if prev := object(ev.Data, "previous_object"); prev != nil {
			e.Before = prev
			if now := object(ev.Data, "object"); now != nil {
				e.After = now
			}
			return
		}
	}
}

// sapiOrg is the organization a sapi event's call names; a creation names
// the organization its answer made.
func sapiOrg(e client.LogEvent) (string, bool) {
	r := requestOf(e)
	if s := segments(r.Path); len(s) == 0 || s[0] != "organizations" {
		return "", false
	}
	if org := orgOfPath(r.Path); org != "" {
		return org, true
	}
	if id := str(e.Details, "response", "body", "id"); id != "" {
		return id, true
	}
	return "", true
}

// previous is the object a change replaced, where the event carries it.
func previous(e client.LogEvent) map[string]any {
	for _, path := range [][]string{{"previous_object"}, {"request", "previous_object"}, {"response", "previous_object"}} {
		if m := object(e.Details, path...); m != nil {
			return m
		}
	}
	return nil
}

// auditEntry is an audited change; name names the targets its line did
// not; running: its writer still runs, so a missing outcome is to come.
func auditEntry(c audit.Change, name func(string) string, running bool) Entry {
	e := c.Last()
	outcome := c.State()
	if c.Outcome == nil && running {
		outcome = InProgress
	}
	return Entry{ID: "audit:" + c.Intent.ID, When: c.Intent.Time, Kind: Change, Org: e.Org, OrgName: e.OrgName,
		Who:  Who{Actor: Orgdash, Name: firstOf(e.Comment, e.User), Key: e.Key},
		What: describeChange(c, name), Outcome: outcome, Before: e.Before, After: e.After, Audit: &c}
}

func sapiEntry(e client.LogEvent, name func(string) string) Entry {
	r := requestOf(e)
	org, _ := sapiOrg(e)
	who := Who{Actor: APIClient, Name: e.ClientName, ClientID: e.ClientID}
	if r.AdminID != "" || r.Channel == DashboardChannel {
		who = Who{Actor: Dashboard, Name: firstOf(r.AdminName, r.AdminID, e.ClientName), ClientID: e.ClientID}
	}
	return Entry{ID: "log:" + e.ID, When: e.Date, Kind: Change, Org: org, Who: who,
		What: describeRequest(r, name), Elsewhere: true, Outcome: audit.OK, Method: r.Method, Path: r.Path,
		Body: r.Body, Before: previous(e), After: object(e.Details, "response", "body"), Logs: []client.LogEvent{e}}
}

// DashboardChannel is the channel Auth0 logs for calls from its Dashboard.
const DashboardChannel = "https://manage.auth0.com/"

func logEntry(e client.LogEvent) Entry {
	k := kindOfLog(e)
	who := Who{Actor: EndUser, Name: firstOf(e.UserName, e.UserID), ClientID: e.ClientID}
	if who.Name == "" { // a login that named no one Auth0 knows
		who.Name, who.Anonymous = "someone via "+firstOf(e.ClientName, e.ClientID, "an application"), true
	}
	// a membership Auth0 made is a change not made through orgdash; a login is a login
	out := Entry{ID: "log:" + e.ID, When: e.Date, Kind: k, Org: e.OrgID, What: describeLog(e), Elsewhere: k == Membership,
		Who: who, Logs: []client.LogEvent{e}}
	if k == LoginFailure {
		out.Outcome = audit.Failed
	} else {
		out.Outcome = audit.OK
	}
	return out
}

// kindOfLog is the kind of a non-sapi event, or -1 for events the
// timeline does not show.
func kindOfLog(e client.LogEvent) Kind {
	switch {
	case e.Type == "organization_member_added":
		return Membership
	case e.Type == "s":
		return Login
	case slices.Contains(LoginFailureTypes, e.Type):
		return LoginFailure
	}
	return -1
}

// LoginFailureTypes are the codes of failed logins and blocks the timeline
// shows (auth0.com/docs/deploy-monitor/logs/log-event-type-codes).
var LoginFailureTypes = []string{"f", "fp", "fu", "fc", "fco", "fcoa", "limit_wc", "limit_sul", "limit_mu"}

// Channel is where a change was made, as Auth0 logged it
// (https://manage.auth0.com/ for the Dashboard), where it says.
func (e Entry) Channel() string {
	for _, l := range e.Logs {
		if c := requestOf(l).Channel; c != "" {
			return c
		}
	}
	return ""
}

// orgNames are the organizations' names by id, as the logs, the audit, the
// events and the caller's names tell them.
func orgNames(in Input) map[string]string {
	out := map[string]string{}
	for id, n := range in.Names {
		if strings.HasPrefix(id, "org_") {
			out[id] = n
		}
	}
	for _, e := range in.Logs {
		if e.OrgID != "" && e.OrgName != "" {
			out[e.OrgID] = e.OrgName
		}
	}
	for _, c := range in.Changes {
		if e := c.Last(); e.Org != "" && e.OrgName != "" {
			out[e.Org] = e.OrgName
		}
	}
	for _, ev := range in.Events {
		name := firstOf(str(ev.Data, "object", "organization", "name"), str(ev.Data, "object", "name"))
		if id := ev.OrgID(); id != "" && name != "" && strings.HasPrefix(ev.Type, "organization.") {
			out[id] = name
		}
	}
	return out
}
