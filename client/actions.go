package client

import (
	"slices"
	"strings"

	"github.com/orgdash/orgdash/limits"
)

// Action is something the dashboard can do to a tenant.
type Action int

// The dashboard's actions; each has one row in actionTable.
const (
	ReadOrganizations Action = iota
	DeleteOrganization
	ReadConnections
	ReadTenantConnections
	EnableConnection
	ToggleConnection
	EditConnection
	RemoveConnection
	ReadMembers
	ReadMemberRoles
	AddMembers
	RemoveMembers
	AssignRoles
	ReadInvitations
	ReadUserOrganizations // a user's organizations, to verify removals cheaply
	CreateOrganization
	EditOrganization
	RemoveRoles
	ReadRoles
	RevokeInvitation
	Invite
	ReadApplications
	ReadDomains
	AddDomain
	EditDomain
	RemoveDomain
	ReadLogs
	ReadUserBlocks
	ReadConnectionApps
	ReadBlockedUsers
	EnableConnectionApp
	BlockUser
	RemoveUserBlocks
	ReadOrgClientGrants
	ReadClientGrants
	ReadResourceServers
	AssociateClientGrant
	RemoveOrgClientGrant
	SearchMembers
	ReadOrgRoles
	CreateOrgRole
	DeleteOrgRole
	ViewOrganizationJSON // one entity as Auth0 returns it (raw.go)
	ViewConnectionJSON
	ViewUserJSON
	ViewInvitationJSON
	ViewDomainJSON
	ReadGroups
	ReadGroupRoles
	actionCount // keep last
)

// ActionInfo is what orgdash knows of an action: the one place its name,
// scope, bucket and whether it changes the tenant are written.
type ActionInfo struct {
	Name    string       // in words, as menus and errors say it
	Scope   string       // the Management API scope it needs
	Group   limits.Group // the rate-limit bucket its calls spend
	Mutates bool         // it changes the tenant
}

// actionTable has one row per action, keyed so that a row cannot slip.
var actionTable = [actionCount]ActionInfo{
	ReadOrganizations:     {"read organizations", "read:organizations", limits.OrgsRead, false},
	DeleteOrganization:    {"delete organization", "delete:organizations", limits.OrgsWrite, true},
	ReadConnections:       {"read connections", "read:organization_connections", limits.OrgConnectionsRead, false},
	ReadTenantConnections: {"read tenant connections", "read:connections", limits.ConnectionsRead, false},
	EnableConnection:      {"enable connection", "create:organization_connections", limits.OrgConnectionsWrite, true},
	ToggleConnection:      {"toggle connection", "update:organization_connections", limits.OrgConnectionsWrite, true},
	EditConnection:        {"edit connection", "update:organization_connections", limits.OrgConnectionsWrite, true},
	RemoveConnection:      {"remove connection", "delete:organization_connections", limits.OrgConnectionsWrite, true},
	ReadMembers:           {"read members", "read:organization_members", limits.OrgMembersRead, false},
	ReadMemberRoles:       {"read member roles", "read:organization_member_roles", limits.OrgMemberRolesRead, false},
	AddMembers:            {"add members", "create:organization_members", limits.OrgMembersWrite, true},
	RemoveMembers:         {"remove members", "delete:organization_members", limits.OrgMembersWrite, true},
	AssignRoles:           {"assign roles", "create:organization_member_roles", limits.OrgMemberRolesWrite, true},
	ReadInvitations:       {"read invitations", "read:organization_invitations", limits.OrgInvitationsRead, false},
	ReadUserOrganizations: {"read user organizations", "read:users", limits.UserOrganizationsRead, false},
	CreateOrganization:    {"create organization", "create:organizations", limits.OrgsWrite, true},
	EditOrganization:      {"edit organization", "update:organizations", limits.OrgsWrite, true},
	RemoveRoles:           {"remove roles", "delete:organization_member_roles", limits.OrgMemberRolesWrite, true},
	ReadRoles:             {"read roles", "read:roles", limits.NoGroup, false},
	RevokeInvitation:      {"revoke invitation", "delete:organization_invitations", limits.OrgInvitationsWrite, true},
	Invite:                {"invite", "create:organization_invitations", limits.OrgInvitationsWrite, true},
	ReadApplications:      {"read applications", "read:clients", limits.ClientsRead, false},
	ReadDomains:           {"read discovery domains", "read:organization_discovery_domains", limits.NoGroup, false},
	AddDomain:             {"add discovery domain", "create:organization_discovery_domains", limits.NoGroup, true},
	EditDomain:            {"edit discovery domain", "update:organization_discovery_domains", limits.NoGroup, true},
	RemoveDomain:          {"remove discovery domain", "delete:organization_discovery_domains", limits.NoGroup, true},
	ReadLogs:              {"read logs", "read:logs", limits.LogsRead, false},
	ReadUserBlocks:        {"read user blocks", "read:users", limits.UsersRead, false},
	ReadConnectionApps:    {"read connection applications", "read:connections", limits.ConnectionsRead, false},
	ReadBlockedUsers:      {"read blocked users", "read:users", limits.UsersRead, false},
	EnableConnectionApp:   {"enable connection for application", "update:connections", limits.NoGroup, true},
	BlockUser:             {"block or unblock user", "update:users", limits.UsersWrite, true},
	RemoveUserBlocks:      {"remove brute-force blocks", "update:users", limits.NoGroup, true},
	ReadOrgClientGrants:   {"read organization client grants", "read:organization_client_grants", limits.OrgClientGrantsRead, false},
	ReadClientGrants:      {"read client grants", "read:client_grants", limits.NoGroup, false},
	ReadResourceServers:   {"read APIs", "read:resource_servers", limits.NoGroup, false},
	AssociateClientGrant:  {"associate client grant", "create:organization_client_grants", limits.OrgClientGrantsWrite, true},
	RemoveOrgClientGrant:  {"remove client grant", "delete:organization_client_grants", limits.OrgClientGrantsWrite, true},
	SearchMembers:         {"search members", "read:users", limits.UsersRead, false},
	ReadOrgRoles:          {"read organization roles", "read:roles", limits.NoGroup, false},
	CreateOrgRole:         {"create organization role", "create:roles", limits.NoGroup, true},
	DeleteOrgRole:         {"delete organization role", "delete:roles", limits.NoGroup, true},
	ViewOrganizationJSON:  {"view organization JSON", "read:organizations", limits.OrgByIDRead, false},
	ViewConnectionJSON:    {"view connection JSON", "read:organization_connections", limits.OrgConnectionsRead, false},
	ViewUserJSON:          {"view user JSON", "read:users", limits.UsersRead, false},
	ViewInvitationJSON:    {"view invitation JSON", "read:organization_invitations", limits.OrgInvitationsRead, false},
	ViewDomainJSON:        {"view discovery domain JSON", "read:organization_discovery_domains", limits.NoGroup, false},
	ReadGroups:            {"read organization groups", "read:organization_groups", limits.NoGroup, false},
	ReadGroupRoles:        {"read group roles", "read:organization_group_roles", limits.NoGroup, false}, // the scope's name is a guess (sim/surface.go)
}

// Actions are every action, in order.
func Actions() []Action {
	out := make([]Action, actionCount)
	for i := range out {
		out[i] = Action(i)
	}
	return out
}

// Info is the action's row of the table.
func (a Action) Info() ActionInfo { return actionTable[a] }

func (a Action) String() string { return actionTable[a].Name }

// Scope is the Management API scope the action needs.
func (a Action) Scope() string { return actionTable[a].Scope }

// Mutates reports whether the action changes the tenant.
func (a Action) Mutates() bool { return actionTable[a].Mutates }

// Scopes are the scopes that the reading actions (reads) or the changing
// ones need, each once, sorted.
func Scopes(reads bool) []string {
	var out []string
	for _, a := range Actions() {
		if i := a.Info(); i.Mutates != reads && !slices.Contains(out, i.Scope) {
			out = append(out, i.Scope)
		}
	}
	slices.Sort(out)
	return out
}

// ScopeTable is the README's table of scopes: each scope and the actions
// that need it, in Markdown.
func ScopeTable() string {
	scopes := append(Scopes(true), Scopes(false)...)
	var b strings.Builder
	b.WriteString("| scope | what it allows |\n|---|---|\n")
	for _, s := range scopes {
		var names []string
		for _, a := range Actions() {
			if a.Scope() == s {
				names = append(names, a.String())
			}
		}
		b.WriteString("| `" + s + "` | " + strings.Join(names, ", ") + " |\n")
	}
	return b.String()
}
