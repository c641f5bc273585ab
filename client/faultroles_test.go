package client_test

import (
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
)

// The Roles tab's writes under the same faults: making one of an
// organization's own roles and deleting it. Each is read back after a
// lost answer, so the audit agrees with the tenant.
func TestFaultMatrixOrgRoles(t *testing.T) {
	for _, f := range []sim.Faults{{TruncateRate: 0.4}, {DropRate: 0.4}, {ErrorRate: 0.4}, {LatencyMin: time.Second, LatencyMax: 3 * time.Second}} {
		t.Run(f.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := newMatrix(t, sim.Options{Empty: true, Seed: 7})
				for range 6 {
					m.orgRoleRound(f)
				}
				if m.tried != 12 {
					t.Errorf("%d changes judged, want 12", m.tried)
				}
				t.Logf("%d changes tried, %d disagreements, %d unverified; outcomes %v", m.tried, m.disagreed, m.unverified, m.byOutcome)
			})
		})
	}
}

// orgRoleRound makes a role of the organization's own, then deletes it,
// each under faults.
func (m *matrix) orgRoleRound(faults sim.Faults) {
	on := func() { m.tn.SetFaults(faults) }
	off := func() { m.tn.SetFaults(sim.Faults{}) }
	name := fmt.Sprintf("matrix-role-%d", m.tried)
	find := func() (client.Role, bool) {
		rs, err := m.truth.OrgRoles(ctx, m.org)
		if err != nil {
			m.t.Fatal(err)
		}
		i := slices.IndexFunc(rs, func(r client.Role) bool { return r.Name == name })
		if i < 0 {
			return client.Role{}, false
		}
		return rs[i], true
	}
	on()
	_, _ = m.c.CreateOrgRole(m.cx(), m.org, name, "made under faults")
	off()
	r, made := find()
	m.judge("create organization role", faults, made)
	if !made {
		var err error
		if r, err = m.truth.CreateOrgRole(ctx, m.org, name, ""); err != nil {
			m.t.Fatal(err)
		}
	}
	on()
	_ = m.c.DeleteOrgRole(m.cx(), m.org, r.ID)
	off()
	_, still := find()
	m.judge("delete organization role", faults, !still)
}
