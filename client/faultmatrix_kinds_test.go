package client_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/sim"
)

// The kinds of change the matrix's first round does not make: roles,
// invitations, and the organization itself (create, edit of every field
// alone, delete).

// matrixKinds are the Client methods that change the tenant, each with the
// matrix's name for it; TestFaultMatrixCoversEveryChange keeps it whole.
var matrixKinds = map[string]string{
	"SetConnectionEnabled": "toggle", "UpdateConnection": "edit", "RemoveConnection": "remove connection",
	"EnableConnection": "enable connection", "RemoveMembers": "remove member", "AddMembers": "add member",
	"AddDiscoveryDomain": "add discovery domain", "UpdateDiscoveryDomain": "edit discovery domain",
	"RemoveDiscoveryDomain": "remove discovery domain", "DeleteOrganization": "delete organization",
	"AssignRoles": "assign roles", "RemoveRoles": "remove roles", "Invite": "invite", "RevokeInvitation": "revoke invitation",
	"CreateOrganization": "create organization", "UpdateOrganization": "edit organization",
	// the doctor's fixes, tried under the same faults by TestFaultMatrixLoginFixes
	"SetConnectionApp": "enable connection for application", "SetUserBlocked": "block or unblock user",
	"RemoveUserBlocks": "remove brute-force blocks",
	// the Machine-to-Machine Access tab's, tried by TestFaultMatrixOrgClientGrants
	"AssociateClientGrant": "associate client grant", "RemoveOrgClientGrant": "remove client grant",
	// the Roles tab's, tried by TestFaultMatrixOrgRoles
	"CreateOrgRole": "create organization role", "DeleteOrgRole": "delete organization role",
}

// Every method of Writer is a kind of change the fault matrix makes, and
// every other method of Client is a Reader's: a new kind of change cannot
// be added without its read-back being tried under faults.
func TestFaultMatrixCoversEveryChange(t *testing.T) {
	wt := reflect.TypeFor[client.Writer]()
	for i := range wt.NumMethod() {
		if name := wt.Method(i).Name; matrixKinds[name] == "" {
			t.Errorf("Writer.%s is a change the fault matrix does not try", name)
		}
	}
	rt := reflect.TypeFor[client.Reader]()
	for name := range matrixKinds {
		if _, ok := rt.MethodByName(name); ok {
			t.Errorf("Reader.%s changes the tenant: it belongs to Writer", name)
		}
	}
}

// stopper is the network of the matrix's client. Armed, it stops each
// change as its first write goes out: the write reaches the tenant (and
// meets its fault), then the session is stopped (X, SIGTERM) and its
// context ends (a shutdown) before the answer is read.
type stopper struct {
	base  http.RoundTripper
	armed bool
	mu    sync.Mutex
	halt  func() // the change's stop and cancel, taken by its first write
	fired atomic.Int64
}

func (s *stopper) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	halt := s.halt
	if r.Method != http.MethodGet && strings.Contains(r.URL.Path, "/api/v2/") {
		s.halt = nil
	} else {
		halt = nil
	}
	s.mu.Unlock()
	if halt == nil {
		return s.base.RoundTrip(r)
	}
	res, err := s.base.RoundTrip(r)
	if err == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	halt()
	s.fired.Add(1)
	return nil, r.Context().Err()
}

// cx is the context of the next change: stopped on its way when armed.
func (m *matrix) cx() context.Context {
	if !m.stop.armed {
		return ctx
	}
	stop := make(chan struct{})
	c, cancel := context.WithCancel(pace.WithStop(ctx, stop))
	m.stop.mu.Lock()
	m.stop.halt = func() { close(stop); cancel() }
	m.stop.mu.Unlock()
	return c
}

// setupKinds makes two roles and an application for the rounds of kinds.
func (m *matrix) setupKinds() {
	admin := m.tn.Management(m.t, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 10, Statuses: []int{http.StatusTooManyRequests}}))
	for _, name := range []string{"matrix-admin", "matrix-viewer"} {
		var r struct{ ID string }
		if err := admin.Request(ctx, "POST", admin.URI("roles"), &map[string]any{"name": name}); err != nil {
			m.t.Fatal(err)
		}
		roles, err := m.truth.Roles(ctx)
		if err != nil {
			m.t.Fatal(err)
		}
		for _, x := range roles {
			if x.Name == name {
				r.ID = x.ID
			}
		}
		m.roles = append(m.roles, r.ID)
	}
	app := map[string]any{"name": "matrix-app"}
	if err := admin.Request(ctx, "POST", admin.URI("clients"), &app); err != nil {
		m.t.Fatal(err)
	}
	m.app = app["client_id"].(string)
}

func (m *matrix) rolesOf(uid string) map[string]bool {
	roles, err := m.truth.MemberRoles(ctx, m.org, uid)
	if err != nil {
		m.t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range roles {
		out[r.ID] = true
	}
	return out
}

func (m *matrix) invitationsOf(email string) []client.Invitation {
	invs, err := m.truth.Invitations(ctx, m.org)
	if err != nil {
		m.t.Fatal(err)
	}
	return slices.DeleteFunc(invs, func(inv client.Invitation) bool { return !strings.EqualFold(inv.Invitee, email) })
}

// roundKinds makes each of the other kinds of change once under faults.
func (m *matrix) roundKinds(faults sim.Faults) {
	on := func() { m.tn.SetFaults(faults) }
	off := func() { m.tn.SetFaults(sim.Faults{}) }

	members := m.members()
	if i := slices.IndexFunc(m.users, func(id string) bool { return members[id] }); i >= 0 {
		uid := m.users[i]
		on()
		_ = m.c.AssignRoles(m.cx(), m.org, uid, m.roles)
		off()
		held := m.rolesOf(uid)
		m.judge("assign roles", faults, held[m.roles[0]] && held[m.roles[1]])
		if held[m.roles[0]] && held[m.roles[1]] {
			on()
			_ = m.c.RemoveRoles(m.cx(), m.org, uid, m.roles)
			off()
			held = m.rolesOf(uid)
			m.judge("remove roles", faults, !held[m.roles[0]] && !held[m.roles[1]])
		}
	}

	email := fmt.Sprintf("invitee%d@example.com", m.tried)
	on()
	_, _ = m.c.Invite(m.cx(), m.org, client.InviteSpec{Email: email, Inviter: "Matrix", ClientID: m.app})
	off()
	invs := m.invitationsOf(email)
	if len(invs) > 1 {
		m.disagreed++
		m.t.Errorf("invite under %s made %d invitations (and emails) for one person", faults, len(invs))
	}
	m.judge("invite", faults, len(invs) > 0)
	if len(invs) == 1 {
		on()
		_ = m.c.RevokeInvitation(m.cx(), m.org, invs[0].ID)
		off()
		m.judge("revoke invitation", faults, len(m.invitationsOf(email)) == 0)
	}

	name := fmt.Sprintf("made-%d", m.tried)
	on()
	_, _ = m.c.CreateOrganization(m.cx(), client.OrgSpec{Name: name, Metadata: map[string]string{"tier": "gold"}})
	off()
	o, err := m.truth.OrganizationByName(ctx, name)
	m.judge("create organization", faults, err == nil)
	if err != nil {
		return
	}
	// one field at a time, so that a read-back that skips one is caught
	edits := []struct {
		what string
		edit func(*client.OrgSpec)
	}{
		{"metadata only", func(s *client.OrgSpec) { s.Metadata = map[string]string{"tier": "silver"} }},
		{"display name", func(s *client.OrgSpec) { s.DisplayName = "Made " + name }},
		{"logo only", func(s *client.OrgSpec) { s.LogoURL = "https://example.com/" + name + ".png" }},
		{"colors only", func(s *client.OrgSpec) { s.Colors = map[string]string{"primary": "#123456"} }},
		{"metadata key removed", func(s *client.OrgSpec) { s.Metadata = map[string]string{} }},
	}
	for _, e := range edits {
		s := client.SpecOf(o)
		s.Colors, s.Metadata = maps.Clone(s.Colors), maps.Clone(s.Metadata)
		e.edit(&s)
		on()
		_, _ = m.c.UpdateOrganization(m.cx(), o.ID, s)
		off()
		if o, err = m.truth.Organization(ctx, o.ID); err != nil {
			m.t.Fatal(err)
		}
		m.judge("edit organization ("+e.what+")", faults, s.Holds(o))
	}
	on()
	_ = m.c.DeleteOrganization(m.cx(), o.ID)
	off()
	_, err = m.truth.Organization(ctx, o.ID)
	m.judge("delete organization", faults, client.KindOf(err) == client.NotFound)
}
