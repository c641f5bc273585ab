package clienttest

// The fake's answers to creating and editing organizations, inviting,
// revoking, roles, and reading and finding users.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

func (f *Fake) CreateOrganization(_ context.Context, s client.OrgSpec) (client.Organization, error) {
	if err := s.Check(); err != nil {
		return client.Organization{}, &client.Error{Kind: client.Invalid, Op: "create organization", Message: err.Error()}
	}
	if err := f.fail("create organization"); err != nil {
		return client.Organization{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.Orgs {
		if o.Name == s.Name {
			return client.Organization{}, &client.Error{Kind: client.Conflict, Op: "create organization", Status: 409,
				Message: "An organization with the same name already exists."}
		}
	}
	o := client.Organization{ID: fmt.Sprintf("org_%016d", len(f.Orgs)+1000), Name: s.Name, DisplayName: s.DisplayName,
		LogoURL: s.LogoURL, Colors: s.Colors, Metadata: s.Metadata}
	f.Orgs = append(f.Orgs, o)
	return o, nil
}

// UpdateOrganization changes only the fields s sends (all of them unless
// s.Send says which), as the client does, and refuses what it refuses.
func (f *Fake) UpdateOrganization(_ context.Context, id string, s client.OrgSpec) (client.Organization, error) {
	if err := s.CheckEdit(); err != nil {
		return client.Organization{}, &client.Error{Kind: client.Invalid, Op: "edit organization", Message: err.Error()}
	}
	if err := f.fail("edit organization"); err != nil {
		return client.Organization{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.org(id)
	if err != nil {
		return client.Organization{}, err
	}
	o, send := &f.Orgs[i], s.Sends()
	if send.Has(client.FieldName) {
		o.Name = s.Name
	}
	if send.Has(client.FieldDisplayName) {
		o.DisplayName = s.DisplayName
	}
	if send.Has(client.FieldBranding) {
		o.LogoURL, o.Colors = s.LogoURL, s.Colors
	}
	if send.Has(client.FieldMetadata) {
		o.Metadata = s.Metadata
	}
	if st := s.Settings; st != nil {
		if send.Has(client.FieldThirdParty) {
			o.ThirdPartyAccess = st.ThirdPartyAccess
		}
		if send.Has(client.FieldEntitlement) && !st.NoEntitlement {
			o.AppEntitlement = st.AppEntitlement
		}
		if send.Has(client.FieldTokenQuota) {
			o.TokenQuota = st.TokenQuota
		}
	}
	return *o, nil
}

func (f *Fake) Invite(_ context.Context, orgID string, s client.InviteSpec) (client.Invitation, error) {
	if err := s.Check(); err != nil {
		return client.Invitation{}, &client.Error{Kind: client.Invalid, Op: "invite", Message: err.Error()}
	}
	if err := f.fail("invite"); err != nil {
		return client.Invitation{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inv := client.Invitation{ID: fmt.Sprintf("uinv_%d", len(f.Invites[orgID])+100), Invitee: s.Email, Inviter: s.Inviter, Roles: s.Roles,
		ClientID: s.ClientID, URL: "https://fake.example/invite"}
	f.Invites[orgID] = append(f.Invites[orgID], inv)
	return inv, nil
}

func (f *Fake) RevokeInvitation(_ context.Context, orgID, id string) error {
	if err := f.fail("revoke invitation"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Invites[orgID] = slices.DeleteFunc(f.Invites[orgID], func(i client.Invitation) bool { return i.ID == id })
	return nil
}

// FindUsers finds the login side's users by email, exactly.
func (f *Fake) FindUsers(_ context.Context, text string) ([]client.User, error) {
	if err := f.fail("find users"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.User
	for _, u := range f.Login.Users {
		if u.Email == text {
			out = append(out, client.User{UserID: u.UserID, Name: u.Name, Email: u.Email, Blocked: u.Blocked})
		}
	}
	return out, nil
}

// SearchMembers finds the organization's members whose name, email or
// user id contains text, case-insensitively.
func (f *Fake) SearchMembers(_ context.Context, orgID, text string) ([]client.Member, error) {
	if err := f.fail("search members"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	text = strings.ToLower(strings.TrimSpace(text))
	var out []client.Member
	for _, m := range f.MemberLists[orgID] {
		if text != "" && len(out) < client.MaxFound && (strings.Contains(strings.ToLower(m.Name), text) ||
			strings.Contains(strings.ToLower(m.Email), text) || strings.Contains(strings.ToLower(m.UserID), text)) {
			out = append(out, client.Member{UserID: m.UserID, Name: m.Name, Email: m.Email, Picture: m.Picture})
		}
	}
	return out, nil
}

func (f *Fake) User(_ context.Context, id string) (client.User, error) {
	if err := f.fail("read user"); err != nil {
		return client.User{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, known := f.Login.Users[id]
	u.UserID, u.Organizations = id, nil
	for _, o := range f.Orgs {
		for _, m := range f.MemberLists[o.ID] {
			if m.UserID == id {
				if !known {
					u.Name, u.Email = m.Name, m.Email
				}
				u.Organizations = append(u.Organizations, o)
			}
		}
	}
	return u, nil
}

func (f *Fake) Roles(context.Context) ([]client.Role, error) {
	return []client.Role{{ID: "rol_admin", Name: "admin"}, {ID: "rol_member", Name: "member"}}, f.fail("list roles")
}

func (f *Fake) RemoveRoles(context.Context, string, string, []string) error {
	return f.fail("remove roles")
}

// The fake is a tenant without discovery domains.
func noDomains(op string) error {
	return &client.Error{Kind: client.Unsupported, Op: op, Message: "this tenant has no discovery domains"}
}

// DiscoveryDomains are the login side's, where set.
func (f *Fake) DiscoveryDomains(_ context.Context, orgID string) ([]client.DiscoveryDomain, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Login.Domains == nil {
		return nil, noDomains("list discovery domains")
	}
	return slices.Clone(f.Login.Domains[orgID]), f.fail("list discovery domains")
}

func (f *Fake) AddDiscoveryDomain(context.Context, string, client.DiscoveryDomain) (client.DiscoveryDomain, error) {
	if err := f.fail("add discovery domain"); err != nil {
		return client.DiscoveryDomain{}, err
	}
	return client.DiscoveryDomain{}, noDomains("add discovery domain")
}

func (f *Fake) UpdateDiscoveryDomain(_ context.Context, orgID, id string, verified, use bool) (client.DiscoveryDomain, error) {
	if err := f.fail("edit discovery domain"); err != nil {
		return client.DiscoveryDomain{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, d := range f.Login.Domains[orgID] {
		if d.ID == id {
			d.Verified, d.UseForDiscovery = verified, use
			f.Login.Domains[orgID][i] = d
			return d, nil
		}
	}
	return client.DiscoveryDomain{}, noDomains("edit discovery domain")
}

func (f *Fake) RemoveDiscoveryDomain(context.Context, string, string) error {
	if err := f.fail("remove discovery domain"); err != nil {
		return err
	}
	return noDomains("remove discovery domain")
}

func (f *Fake) MemberRoles(_ context.Context, orgID, userID string) ([]client.Role, error) {
	if err := f.fail("read member roles"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.MemberLists[orgID] {
		if m.UserID == userID {
			return slices.Clone(m.Roles), nil
		}
	}
	return nil, nil
}

// Events answers as a tenant without the Events API does: unsupported.
func (f *Fake) Events(_ context.Context, from string, _ func(client.Event) bool) (string, error) {
	return from, &client.Error{Kind: client.Unsupported, Op: "read events", Message: "this tenant has no Events API"}
}
