package clienttest

// The fake's answers to the newer organization pages: a tenant whose
// organizations have no client grants yet, without the Early Access
// features (organization applications, organization-level roles,
// groups), where every change of them fails.

import (
	"context"

	"github.com/orgdash/orgdash/client"
)

func (f *Fake) OrgClientGrants(context.Context, string) ([]client.ClientGrant, error) {
	return nil, f.fail("list organization client grants")
}

// OrgApplications answers as a tenant without organization applications.
func (f *Fake) OrgApplications(context.Context, string) ([]client.OrgApplication, error) {
	if err := f.fail("list organization applications"); err != nil {
		return nil, err
	}
	return nil, &client.Error{Kind: client.Unsupported, Op: "list organization applications", Message: "this tenant has no organization applications"}
}

// OrgRoles answers as a tenant without organization-level roles.
func (f *Fake) OrgRoles(context.Context, string) ([]client.Role, error) {
	if err := f.fail("list organization roles"); err != nil {
		return nil, err
	}
	return nil, &client.Error{Kind: client.Unsupported, Op: "list organization roles", Message: "this tenant has no organization-level roles"}
}

// OrgGroups answers as a tenant without groups in organizations.
func (f *Fake) OrgGroups(context.Context, string, string) (client.Page[client.Group], error) {
	if err := f.fail("list organization groups"); err != nil {
		return client.Page[client.Group]{}, err
	}
	return client.Page[client.Group]{}, &client.Error{Kind: client.Unsupported, Op: "list organization groups", Message: "this tenant has no groups in organizations"}
}

// GroupRoles answers as a tenant without groups in organizations.
func (f *Fake) GroupRoles(context.Context, string, string) ([]client.Role, error) {
	if err := f.fail("list group roles"); err != nil {
		return nil, err
	}
	return nil, &client.Error{Kind: client.Unsupported, Op: "list group roles", Message: "this tenant has no groups in organizations"}
}

// EffectiveRoles answers as a tenant without groups: a member's roles are
// their direct ones.
func (f *Fake) EffectiveRoles(context.Context, string, string) ([]client.EffectiveRole, error) {
	if err := f.fail("list effective roles"); err != nil {
		return nil, err
	}
	return nil, &client.Error{Kind: client.Unsupported, Op: "list organization groups", Message: "this tenant has no groups in organizations"}
}

func (f *Fake) ClientGrants(context.Context) ([]client.ClientGrant, error) {
	return nil, f.fail("list client grants")
}

func (f *Fake) ResourceServers(context.Context) ([]client.ResourceServer, error) {
	return nil, f.fail("list APIs")
}

// AssociateClientGrant fails as Auth0 does for a grant the fake's tenant
// does not have.
func (f *Fake) AssociateClientGrant(_ context.Context, _, grantID string) error {
	if err := f.fail("associate client grant"); err != nil {
		return err
	}
	return &client.Error{Kind: client.NotFound, Op: "associate client grant", Message: "no grant " + grantID}
}

// RemoveOrgClientGrant fails as Auth0 does for a grant the fake's tenant
// does not have.
func (f *Fake) RemoveOrgClientGrant(_ context.Context, _, grantID string) error {
	if err := f.fail("remove client grant"); err != nil {
		return err
	}
	return &client.Error{Kind: client.NotFound, Op: "remove client grant", Message: "no grant " + grantID}
}

func (f *Fake) OrgRoleMembers(context.Context, string, string) ([]client.Member, error) {
	return nil, f.fail("list role members")
}

// CreateOrgRole fails as a tenant without organization-level roles does.
func (f *Fake) CreateOrgRole(context.Context, string, string, string) (client.Role, error) {
	if err := f.fail("create organization role"); err != nil {
		return client.Role{}, err
	}
	return client.Role{}, &client.Error{Kind: client.Unsupported, Op: "create organization role", Message: "this tenant has no organization-level roles"}
}

// DeleteOrgRole fails as a tenant without organization-level roles does.
func (f *Fake) DeleteOrgRole(context.Context, string, string) error {
	if err := f.fail("delete organization role"); err != nil {
		return err
	}
	return &client.Error{Kind: client.Unsupported, Op: "delete organization role", Message: "this tenant has no organization-level roles"}
}
