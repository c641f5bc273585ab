package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// E edits acme's newer settings: third-party applications allowed and a
// token quota of 500 a day, enforced, confirmed as before → after; the
// tenant has them, the audit says so, and z puts the old ones back.
func TestFlowOrganizationSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.wantNot("third-party") // the demo's organizations have none of the settings yet
		f.press("E")
		f.wait("Settings of acme", "┃ Third-party applications")
		f.press("left", "enter") // yes
		f.wait("┃ Application entitlement")
		f.press("enter")
		f.wait("┃ Token quota a day")
		f.typed("0").press("enter")
		f.want("a whole number of tokens, 1 or more")
		f.press("backspace")
		f.typed("500").press("enter")
		f.wait("┃ Token quota an hour")
		f.press("enter")
		f.wait("┃ Enforce the quota")
		f.press("enter")
		f.wait("Change the settings of acme?", "third-party applications: block → allow",
			"token quota: none → 500 a day, enforced")
		f.confirm("y")
		f.wait("saved the settings of acme", "third-party allow · entitlement off · token quota 500 a day, enforced")
		o, err := f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetThirdPartyClientAccess() != "allow" || o.TokenQuota == nil || o.TokenQuota.ClientCredentials.GetPerDay() != 500 {
			t.Fatalf("the tenant has %+v, %v", o, err)
		}
		f.press("z")
		f.wait("put back the old settings of acme", "third-party block · entitlement off · token quota none")
		o, err = f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetThirdPartyClientAccess() != "block" || o.TokenQuota != nil {
			t.Fatalf("after the undo the tenant has %+v, %v", o, err)
		}
		es := f.audited("edit organization", "edit organization")
		if es[0].After["third_party_client_access"] != "allow" || es[0].Before["third_party_client_access"] != "block" {
			t.Fatalf("audit %+v", es[0])
		}
	})
}

// On a read-only profile E is refused, saying why.
func TestFlowOrganizationSettingsReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, "profile prod is read-only") })
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.press("E")
		f.want("cannot edit organization: profile prod is read-only")
		f.audited()
	})
}
