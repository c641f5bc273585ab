package clienttest

// The fake's answers to the newer organization pages: a tenant whose
// organizations have none of them yet.

import (
	"context"

	"github.com/orgdash/orgdash/client"
)

func (f *Fake) OrgClientGrants(context.Context, string) ([]client.ClientGrant, error) {
	return nil, f.fail("list organization client grants")
}

func (f *Fake) OrgApplications(context.Context, string) ([]client.OrgApplication, error) {
	return nil, f.fail("list organization applications")
}

func (f *Fake) OrgRoles(context.Context, string) ([]client.Role, error) {
	return nil, f.fail("list organization roles")
}

func (f *Fake) OrgGroups(context.Context, string) ([]client.Group, error) {
	return nil, f.fail("list organization groups")
}

func (f *Fake) EffectiveRoles(context.Context, string, string) ([]client.EffectiveRole, error) {
	return nil, f.fail("list effective roles")
}
