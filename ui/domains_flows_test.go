package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// domain reads an organization's discovery domain by name, as an admin;
// nil when it has none by that name.
func (f *flow) domain(orgID, name string) *management.OrganizationDiscoveryDomain {
	f.t.Helper()
	l, err := f.admin.Organization.DiscoveryDomains(context.Background(), orgID)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, d := range l.Domains {
		if d.GetDomain() == name {
			return d
		}
	}
	return nil
}

func (f *flow) orgID(name string) string {
	f.t.Helper()
	o, err := f.admin.Organization.ReadByName(context.Background(), name)
	if err != nil {
		f.t.Fatal(err)
	}
	return o.GetID()
}

// n adds a domain from a form that applies Auth0's rules before any call,
// then shows the TXT record to create; the tenant has it, the audit says
// so, and z removes it again.
func TestFlowAddDiscoveryDomain(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.want("Domains (2)")
		f.press("5")
		f.want("acme.example", "verified", "acme-corp.example", "pending")
		f.press("n")
		f.want("Add a discovery domain to acme", "┃ Domain")
		before := tn.Stats().Calls
		f.typed("acme.example").press("enter")
		f.want("acme.example is already one of this organization's domains")
		f.press("ctrl+u")
		f.typed("no_dot").press("enter")
		f.want(`"no_dot" is not a domain name`)
		if n := tn.Stats().Calls - before; n != 0 {
			t.Fatalf("%d calls for domains Auth0 would refuse", n)
		}
		f.press("ctrl+u")
		f.typed("Acme.IO").press("enter")
		f.want("┃ Use for discovery")
		f.press("enter")
		f.want("Add acme.io?", "@acme.io email are then sent to acme at login.")
		f.confirm("y")
		f.want("TXT record for acme.io", "host:  _ss-verification."+acme+".acme.io", "Copy the value")
		d := f.domain(acme, "acme.io")
		if d == nil || d.GetStatus() != "pending" || !d.GetUseForOrganizationDiscovery() {
			t.Fatalf("the tenant has %+v", d)
		}
		f.want("value: " + d.GetVerificationTXT())
		f.press("esc")
		f.want("Domains (3)", "added acme.io (pending)", "z undo adding acme.io")
		f.press("z")
		f.want("removed acme.io", "Domains (2)")
		if d := f.domain(acme, "acme.io"); d != nil {
			t.Fatalf("after undo the tenant still has %+v", d)
		}
		es := f.audited("add discovery domain", "remove discovery domain")
		if es[0].Targets[0] != "acme.io" || es[0].After["use_for_organization_discovery"] != true {
			t.Fatalf("audit %+v", es[0])
		}
	})
}

// t turns discovery off keeping the domain; d removes a verified domain,
// and z puts it back verified, with a new record value.
func TestFlowToggleAndRemoveDiscoveryDomain(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		old := f.domain(acme, "acme.example")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "5")
		f.want("acme.example")
		f.press("t")
		f.want("Change acme.example?", "discovery: on → off")
		f.confirm("y")
		f.want("acme.example is verified, discovery off")
		if d := f.domain(acme, "acme.example"); d.GetUseForOrganizationDiscovery() || d.GetStatus() != "verified" {
			t.Fatalf("after the toggle the tenant has %+v", d)
		}
		f.press("d")
		f.want("Remove acme.example?", "It routes no logins (discovery is off).", "as verified, with a")
		f.confirm("y")
		f.want("removed acme.example", "Domains (1)")
		if d := f.domain(acme, "acme.example"); d != nil {
			t.Fatalf("after removal the tenant has %+v", d)
		}
		f.press("z")
		f.want("put back acme.example (verified); its TXT record value is new", "Domains (2)")
		d := f.domain(acme, "acme.example")
		if d == nil || d.GetStatus() != "verified" || d.GetUseForOrganizationDiscovery() || d.GetVerificationTXT() == old.GetVerificationTXT() {
			t.Fatalf("after undo the tenant has %+v (was %+v)", d, old)
		}
		es := f.audited("edit discovery domain", "remove discovery domain", "add discovery domain")
		if es[0].Before["use_for_organization_discovery"] != true || es[0].After["use_for_organization_discovery"] != false {
			t.Fatalf("the edit's audit %+v", es[0])
		}
	})
}

// A tenant without discovery domains shows no Domains tab: 5 says so, and
// tab steps over it.
func TestFlowNoDomainsTabWithoutTheFeature(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2, NoDiscoveryDomains: true})
		f := startFlow(t, tn, "", "")
		f.wait("3 organizations", "1 of 3")
		f.press("enter")
		f.want("Invitations (")
		f.wantNot("Domains")
		f.press("5")
		f.want("this tenant has no domains tab")
		f.press("4", "tab")
		f.want("acme › Activity") // the hidden Domains tab is skipped
		f.press("shift+tab")
		f.want("acme › Invitations") // and back over it
	})
}
