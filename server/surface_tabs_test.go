package server

import (
	"context"
	"testing"

	"github.com/orgdash/orgdash/sim"
)

// acmeGrants is how many client grants acme has, as the tenant says.
func (r *rig) acmeGrants(t *testing.T) int {
	t.Helper()
	o, err := r.cl.OrganizationByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	gs, err := r.cl.OrgClientGrants(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(gs)
}

// A viewer over SSH sees acme's Machine-to-Machine Access tab but can
// neither remove a grant nor associate one: refused, nothing sent or
// audited.
func TestViewerCannotChangeMachineToMachineAccess(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	before := r.acmeGrants(t)
	tm := r.connect(t, "ann", r.viewer, 120, 36)
	tm.wait("3 organizations", "1 of 3", "viewer: read-only")
	tm.send("\r")
	tm.wait("Overview")
	tm.send("7")
	tm.wait("M2M Access (1)", "Acme Billing API")
	tm.send("d")
	tm.wait("cannot remove client grant: viewer: read-only")
	tm.send("n")
	tm.wait("cannot associate client grant: viewer: read-only")
	if got := r.acmeGrants(t); got != before {
		t.Fatalf("a viewer changed acme's grants: %d, were %d", got, before)
	}
	if es := r.auditEntries(t); len(es) != 0 {
		t.Fatalf("audit lines for a viewer who changed nothing: %+v", es)
	}
}

// A viewer over SSH sees acme's Roles tab but can neither delete a role
// nor create one: refused, nothing sent or audited.
func TestViewerCannotChangeOrganizationRoles(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	o, err := r.cl.OrganizationByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	tm := r.connect(t, "ann", r.viewer, 120, 36)
	tm.wait("3 organizations", "1 of 3", "viewer: read-only")
	tm.send("\r")
	tm.wait("Roles (1)")
	tm.send("8")
	tm.wait("acme-billing-admin")
	tm.send("d")
	tm.wait("cannot delete organization role: viewer: read-only")
	tm.send("n")
	tm.wait("cannot create organization role: viewer: read-only")
	if roles, err := r.cl.OrgRoles(context.Background(), o.ID); err != nil || len(roles) != 1 {
		t.Fatalf("a viewer changed acme's roles: %v %v", roles, err)
	}
	if es := r.auditEntries(t); len(es) != 0 {
		t.Fatalf("audit lines for a viewer who changed nothing: %+v", es)
	}
}

// A viewer over SSH cannot edit an organization's newer settings either.
func TestViewerCannotEditOrganizationSettings(t *testing.T) {
	t.Parallel() // its own server, tenant and clients
	r := newRig(t, sim.Options{Orgs: 3, Members: 5})
	tm := r.connect(t, "ann", r.viewer, 120, 36)
	tm.wait("3 organizations", "1 of 3", "viewer: read-only")
	tm.send("\r")
	tm.wait("Danger Zone")
	tm.send("E")
	tm.wait("cannot edit organization: viewer: read-only")
	if es := r.auditEntries(t); len(es) != 0 {
		t.Fatalf("audit lines for a viewer who changed nothing: %+v", es)
	}
}
