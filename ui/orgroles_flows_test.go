package ui

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// orgRoleNames are the names of an organization's own roles, as an admin
// reads them.
func (f *flow) orgRoleNames(orgID string) []string {
	f.t.Helper()
	l, err := f.admin.Role.List(context.Background(), management.Parameter("type", "organization"), management.Parameter("owner_id", orgID))
	if err != nil {
		f.t.Fatal(err)
	}
	var names []string
	for _, r := range l.Roles {
		names = append(names, r.GetName())
	}
	return names
}

// 8 lists acme's own roles; n creates one from a form, z deletes it
// again; enter lists who holds one; d deletes one and z makes it again,
// held by nobody. The tenant and the audit agree.
func TestFlowOrganizationRoles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Roles (1)")
		f.press("8")
		f.wait("acme-billing-admin", "Manages Acme's invoices", "n create role", "d delete role")

		f.press("n")
		f.wait("Create a role of acme's own", "┃ Name")
		f.typed("acme-billing-admin").press("enter")
		f.want("acme-billing-admin is already one of this organization's")
		f.press("ctrl+u")
		f.typed("auditor").press("enter")
		f.wait("┃ Description")
		f.typed("Reads the books").press("enter")
		f.wait("Create auditor?", "Only acme has it")
		f.confirm("y")
		f.wait("created auditor", "Roles (2)", "Reads the books")
		if got := f.orgRoleNames(acme); len(got) != 2 {
			t.Fatalf("after creating, acme's roles are %v", got)
		}
		f.press("z")
		f.wait("deleted auditor", "Roles (1)")
		if got := f.orgRoleNames(acme); len(got) != 1 {
			t.Fatalf("after the undo, acme's roles are %v", got)
		}

		f.press("enter")
		f.wait("acme-billing-admin: nobody in acme holds it")
		f.press("esc")
		f.press("d")
		f.want("Delete acme-billing-admin?", "nobody holds the new role")
		f.confirm("y")
		f.wait("deleted acme-billing-admin", "Roles (0)")
		if got := f.orgRoleNames(acme); len(got) != 0 {
			t.Fatalf("after deleting, acme's roles are %v", got)
		}
		f.press("z")
		f.wait("made acme-billing-admin again", "Roles (1)")
		if got := f.orgRoleNames(acme); len(got) != 1 || got[0] != "acme-billing-admin" {
			t.Fatalf("after the undo, acme's roles are %v", got)
		}
		es := f.audited("create organization role", "delete organization role", "delete organization role", "create organization role")
		if es[0].Targets[0] != "auditor" || es[2].Before["description"] != "Manages Acme's invoices" {
			t.Fatalf("audit %+v / %+v", es[0], es[2])
		}
	})
}

// On a read-only profile n and d are refused, saying why; nothing sent.
func TestFlowOrganizationRolesReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, "profile prod is read-only") })
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "8")
		f.wait("Roles (1)", "acme-billing-admin")
		f.press("d")
		f.want("cannot delete organization role: profile prod is read-only")
		f.press("n")
		f.want("cannot create organization role: profile prod is read-only")
		f.audited()
		if got := f.orgRoleNames(acme); len(got) != 1 {
			t.Fatalf("a read-only profile changed acme's roles: %v", got)
		}
	})
}

// A tenant without organization-level roles shows no Roles tab: 8 says
// so, and tab steps over it.
func TestFlowNoRolesTabWithoutTheFeature(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2, NoOrgRoles: true})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Domains (2)")
		f.Advance(time.Second) // the roles' answer is in
		f.wantNot("Roles")
		f.press("8")
		f.want("this tenant has no roles tab")
		f.press("7", "tab")
		f.want("acme › Applications") // the hidden Roles tab is skipped
	})
}
