package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// e edits acme's display name and its newer settings in one form: one
// confirmation lists every field that changes, one audited change (one
// PATCH) applies them, the tenant has them all, and z puts all back.
func TestFlowOrganizationEditWithSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.wantNot("third-party") // the demo's organizations have none of the settings yet
		f.press("e")
		f.wait("Edit acme", "┃ Name")
		f.press("enter")
		f.wait("┃ Display name")
		f.press("ctrl+u").typed("Acme Two").press("enter", "enter", "enter", "enter", "enter")
		f.wait("┃ Third-party applications")
		f.wantNot("Application entitlement") // this tenant's acme does not answer it
		f.press("y")
		f.wait("┃ Token quota a day")
		f.typed("0").press("enter")
		f.want("a whole number of tokens, 1 or more")
		f.press("backspace")
		f.typed("500").press("enter")
		f.wait("┃ Token quota an hour")
		f.press("enter")
		f.wait("┃ Enforce the quota")
		f.press("enter")
		f.wait("Save the changes to acme?", "display name: Acme → Acme Two", "third-party applications: block → allow",
			"token quota: none → 500 a day, enforced")
		f.confirm("y")
		f.wait("saved acme", "Acme Two", "third-party allow · token quota 500 a day, enforced")
		o, err := f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetDisplayName() != "Acme Two" || o.GetThirdPartyClientAccess() != "allow" || o.TokenQuota == nil ||
			o.TokenQuota.ClientCredentials.GetPerDay() != 500 || o.IsAppEntitlementActive != nil {
			t.Fatalf("the tenant has %+v, %v", o, err)
		}
		es := f.audited("edit organization")
		if es[0].Before["display_name"] != "Acme" || es[0].After["display_name"] != "Acme Two" ||
			es[0].Before["third_party_client_access"] != "block" || es[0].After["third_party_client_access"] != "allow" {
			t.Fatalf("audit %+v", es[0])
		}
		f.press("z")
		f.wait("put back the old values of acme", "third-party block · token quota none")
		o, err = f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetDisplayName() != "Acme" || o.GetThirdPartyClientAccess() != "block" || o.TokenQuota != nil {
			t.Fatalf("after the undo the tenant has %+v, %v", o, err)
		}
		f.audited("edit organization", "edit organization")
	})
}

// E opens the same form at its settings; an organization of a tenant
// with application entitlement is asked about it too.
func TestFlowSettingsShortcutOpensTheEditForm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		name := "entitled"
		o := &management.Organization{Name: &name}
		if err := tn.Management(t).Organization.Create(context.Background(), o); err != nil || o.IsAppEntitlementActive == nil {
			t.Fatalf("created %+v, %v: a tenant with organization applications answers entitlement", o, err)
		}
		f := startFlow(t, tn, "", "")
		f.wait("4 organizations")
		f.press("G", "enter")
		f.wait("entitled › Overview", "entitlement off")
		f.press("E")
		f.wait("Edit entitled", "┃ Third-party applications")
		f.press("enter")
		f.wait("┃ Application entitlement")
		f.press("y")
		f.wait("┃ Token quota a day")
		f.press("enter", "enter", "enter")
		f.wait("Save the changes to entitled?", "application entitlement: off → on")
		f.wantNot("display name:", "third-party applications:")
		f.confirm("y")
		f.wait("saved entitled", "entitlement on")
		got, err := f.admin.Organization.Read(context.Background(), o.GetID())
		if err != nil || !got.GetIsAppEntitlementActive() {
			t.Fatalf("the tenant has %+v, %v", got, err)
		}
		f.audited("edit organization")
	})
}

// On a read-only profile, and for a viewer over SSH, e and E are refused,
// saying why; nothing is sent or audited.
func TestFlowOrganizationEditRefusedWithoutWrites(t *testing.T) {
	for _, why := range []string{"profile prod is read-only", "viewer: read-only"} {
		t.Run(why, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
				f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, why) })
				f.wait("3 organizations", "1 of 3")
				f.press("enter")
				f.wait("Danger Zone")
				f.press("E")
				f.want("cannot edit organization: " + why)
				f.press("e")
				f.want("cannot edit organization: " + why)
				f.wantNot("Edit acme")
				f.audited()
			})
		})
	}
}
