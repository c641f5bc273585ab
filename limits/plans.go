// Package limits is what Auth0 documents of the Management API's limits,
// in one place for the simulator that enforces them and the client that
// lives within them: the rate-limit plans with their buckets per endpoint
// group, the group of every request, and the per-request caps and entity
// limits.
package limits

import (
	"fmt"
	"sort"
	"strings"
)

// Auth0's published Management API rate limits, per subscription, read
// from Auth0's documentation source in 2026: the policy at
// auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy
// and, under .../rate-limit-policy/rate-limit-configurations/, the pages
// free-public, essentials-professional-b2b, enterprise-public,
// tier-20-development-private-cloud and tier-500-rps-private-cloud.
//
// Each plan has a global Management API bucket and buckets per endpoint
// group. The policy page says every request meets both, the global first;
// the enterprise page that listed endpoints are outside the global bucket:
// the simulator's GroupsOutsideGlobal picks the second reading. "Per minute"
// buckets refill every second (the policy page); here they refill
// continuously at the same rate, which differs by under a token.

// Limit is a token bucket: Burst tokens, refilled at PerSecond.
type Limit struct {
	Burst     int
	PerSecond float64
	PerMinute bool // published per minute (PerSecond is the minute's rate / 60)
}

func (l Limit) String() string {
	if l.PerMinute {
		return fmt.Sprintf("%d burst, %.4g/min", l.Burst, l.PerSecond*60)
	}
	return fmt.Sprintf("%d burst, %g/s", l.Burst, l.PerSecond)
}

func perSec(burst int, n float64) Limit { return Limit{Burst: burst, PerSecond: n} }
func perMin(burst int, n float64) Limit {
	return Limit{Burst: burst, PerSecond: n / 60, PerMinute: true}
}

// Group is an endpoint group with a bucket of its own, named as Auth0's
// 429 messages name them ("users_write"); the names of the others are a
// guess in that style.
type Group string

// The endpoint groups of the plans' tables.
const (
	NoGroup               Group = ""
	OrgsRead              Group = "organizations_read"
	OrgByIDRead           Group = "organization_read"
	OrgByNameRead         Group = "organization_by_name_read"
	OrgsWrite             Group = "organizations_write"
	OrgMembersRead        Group = "organization_members_read"
	OrgMembersWrite       Group = "organization_members_write"
	OrgMemberRolesRead    Group = "organization_member_roles_read"
	OrgMemberRolesWrite   Group = "organization_member_roles_write"
	OrgConnectionsRead    Group = "organization_connections_read"
	OrgConnectionsWrite   Group = "organization_connections_write"
	OrgInvitationsRead    Group = "organization_invitations_read"
	OrgInvitationsWrite   Group = "organization_invitations_write"
	UserOrganizationsRead Group = "user_organizations_read"
	UsersRead             Group = "users_read"
	UsersWrite            Group = "users_write"
	ClientsRead           Group = "clients_read"
	ConnectionsRead       Group = "connections_read"
	LogsRead              Group = "logs_read" // GET /logs and /logs/{id}
	// OrgClientGrantsRead and OrgClientGrantsWrite are the organization
	// client grants (GET, POST, DELETE …/client-grants).
	OrgClientGrantsRead  Group = "organization_client_grants_read"
	OrgClientGrantsWrite Group = "organization_client_grants_write"
	OtherEndpoints       Group = "all_other_endpoints" // Essentials' catch-all bucket
)

// Plan is a subscription's limits.
type Plan struct {
	Name   string
	Page   string // the configuration page it comes from
	Global *Limit // nil: no global bucket (Essentials: the catch-all group instead)
	Groups map[Group]Limit
	// Others is the bucket of every endpoint not in a group, where the plan has one.
	Others *Limit
}

func lim(l Limit) *Limit { return &l }

// orgGroups is the organizations table shared by Enterprise (production
// and non-production).
var enterpriseGroups = map[Group]Limit{
	OrgsRead: perMin(10, 100), OrgByIDRead: perMin(10, 100), OrgByNameRead: perMin(20, 200), OrgsWrite: perMin(5, 150),
	OrgMembersRead: perMin(40, 500), OrgMembersWrite: perMin(20, 200),
	OrgMemberRolesRead: perMin(20, 200), OrgMemberRolesWrite: perMin(20, 200),
	OrgConnectionsRead: perMin(10, 100), OrgConnectionsWrite: perMin(5, 150),
	OrgInvitationsRead: perMin(20, 200), OrgInvitationsWrite: perMin(20, 200),
	UserOrganizationsRead: perMin(40, 500),
}

// Plans are the plans orgdash knows, by name.
var Plans = map[string]Plan{
	"free": {Name: "free", Page: "rate-limit-configurations/free-public", Global: lim(perSec(2, 2))},
	"essentials": {Name: "essentials", Page: "rate-limit-configurations/essentials-professional-b2b",
		Others: lim(perMin(10, 150)), Groups: map[Group]Limit{
			OrgsRead: perMin(5, 50), OrgByIDRead: perMin(20, 200), OrgByNameRead: perMin(10, 100), OrgsWrite: perMin(5, 25),
			OrgMembersRead: perMin(40, 500), OrgMembersWrite: perMin(20, 200),
			OrgMemberRolesRead: perMin(20, 200), OrgMemberRolesWrite: perMin(20, 200),
			OrgConnectionsRead: perMin(5, 50), OrgConnectionsWrite: perMin(5, 25),
			UsersRead: perMin(40, 500), UsersWrite: perMin(20, 200), ClientsRead: perMin(5, 100), ConnectionsRead: perMin(5, 50),
			LogsRead:            perMin(10, 100), // the page's "logs" row (API.md)
			OrgClientGrantsRead: perMin(10, 100), OrgClientGrantsWrite: perMin(5, 150),
		}},
	"enterprise": {Name: "enterprise", Page: "rate-limit-configurations/enterprise-public",
		Global: lim(perSec(50, 16)), Groups: enterpriseGroups},
	"enterprise-nonprod": {Name: "enterprise-nonprod", Page: "rate-limit-configurations/enterprise-public",
		Global: lim(perSec(10, 2)), Groups: enterpriseGroups},
	"private-20": {Name: "private-20", Page: "rate-limit-configurations/tier-20-development-private-cloud",
		Global: lim(perSec(20, 20)), Groups: map[Group]Limit{
			OrgsRead: perMin(10, 100), OrgByIDRead: perMin(40, 500), OrgByNameRead: perMin(20, 200), OrgsWrite: perMin(5, 150),
			OrgMembersRead: perMin(40, 500), OrgMembersWrite: perMin(20, 200),
			OrgMemberRolesRead: perMin(20, 200), OrgMemberRolesWrite: perMin(20, 200),
			OrgConnectionsRead: perMin(10, 100), OrgConnectionsWrite: perMin(5, 150),
		}},
	"private-500": {Name: "private-500", Page: "rate-limit-configurations/tier-500-rps-private-cloud",
		Global: lim(perSec(250, 250)), Groups: map[Group]Limit{
			OrgsRead: perMin(50, 500), OrgByIDRead: perMin(50, 2500), OrgByNameRead: perMin(100, 1000), OrgsWrite: perMin(25, 750),
			OrgMembersRead: perMin(200, 2500), OrgMembersWrite: perMin(100, 1000),
			OrgMemberRolesRead: perMin(100, 1000), OrgMemberRolesWrite: perMin(100, 1000),
			OrgConnectionsRead: perMin(50, 500), OrgConnectionsWrite: perMin(25, 750),
		}},
}

// PlanNames are the plans' names, sorted.
func PlanNames() []string {
	names := make([]string, 0, len(Plans))
	for n := range Plans {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Describe lists the plan's buckets, one a line, for `orgdash sim` to print.
func (p Plan) Describe() string {
	var b strings.Builder
	if p.Global != nil {
		fmt.Fprintf(&b, "  global                          %s\n", p.Global)
	}
	if p.Others != nil {
		fmt.Fprintf(&b, "  all other endpoints             %s\n", p.Others)
	}
	groups := make([]string, 0, len(p.Groups))
	for g := range p.Groups {
		groups = append(groups, string(g))
	}
	sort.Strings(groups)
	for _, g := range groups {
		fmt.Fprintf(&b, "  %-31s %s\n", g, p.Groups[Group(g)])
	}
	return b.String()
}
