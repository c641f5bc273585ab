package client_test

import (
	"net/http"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
)

// The Machine-to-Machine Access tab's writes under the same faults:
// associating a client grant with an organization and removing it. Each
// is read back after a lost answer, so the audit agrees with the tenant.
func TestFaultMatrixOrgClientGrants(t *testing.T) {
	for _, f := range []sim.Faults{{TruncateRate: 0.4}, {DropRate: 0.4}, {ErrorRate: 0.4}, {LatencyMin: time.Second, LatencyMax: 3 * time.Second}} {
		t.Run(f.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := newMatrix(t, sim.Options{Empty: true, Seed: 7})
				grant := m.allowedGrant()
				for range 6 {
					m.grantRound(f, grant)
				}
				if m.tried != 12 {
					t.Errorf("%d changes judged, want 12", m.tried)
				}
				t.Logf("%d changes tried, %d disagreements, %d unverified; outcomes %v", m.tried, m.disagreed, m.unverified, m.byOutcome)
			})
		})
	}
}

// allowedGrant makes an API and a grant to it that organizations may use.
func (m *matrix) allowedGrant() string {
	admin := m.tn.Management(m.t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 10, Statuses: []int{http.StatusTooManyRequests}}))
	must := func(err error) {
		if err != nil {
			m.t.Fatal(err)
		}
	}
	must(admin.Request(ctx, "POST", admin.URI("resource-servers"), &map[string]any{"name": "Matrix API", "identifier": "https://matrix.example/"}))
	var g struct{ ID string }
	must(admin.Request(ctx, "POST", admin.URI("client-grants"), &map[string]any{"client_id": m.tn.ClientID(),
		"audience": "https://matrix.example/", "scope": []string{}, "organization_usage": "allow"}))
	gs, err := m.truth.ClientGrants(ctx)
	must(err)
	for _, x := range gs {
		if x.Audience == "https://matrix.example/" {
			g.ID = x.ID
		}
	}
	if g.ID == "" {
		m.t.Fatalf("the grant made is not listed: %+v", gs)
	}
	return g.ID
}

// grantRound associates the grant, then removes it, each under faults.
func (m *matrix) grantRound(faults sim.Faults, grant string) {
	on := func() { m.tn.SetFaults(faults) }
	off := func() { m.tn.SetFaults(sim.Faults{}) }
	associated := func() bool {
		gs, err := m.truth.OrgClientGrants(ctx, m.org)
		if err != nil {
			m.t.Fatal(err)
		}
		return slices.ContainsFunc(gs, func(g client.ClientGrant) bool { return g.ID == grant })
	}
	if associated() { // the last removal did not apply
		if err := m.truth.RemoveOrgClientGrant(ctx, m.org, grant); err != nil {
			m.t.Fatal(err)
		}
	}
	on()
	_ = m.c.AssociateClientGrant(m.cx(), m.org, grant)
	off()
	in := associated()
	m.judge("associate client grant", faults, in)
	if !in {
		if err := m.truth.AssociateClientGrant(ctx, m.org, grant); err != nil {
			m.t.Fatal(err)
		}
	}
	on()
	_ = m.c.RemoveOrgClientGrant(m.cx(), m.org, grant)
	off()
	m.judge("remove client grant", faults, !associated())
}
