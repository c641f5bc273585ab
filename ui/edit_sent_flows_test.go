package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
)

// An edit sends only what the user changed: acme, which has no
// third-party setting, gets a new display name and a token quota and
// nothing else (its third-party setting stays absent), and z sends the
// same two fields back (the quota removed with null), leaving what
// another session changed meanwhile (the metadata) as that session left it.
func TestFlowEditSendsOnlyWhatChangedAndUndoTheSame(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		o, err := f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.ThirdPartyClientAccess != nil || o.TokenQuota != nil {
			t.Fatalf("acme starts with %+v, %v: want no settings", o, err)
		}
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.press("e")
		f.wait("Edit acme", "┃ Name")
		f.press("enter")
		f.wait("┃ Display name")
		f.press("ctrl+u").typed("Acme Two").press("enter", "enter", "enter", "enter", "enter")
		f.wait("┃ Third-party applications")
		f.press("enter")
		f.wait("┃ Token quota a day")
		f.typed("1000").press("enter")
		f.wait("┃ Token quota an hour")
		f.press("enter")
		f.wait("┃ Enforce the quota")
		f.press("enter")
		f.wait("Save the changes to acme?", "display name: Acme → Acme Two", "token quota: none → 1000 a day, enforced")
		f.wantNot("third-party applications:")
		f.confirm("y")
		f.wait("saved acme", "Acme Two", "third-party block (default) · token quota 1000 a day, enforced")
		o, err = f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetDisplayName() != "Acme Two" || o.TokenQuota == nil || o.TokenQuota.ClientCredentials.GetPerDay() != 1000 ||
			o.ThirdPartyClientAccess != nil {
			t.Fatalf("after the edit the tenant has %+v, %v: want the display name and the quota, no third-party setting", o, err)
		}
		md := map[string]string{"tier": "set-by-someone-else"}
		if err := f.admin.Organization.Update(context.Background(), acme, &management.Organization{Metadata: &md}); err != nil {
			t.Fatal(err)
		}
		f.press("z")
		f.wait("put back the old values of acme")
		f.wantNot("third-party")
		o, err = f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetDisplayName() != "Acme" || o.TokenQuota != nil || o.ThirdPartyClientAccess != nil ||
			o.GetMetadata()["tier"] != "set-by-someone-else" {
			t.Fatalf("after the undo the tenant has %+v, %v: want the display name back, no quota, no third-party setting, the other session's metadata", o, err)
		}
		f.audited("edit organization", "edit organization")
	})
}

// Setting third-party access where the organization had none warns that
// z cannot remove it (Auth0's update takes allow or block, never null),
// and the undo says what it did instead.
func TestFlowEditSaysThirdPartyCannotBeUnset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.press("E")
		f.wait("Edit acme", "┃ Third-party applications")
		f.press("y")
		f.wait("┃ Token quota a day")
		f.press("enter", "enter", "enter")
		f.wait("Save the changes to acme?", "third-party applications: block → allow", "Auth0 cannot remove one")
		f.wantNot("display name:", "token quota:")
		f.confirm("y")
		f.wait("saved acme")
		f.press("z")
		f.wait("put back the old values of acme (third-party set to block")
		o, err := f.admin.Organization.Read(context.Background(), acme)
		if err != nil || o.GetThirdPartyClientAccess() != "block" || o.TokenQuota != nil {
			t.Fatalf("after the undo the tenant has %+v, %v", o, err)
		}
	})
}

// The demo has organizations that answer application entitlement: the
// Overview shows it and E asks about it.
func TestFlowDemoOrganizationWithEntitlement(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "cafe-creme")
		f.press("j", "enter")
		f.wait("cafe-creme › Overview", "third-party block · entitlement off · token quota none")
		f.press("E")
		f.wait("Edit cafe-creme", "┃ Third-party applications", "Application entitlement")
	})
}

// esc on an edit form with something typed asks before throwing it away:
// n goes back to the form as it was, y closes it saying nothing was sent;
// with nothing typed esc just closes. The settings blurb names them in the
// order the form asks them.
func TestFlowEditFormAsksBeforeDiscarding(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone")
		f.press("e")
		f.wait("Edit acme", "┃ Name")
		f.press("esc")
		f.wantNot("Edit acme", "Discard")
		f.press("e")
		f.wait("Edit acme", "┃ Name")
		f.press("enter")
		f.wait("┃ Display name")
		f.press("ctrl+u").typed("Acme Two").press("esc")
		f.wait("Discard the changes typed? Nothing has been sent.", "y discard • n/esc keep editing")
		f.press("n")
		f.wait("┃ Display name", "Acme Two")
		f.press("enter", "enter", "enter", "enter", "enter")
		f.wait("Third-party applications, token quota.")
		f.press("esc")
		f.wait("Discard the changes typed?")
		f.press("y")
		f.wait("Edit acme cancelled: nothing sent")
		f.wantNot("Acme Two")
		f.audited()
	})
}

// Under NO_COLOR the colours show as their values, with no blank where a
// swatch would be: in the Overview and in the edit form.
func TestFlowColoursWithoutColour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "", func(c *common.Common) { *c.Styles = *theme.New(true, true) })
		acme := f.orgID("acme")
		o, err := f.admin.Organization.Read(context.Background(), acme)
		if err != nil {
			t.Fatal(err)
		}
		primary := o.GetBranding().GetColors()["primary"]
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.wait("Danger Zone", "Primary       "+primary) // the label's column, then the value
		f.press("e")
		f.wait("Edit acme")
		for range 3 {
			f.press("enter")
		}
		f.wait("┃ Primary colour", "#rrggbb, optional. Now "+primary+".")
	})
}
