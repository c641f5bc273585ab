package client

import "context"

// readOnly refuses every mutation below the UI, whatever the UI sends. It
// embeds only the Reader: each write is written out here, refused.
type readOnly struct {
	Reader
	why string
}

var _ Client = readOnly{}

// ReadOnly wraps c so that every call that would change the tenant fails
// with ErrLocked, giving why ("viewer: read-only", "profile prod is read-only").
func ReadOnly(c Client, why string) Client { return readOnly{c, why} }

func (r readOnly) refuse(op string) error { return &Error{Kind: Locked, Op: op, Message: r.why} }

func (r readOnly) refuseAll(op string, ids []string) []MemberResult {
	out := make([]MemberResult, len(ids))
	for i, id := range ids {
		out[i] = MemberResult{UserID: id, Outcome: Failed, Err: r.refuse(op)}
	}
	return out
}

func (r readOnly) Capabilities() Capabilities {
	c := r.Reader.Capabilities()
	c.ReadOnly = r.why
	return c
}

func (r readOnly) CreateOrganization(context.Context, OrgSpec) (Organization, error) {
	return Organization{}, r.refuse("create organization")
}

func (r readOnly) UpdateOrganization(context.Context, string, OrgSpec) (Organization, error) {
	return Organization{}, r.refuse("edit organization")
}

func (r readOnly) DeleteOrganization(context.Context, string) error {
	return r.refuse("delete organization")
}

func (r readOnly) EnableConnection(context.Context, string, string, ConnectionSettings) (Connection, error) {
	return Connection{}, r.refuse("enable connection")
}

func (r readOnly) SetConnectionEnabled(context.Context, string, string, bool) (Connection, error) {
	return Connection{}, r.refuse("toggle connection")
}

func (r readOnly) UpdateConnection(context.Context, string, string, ConnectionSettings) (Connection, error) {
	return Connection{}, r.refuse("edit connection")
}

func (r readOnly) RemoveConnection(context.Context, string, string) error {
	return r.refuse("remove connection")
}

func (r readOnly) AddMembers(_ context.Context, _ string, ids []string) []MemberResult {
	return r.refuseAll("add members", ids)
}

func (r readOnly) RemoveMembers(_ context.Context, _ string, ids []string) []MemberResult {
	return r.refuseAll("remove members", ids)
}

func (r readOnly) Invite(context.Context, string, InviteSpec) (Invitation, error) {
	return Invitation{}, r.refuse("invite")
}

func (r readOnly) RevokeInvitation(context.Context, string, string) error {
	return r.refuse("revoke invitation")
}

func (r readOnly) RemoveRoles(context.Context, string, string, []string) error {
	return r.refuse("remove roles")
}

func (r readOnly) AssignRoles(context.Context, string, string, []string) error {
	return r.refuse("assign roles")
}

func (r readOnly) AddDiscoveryDomain(context.Context, string, DiscoveryDomain) (DiscoveryDomain, error) {
	return DiscoveryDomain{}, r.refuse("add discovery domain")
}

func (r readOnly) UpdateDiscoveryDomain(context.Context, string, string, bool, bool) (DiscoveryDomain, error) {
	return DiscoveryDomain{}, r.refuse("edit discovery domain")
}

func (r readOnly) CreateOrgRole(context.Context, string, string, string) (Role, error) {
	return Role{}, r.refuse("create organization role")
}

func (r readOnly) DeleteOrgRole(context.Context, string, string) error {
	return r.refuse("delete organization role")
}

func (r readOnly) AssociateClientGrant(context.Context, string, string) error {
	return r.refuse("associate client grant")
}

func (r readOnly) RemoveOrgClientGrant(context.Context, string, string) error {
	return r.refuse("remove client grant")
}

func (r readOnly) RemoveDiscoveryDomain(context.Context, string, string) error {
	return r.refuse("remove discovery domain")
}

func (r readOnly) SetConnectionApp(context.Context, string, string, bool) error {
	return r.refuse("enable connection for application")
}

func (r readOnly) SetUserBlocked(context.Context, string, bool) error {
	return r.refuse("block or unblock user")
}

func (r readOnly) RemoveUserBlocks(context.Context, string) error {
	return r.refuse("remove brute-force blocks")
}
