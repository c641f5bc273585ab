// Package client is the only way orgdash reaches Auth0: one interface over
// the official go-auth0 SDK, with the tenant's rate-limit budget tracked and
// honoured, checkpoint paging, batched bulk work, typed errors and the
// capabilities the access token grants.
package client

import (
	"context"
	"slices"
	"time"

	"github.com/orgdash/orgdash/client/pace"
)

// Client is what the dashboard needs of a tenant: what it reads and what it
// changes. Every method is context-first and safe for concurrent use;
// errors are *Error where Auth0 or the network answered, or the context's
// error.
type Client interface {
	Reader
	Writer
}

// Reader is every call that leaves the tenant as it was. A wrapper that
// guards changes (audit, read-only, shared) embeds only a Reader and so
// must write out every Writer method: a change it forgets does not compile.
type Reader interface {
	// Tenant says which tenant this is.
	Tenant() Tenant
	// Tracker is the tenant's rate-limit budget, shared by all its users.
	Tracker() *pace.Tracker
	// Capabilities says which actions the credentials allow.
	Capabilities() Capabilities

	// Organizations returns the page after the cursor from ("" for the
	// first); the page's Next is "" on the last page.
	Organizations(ctx context.Context, from string) (Page[Organization], error)
	// OrganizationsSorted returns page (from "" or "0": the first) of the
	// organizations as Auth0 sorts them by field ("name", "display_name"),
	// descending when desc: sort works only with offset paging, which
	// serves the first OffsetLimit of them. Next is the next page's number,
	// "" after the last.
	OrganizationsSorted(ctx context.Context, field string, desc bool, page string) (Page[Organization], error)
	// CountOrganizations asks how many organizations the tenant has, in one call.
	CountOrganizations(ctx context.Context) (int, error)
	Organization(ctx context.Context, id string) (Organization, error)
	OrganizationByName(ctx context.Context, name string) (Organization, error)

	// Connections lists an organization's connections, enabled or not.
	Connections(ctx context.Context, orgID string) ([]Connection, error)
	// TenantConnections lists the tenant's connections (for "enable").
	TenantConnections(ctx context.Context) ([]TenantConnection, error)

	// Members returns a page of members with their roles.
	Members(ctx context.Context, orgID, from string) (Page[Member], error)
	// CountMembers asks how many members an organization has, in one call.
	CountMembers(ctx context.Context, orgID string) (int, error)
	// VerifyRemoved polls until the removed members stop listing, ending
	// each as confirmed, or unverified when time runs out.
	VerifyRemoved(ctx context.Context, orgID string, userIDs []string) []MemberResult
	// MemberRoles are one member's roles in an organization (one call).
	MemberRoles(ctx context.Context, orgID, userID string) ([]Role, error)
	// FindUsers finds people by email or name (one call, at most 50).
	FindUsers(ctx context.Context, text string) ([]User, error)
	// SearchMembers finds an organization's members by email, name or user
	// id through Auth0's user search: one call, at most 50, on
	// organizations of any size, without loading the members.
	SearchMembers(ctx context.Context, orgID, text string) ([]Member, error)
	// User is a user with their organizations, for the member detail.
	User(ctx context.Context, id string) (User, error)
	// UserOrganizations are the organizations a user is a member of (GET
	// /users/{id}/organizations, one call a page), without the user.
	UserOrganizations(ctx context.Context, userID string) ([]Organization, error)
	// Roles are the tenant's roles (GET /roles), for pickers and names.
	Roles(ctx context.Context) ([]Role, error)

	Invitations(ctx context.Context, orgID string) ([]Invitation, error)
	Applications(ctx context.Context) ([]Application, error)

	// DiscoveryDomains lists an organization's discovery domains; a tenant
	// without the feature answers Unsupported.
	DiscoveryDomains(ctx context.Context, orgID string) ([]DiscoveryDomain, error)

	// ConnectionApps are the ids of the applications a connection is
	// enabled for.
	ConnectionApps(ctx context.Context, connID string) ([]string, error)
	// UserBlocks are the brute-force blocks Auth0 holds on a user.
	UserBlocks(ctx context.Context, userID string) ([]Block, error)
	// Logs reads the tenant's log events that q selects, newest first (or
	// oldest first from q.After).
	Logs(ctx context.Context, q LogQuery) ([]LogEvent, error)

	// OrgClientGrants lists the machine-to-machine grants associated with
	// an organization.
	OrgClientGrants(ctx context.Context, orgID string) ([]ClientGrant, error)
	// ClientGrants are the tenant's client grants, to associate one.
	ClientGrants(ctx context.Context) ([]ClientGrant, error)
	// ResourceServers are the tenant's APIs, naming grants' audiences.
	ResourceServers(ctx context.Context) ([]ResourceServer, error)
	// OrgApplications lists the applications an organization's members
	// may use; a tenant without the feature answers Unsupported.
	OrgApplications(ctx context.Context, orgID string) ([]OrgApplication, error)
	// OrgRoles lists an organization's own (organization-level) roles.
	OrgRoles(ctx context.Context, orgID string) ([]Role, error)
	// OrgRoleMembers lists the members holding one of an organization's
	// own roles; a tenant without them answers Unsupported.
	OrgRoleMembers(ctx context.Context, orgID, roleID string) ([]Member, error)
	// OrgGroups reads a page of an organization's groups (without their
	// roles: one call); a tenant without the feature answers Unsupported.
	OrgGroups(ctx context.Context, orgID, from string) (Page[Group], error)
	// GroupRoles lists the roles a group gives its members in an
	// organization.
	GroupRoles(ctx context.Context, orgID, groupID string) ([]Role, error)
	// EffectiveRoles lists a member's roles, direct or through groups.
	EffectiveRoles(ctx context.Context, orgID, userID string) ([]EffectiveRole, error)
	// BlockedUsers are the tenant's users Auth0 marks blocked (one search,
	// at most MaxFound), with their organizations unread.
	BlockedUsers(ctx context.Context) ([]User, error)
	// RawJSON is one GET of e, its body as Auth0 sent it with every
	// credential-like value hidden (raw.go).
	RawJSON(ctx context.Context, e Entity) ([]byte, error)
	// Events reads the tenant's Events API stream after offset from,
	// giving each event to yield; it returns the last offset read, to
	// resume after a drop (see events.go).
	Events(ctx context.Context, from string, yield func(Event) bool) (string, error)
}

// Writer is every call that changes the tenant.
type Writer interface {
	DeleteOrganization(ctx context.Context, id string) error
	// CreateOrganization makes an organization, after checking s against
	// Auth0's rules; a lost answer is read back by the name.
	CreateOrganization(ctx context.Context, s OrgSpec) (Organization, error)
	// UpdateOrganization sets an organization's name, display name,
	// branding and metadata to s (branding and metadata whole).
	UpdateOrganization(ctx context.Context, id string, s OrgSpec) (Organization, error)

	EnableConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error)
	// SetConnectionEnabled turns a connection off or on keeping its
	// settings; tenants without that API answer ErrUnsupported.
	SetConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (Connection, error)
	UpdateConnection(ctx context.Context, orgID, connID string, s ConnectionSettings) (Connection, error)
	RemoveConnection(ctx context.Context, orgID, connID string) error

	// AddMembers adds users in batches within Auth0's cap (10 a request).
	AddMembers(ctx context.Context, orgID string, userIDs []string) []MemberResult
	// RemoveMembers removes members in batches within Auth0's cap and
	// waits until the tenant stops listing them: each ends Confirmed,
	// Unverified, Failed, Cancelled (never sent) or Absent (a small set is
	// checked first: not a member any more, so not removed by this call).
	RemoveMembers(ctx context.Context, orgID string, userIDs []string) []MemberResult
	AssignRoles(ctx context.Context, orgID, userID string, roleIDs []string) error
	// RemoveRoles takes roles away from a member in the organization.
	RemoveRoles(ctx context.Context, orgID, userID string, roleIDs []string) error

	// Invite invites one person; Applications are what an invitation may log into.
	Invite(ctx context.Context, orgID string, s InviteSpec) (Invitation, error)
	// RevokeInvitation deletes a pending invitation: its link stops working.
	RevokeInvitation(ctx context.Context, orgID, id string) error

	// AddDiscoveryDomain adds d's domain with d's status (pending until its
	// TXT record is verified, as a rule) and use; a lost answer is read back
	// by the name.
	AddDiscoveryDomain(ctx context.Context, orgID string, d DiscoveryDomain) (DiscoveryDomain, error)
	// UpdateDiscoveryDomain sets a domain's status and whether it routes logins.
	UpdateDiscoveryDomain(ctx context.Context, orgID, id string, verified, useForDiscovery bool) (DiscoveryDomain, error)
	RemoveDiscoveryDomain(ctx context.Context, orgID, id string) error

	// SetConnectionApp enables (or disables) a connection for one
	// application (PATCH /connections/{id}/clients).
	SetConnectionApp(ctx context.Context, connID, clientID string, enabled bool) error
	// SetUserBlocked blocks or unblocks a user (PATCH /users/{id} blocked).
	SetUserBlocked(ctx context.Context, userID string, blocked bool) error
	// RemoveUserBlocks lifts the brute-force blocks on a user
	// (DELETE /user-blocks/{id}); it cannot be undone.
	RemoveUserBlocks(ctx context.Context, userID string) error

	// AssociateClientGrant lets an organization be used with a
	// machine-to-machine grant (its organization_usage must allow it).
	AssociateClientGrant(ctx context.Context, orgID, grantID string) error
	// RemoveOrgClientGrant takes a grant from an organization; the grant
	// stays the tenant's, so it can be associated again.
	RemoveOrgClientGrant(ctx context.Context, orgID, grantID string) error
	// CreateOrgRole makes a role of the organization's own
	// (organization-level roles, Early Access).
	CreateOrgRole(ctx context.Context, orgID, name, description string) (Role, error)
	// DeleteOrgRole deletes one of the organization's own roles (never a
	// tenant role); its members lose it.
	DeleteOrgRole(ctx context.Context, orgID, roleID string) error
}

// Tenant identifies the tenant a client speaks to.
type Tenant struct {
	Domain string // as configured, such as example.eu.auth0.com
	Demo   bool   // the embedded simulator
}

// Page is one page of a list and the cursor of the next ("" when done).
type Page[T any] struct {
	Items []T
	Next  string
}

// All follows pages from the first to the last and returns every item.
func All[T any](ctx context.Context, fetch func(ctx context.Context, from string) (Page[T], error)) ([]T, error) {
	var all []T
	for from := ""; ; {
		p, err := fetch(ctx, from)
		all = append(all, p.Items...)
		if err != nil || p.Next == "" {
			return all, err
		}
		from = p.Next
	}
}

// Organization is an Auth0 organization.
type Organization struct {
	ID, Name, DisplayName string
	LogoURL               string
	Colors                map[string]string // primary, page_background
	Metadata              map[string]string
	// ThirdPartyAccess is third_party_client_access: "allow" lets
	// third-party applications log people in to it; "" or "block" does not.
	ThirdPartyAccess string
	// AppEntitlement is is_app_entitlement_active (Early Access): only the
	// applications the organization lists may log its people in.
	AppEntitlement bool
	// HasAppEntitlement says that Auth0 answered is_app_entitlement_active
	// at all: the tenant has application entitlement (a tenant with
	// organization applications answers it unasked, go-auth0's cassettes).
	HasAppEntitlement bool
	// TokenQuota limits its client-credentials tokens; nil: none.
	TokenQuota *TokenQuota
}

// Connection is a connection as enabled (or disabled) for an organization.
type Connection struct {
	ID, Name, Strategy string
	Enabled            bool
	// Legacy: the tenant lacks the newer connections family, so there is
	// no enabled flag to toggle: a listed connection is on.
	Legacy bool
	ConnectionSettings
}

// ConnectionSettings are an organization connection's settings.
type ConnectionSettings struct {
	AssignMembershipOnLogin bool // auto-membership
	ShowAsButton            bool // on the organization's login prompt
	SignupEnabled           bool // database connections only, with auto-membership
	// The newer family's own settings; empty where unset or where the
	// tenant lacks that family.
	OrgConnectionName string // the connection's name in this organization, 1–50 characters
	AccessLevel       string // of the organization's administrators: one of AccessLevels
}

// AccessLevels are organization_access_level's values, least first.
var AccessLevels = []string{"none", "readonly", "limited", "full"}

// TenantConnection is one of the tenant's connections.
type TenantConnection struct {
	ID, Name, DisplayName, Strategy string
}

// IsDatabase reports whether strategy is a database connection's.
func IsDatabase(strategy string) bool { return strategy == "auth0" }

// enterprise are the strategies whose login prompt button can be hidden.
var enterprise = []string{"samlp", "waad", "adfs", "okta", "oidc", "ad", "pingfederate", "google-apps"}

// IsEnterprise reports whether strategy is an enterprise connection's.
func IsEnterprise(strategy string) bool { return slices.Contains(enterprise, strategy) }

// Member is a member of an organization.
type Member struct {
	UserID, Name, Email, Picture string
	Roles                        []Role
}

// Role is an organization role held by a member.
type Role struct {
	ID, Name string
	// Description is what the role is for, where it was read (an
	// organization's own roles); "" elsewhere.
	Description string
}

// Invitation is a pending invitation to an organization.
type Invitation struct {
	ID, Invitee, Inviter   string
	CreatedAt, ExpiresAt   time.Time
	Roles                  []string // role ids
	ClientID, ConnectionID string
	URL                    string // the link, when the invitation was made here
}

// Outcome is how a member's part of a bulk action ended.
type Outcome int

// The outcomes of a member's part in a bulk action.
const (
	Pending    Outcome = iota
	Done               // Auth0 accepted it
	Confirmed          // and the listing shows it
	Failed             // Auth0 refused it; Err says why
	Unverified         // accepted (or its answer lost), but the listing did not show it in time
	Cancelled          // never sent: the session stopped first
	Absent             // already not a member before this change: nothing to do, nothing to undo
)

func (o Outcome) String() string {
	return [...]string{"pending", "done", "confirmed", "failed", "unverified", "cancelled", "absent"}[o]
}

// MemberResult is one member's outcome in a bulk action.
type MemberResult struct {
	UserID  string
	Outcome Outcome
	Err     error
}
