package client_test

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// The login explainer's writes under the same faults: enabling a
// connection for an application, blocking and unblocking a user, lifting
// brute-force blocks. Each is read back after a lost answer, so the audit
// agrees with the tenant.
func (m *matrix) loginRound(faults sim.Faults) {
	on := func() { m.tn.SetFaults(faults) }
	off := func() { m.tn.SetFaults(sim.Faults{}) }
	app := m.tn.ClientID()

	apps, err := m.truth.ConnectionApps(ctx, m.conn)
	if err != nil {
		m.t.Fatal(err)
	}
	want := !slices.Contains(apps, app)
	on()
	_ = m.c.SetConnectionApp(ctx, m.conn, app, want)
	off()
	apps, _ = m.truth.ConnectionApps(ctx, m.conn)
	m.judge("enable connection for application", faults, slices.Contains(apps, app) == want)

	u, err := m.truth.User(ctx, m.users[0])
	if err != nil {
		m.t.Fatal(err)
	}
	on()
	_ = m.c.SetUserBlocked(ctx, u.UserID, !u.Blocked)
	off()
	got, _ := m.truth.User(ctx, u.UserID)
	m.judge("block or unblock user", faults, got.Blocked == !u.Blocked)

	victim := m.users[1]
	v, _ := m.truth.User(ctx, victim)
	tcs, err := m.truth.TenantConnections(ctx)
	if err != nil {
		m.t.Fatal(err)
	}
	for _, tc := range tcs {
		if tc.Name == "Username-Password-Authentication" {
			if err := m.truth.SetConnectionApp(ctx, tc.ID, app, true); err != nil {
				m.t.Fatal(err)
			}
		}
	}
	for range 10 {
		out, err := m.tn.AttemptLogin(sim.LoginAttempt{Email: v.Email, ClientID: app, WrongPassword: true})
		if err != nil || (out.Cause != sim.CauseWrongPassword && out.Cause != sim.CauseBruteForceBlocked) { // blocked still, where the last lift failed
			m.t.Fatalf("a wrong password: %+v, %v", out, err)
		}
	}
	if bs, _ := m.truth.UserBlocks(ctx, victim); len(bs) == 0 {
		m.t.Fatal("ten wrong passwords left no brute-force block")
	}
	on()
	_ = m.c.RemoveUserBlocks(ctx, victim)
	off()
	bs, _ := m.truth.UserBlocks(ctx, victim)
	m.judge("remove brute-force blocks", faults, len(bs) == 0)
}

func TestFaultMatrixLoginFixes(t *testing.T) {
	for _, f := range []sim.Faults{{TruncateRate: 0.4}, {DropRate: 0.4}, {ErrorRate: 0.4}, {LatencyMin: time.Second, LatencyMax: 3 * time.Second}} {
		t.Run(f.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := newMatrix(t, sim.Options{Empty: true, Seed: 7})
				for range 6 {
					m.loginRound(f)
				}
				t.Logf("%d changes tried, %d disagreements, %d unverified; outcomes %v", m.tried, m.disagreed, m.unverified, m.byOutcome)
			})
		})
	}
}
