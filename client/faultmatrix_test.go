package client_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// The fault matrix: every kind of change, under each fault the simulator
// can inject, and for each attempt the audit's outcome must agree with the
// tenant as it is afterwards: ok means applied, failed or cancelled means
// not applied, partial says which targets were, and only unverified may
// be either (it says it cannot tell). Between attempts the faults are off,
// and the tenant's truth is read by a plain client.

type matrix struct {
	t     *testing.T
	tn    *simtest.Tenant
	c     client.Client // audited, meets the faults
	truth client.Client // reads between attempts, no faults
	log   *syncBuffer
	org   string
	conn  string
	users []string
	roles []string // two tenant roles
	app   string   // an application invitations log into
	stop  *stopper // between m.c and the tenant

	tried, disagreed, unverified int
	byOutcome                    map[string]int
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// last is the outcome line of the latest change.
func (s *syncBuffer) last(t *testing.T) audit.Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	changes, err := audit.Read(bytes.NewReader(s.b.Bytes()))
	if err != nil || len(changes) == 0 {
		t.Fatalf("audit log: %d changes, %v", len(changes), err)
	}
	return changes[len(changes)-1]
}

func newMatrix(t *testing.T, opts sim.Options) *matrix {
	tn := simtest.StartInMemory(t, opts)
	admin := tn.Management(t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 10, Statuses: []int{http.StatusTooManyRequests}}))
	m := &matrix{t: t, tn: tn, log: &syncBuffer{}, byOutcome: map[string]int{}, stop: &stopper{base: tn.Transport}}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	var o, cn struct{ ID string }
	must(admin.Request(ctx, "POST", admin.URI("organizations"), &map[string]any{"name": "matrix"}))
	must(admin.Request(ctx, "GET", admin.URI("organizations", "name", "matrix"), &o))
	must(admin.Request(ctx, "POST", admin.URI("connections"), &map[string]any{"name": "matrix-saml", "strategy": "samlp"}))
	var conns []map[string]any
	must(admin.Request(ctx, "GET", admin.URI("connections"), &conns))
	for _, c := range conns {
		if c["name"] == "matrix-saml" {
			cn.ID = c["id"].(string)
		}
	}
	must(admin.Request(ctx, "POST", admin.URI("organizations", o.ID, "connections"), &map[string]any{"connection_id": cn.ID, "is_enabled": true}))
	for i := range 6 {
		must(admin.Request(ctx, "POST", admin.URI("users"), &map[string]any{"email": fmt.Sprintf("u%d@example.com", i),
			"connection": "Username-Password-Authentication", "password": "Secret-123456"}))
	}
	var users []map[string]any
	must(admin.Request(ctx, "GET", admin.URI("users"), &users))
	for _, u := range users {
		m.users = append(m.users, u["user_id"].(string))
	}
	must(admin.Request(ctx, "POST", admin.URI("organizations", o.ID, "members"), &map[string]any{"members": m.users}))
	m.org, m.conn = o.ID, cn.ID
	m.truth = connect(t, tn, func(c *client.Config) { c.Transport, c.MaxAttempts = tn.Transport, 50 }) // the truth must be read, storm or not
	m.c = audit.Client(connect(t, tn, func(c *client.Config) {
		c.Transport, c.VerifyInterval, c.VerifyTimeout = m.stop, 200*time.Millisecond, 5*time.Second
	}), audit.To(m.log), audit.Who{User: "matrix"})
	m.setupKinds()
	return m
}

// association is the connection's state in the organization, read without faults.
func (m *matrix) association() (client.Connection, bool) {
	conns, err := m.truth.Connections(ctx, m.org)
	if err != nil {
		m.t.Fatal(err)
	}
	for _, c := range conns {
		if c.ID == m.conn {
			return c, true
		}
	}
	return client.Connection{}, false
}

// domain is the organization's discovery domain called name, read without faults.
func (m *matrix) domain(name string) (client.DiscoveryDomain, bool) {
	domains, err := m.truth.DiscoveryDomains(ctx, m.org)
	if err != nil {
		m.t.Fatal(err)
	}
	for _, d := range domains {
		if d.Domain == name {
			return d, true
		}
	}
	return client.DiscoveryDomain{}, false
}

func (m *matrix) members() map[string]bool {
	all, err := client.All(ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
		return m.truth.Members(ctx, m.org, from)
	})
	if err != nil {
		m.t.Fatal(err)
	}
	out := map[string]bool{}
	for _, mem := range all {
		out[mem.UserID] = true
	}
	return out
}

// judge compares the latest change's outcome with whether it applied.
func (m *matrix) judge(what string, faults sim.Faults, applied bool) {
	m.tried++
	ch := m.log.last(m.t)
	state := ch.State()
	m.byOutcome[state]++
	agree := false
	switch state {
	case audit.OK:
		agree = applied
	case audit.Failed, audit.Cancelled:
		agree = !applied
	case audit.Unverified:
		agree = true
		m.unverified++
		if os.Getenv("MATRIX_DEBUG") != "" {
			m.t.Logf("unverified %s: %s", what, ch.Last().Error)
		}
	}
	if !agree {
		m.disagreed++
		m.t.Errorf("%s under %s: the audit says %s (%s %s) but the change %s", what, faults, state, ch.Last().Error, ch.Last().Note,
			map[bool]string{true: "applied", false: "did not apply"}[applied])
	}
}

// judgeMembers compares a bulk change's per-target results with the members.
func (m *matrix) judgeMembers(what string, faults sim.Faults, ids []string, wantMember bool) {
	members := m.members()
	ch := m.log.last(m.t)
	for _, id := range ids {
		m.tried++
		applied := members[id] == wantMember
		o := ch.State()
		if o == audit.Partial {
			o = ch.Last().Results[id]
		}
		m.byOutcome[o]++
		agree := (o == audit.OK && applied) || ((o == audit.Failed || o == audit.Cancelled) && !applied) || o == audit.Unverified
		if o == audit.Unverified {
			m.unverified++
		}
		if !agree {
			m.disagreed++
			m.t.Errorf("%s %s under %s: the audit says %s (%s) but it %s", what, id, faults, o, ch.Last().Failed[id],
				map[bool]string{true: "applied", false: "did not apply"}[applied])
		}
	}
}

// round makes each kind of change once under faults.
func (m *matrix) round(faults sim.Faults) {
	on := func() { m.tn.SetFaults(faults) }
	off := func() { m.tn.SetFaults(sim.Faults{}) }

	cur, found := m.association()
	if found {
		on()
		_, _ = m.c.SetConnectionEnabled(m.cx(), m.org, m.conn, !cur.Enabled)
		off()
		got, _ := m.association()
		m.judge("toggle", faults, got.Enabled == !cur.Enabled)

		cur, _ = m.association()
		s := cur.ConnectionSettings
		s.AssignMembershipOnLogin = !s.AssignMembershipOnLogin
		on()
		_, _ = m.c.UpdateConnection(m.cx(), m.org, m.conn, s)
		off()
		got, _ = m.association()
		m.judge("edit", faults, got.AssignMembershipOnLogin == s.AssignMembershipOnLogin)

		on()
		_ = m.c.RemoveConnection(m.cx(), m.org, m.conn)
		off()
		_, still := m.association()
		m.judge("remove connection", faults, !still)
	}
	if _, found = m.association(); !found {
		on()
		_, _ = m.c.EnableConnection(m.cx(), m.org, m.conn, client.ConnectionSettings{ShowAsButton: true})
		off()
		_, back := m.association()
		m.judge("enable connection", faults, back)
	}

	members := m.members()
	var in, out []string
	for _, id := range m.users {
		if members[id] {
			in = append(in, id)
		} else {
			out = append(out, id)
		}
	}
	if len(in) > 3 {
		in = in[:3]
	}
	on()
	m.c.RemoveMembers(m.cx(), m.org, in)
	off()
	m.judgeMembers("remove member", faults, in, false)
	if len(out) > 0 {
		on()
		m.c.AddMembers(m.cx(), m.org, out)
		off()
		m.judgeMembers("add member", faults, out, true)
	}

	name := fmt.Sprintf("d%d.example", m.tried)
	on()
	_, _ = m.c.AddDiscoveryDomain(m.cx(), m.org, client.DiscoveryDomain{Domain: name, UseForDiscovery: true})
	off()
	d, added := m.domain(name)
	m.judge("add discovery domain", faults, added)
	if added {
		on()
		_, _ = m.c.UpdateDiscoveryDomain(m.cx(), m.org, d.ID, true, false)
		off()
		got, _ := m.domain(name)
		m.judge("edit discovery domain", faults, got.Verified && !got.UseForDiscovery)
		on()
		_ = m.c.RemoveDiscoveryDomain(m.cx(), m.org, d.ID)
		off()
		_, still := m.domain(name)
		m.judge("remove discovery domain", faults, !still)
	}

	var spare struct{ ID string }
	admin := m.tn.Management(m.t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 10, Statuses: []int{http.StatusTooManyRequests}}))
	name = fmt.Sprintf("spare-%d", m.tried)
	if err := admin.Request(ctx, "POST", admin.URI("organizations"), &map[string]any{"name": name}); err != nil {
		m.t.Fatal(err)
	}
	if err := admin.Request(ctx, "GET", admin.URI("organizations", "name", name), &spare); err != nil {
		m.t.Fatal(err)
	}
	on()
	_ = m.c.DeleteOrganization(m.cx(), spare.ID)
	off()
	_, err := m.truth.Organization(ctx, spare.ID)
	m.judge("delete organization", faults, client.KindOf(err) == client.NotFound)
}

func TestFaultMatrixAuditAgreesWithTheTenant(t *testing.T) {
	faults := []sim.Faults{
		{TruncateRate: 0.4},
		{DropRate: 0.4},
		{ErrorRate: 0.4},
		{LatencyMin: time.Second, LatencyMax: 3 * time.Second},
		{LateErrorRate: 0.4},
		{TruncateRate: 0.15, DropRate: 0.15, ErrorRate: 0.15, LateErrorRate: 0.15},
	}
	var tally matrixTally
	t.Cleanup(func() { t.Logf("fault matrix: %s", &tally) })
	// each part in its own bubble and tenant, side by side: CI runs it twice
	for _, f := range faults {
		t.Run(f.String(), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				m := newMatrix(t, sim.Options{Empty: true, Seed: 7})
				for range 6 {
					m.round(f)
					m.roundKinds(f)
				}
				tally.add(t, m)
			})
		})
	}
	t.Run("stopped and shut down as each change goes out", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			m := newMatrix(t, sim.Options{Empty: true, Seed: 7})
			m.stop.armed = true
			f := sim.Faults{ErrorRate: 0.15, DropRate: 0.15, TruncateRate: 0.15, LateErrorRate: 0.15}
			for range 4 {
				m.round(f)
				m.roundKinds(f)
			}
			tally.add(t, m)
			if m.stop.fired.Load() == 0 {
				t.Fatal("no change was stopped on its way")
			}
		})
	})
	t.Run("429 storm", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			m := newMatrix(t, sim.Options{Empty: true, Seed: 7, Rate: 2, Burst: 4})
			stop := simtest.Storm(t, m.tn, 400*time.Millisecond)
			defer stop()
			for range 4 {
				m.round(sim.Faults{})
				m.roundKinds(sim.Faults{})
			}
			tally.add(t, m)
			if m.tn.Stats().Throttled == 0 {
				t.Fatal("no 429 was answered: the storm did not happen")
			}
		})
	})
}

// matrixTally sums the matrix's parts.
type matrixTally struct {
	mu                           sync.Mutex
	tried, disagreed, unverified int
	outcomes                     map[string]int
}

func (y *matrixTally) add(t *testing.T, m *matrix) {
	t.Logf("%d changes tried, %d disagreements, %d unverified", m.tried, m.disagreed, m.unverified)
	y.mu.Lock()
	defer y.mu.Unlock()
	y.tried, y.disagreed, y.unverified = y.tried+m.tried, y.disagreed+m.disagreed, y.unverified+m.unverified
	if y.outcomes == nil {
		y.outcomes = map[string]int{}
	}
	for k, v := range m.byOutcome {
		y.outcomes[k] += v
	}
}

func (y *matrixTally) String() string {
	y.mu.Lock()
	defer y.mu.Unlock()
	return fmt.Sprintf("%d changes tried, %d disagreements, %d unverified; outcomes %v", y.tried, y.disagreed, y.unverified, y.outcomes)
}
