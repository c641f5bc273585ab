package client_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

var ctx = context.Background()

func TestStreamOrganizationsPast1000(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 1234, Members: 10})
	c := connect(t, tn)
	first, err := c.Organizations(ctx, "")
	ok(t, err)
	if len(first.Items) != 100 || first.Next == "" || first.Items[0].Name != "acme" {
		t.Fatalf("first page: %d items, next %q", len(first.Items), first.Next)
	}
	all, err := client.All(ctx, c.Organizations)
	ok(t, err)
	seen := map[string]bool{}
	for _, o := range all {
		seen[o.ID] = true
	}
	if len(all) != 1234 || len(seen) != 1234 {
		t.Fatalf("streamed %d organizations, %d distinct; want 1234", len(all), len(seen))
	}
}

func TestStreamMembersWithRoles(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5000})
	c := connect(t, tn)
	acme := orgByName(t, c, "acme")
	before := tn.Stats().Calls
	members, err := client.All(ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
		return c.Members(ctx, acme.ID, from)
	})
	ok(t, err)
	calls := tn.Stats().Calls - before
	if len(members) != 5000 {
		t.Fatalf("%d members, want 5000", len(members))
	}
	// 50 pages, then the empty page that ends Auth0's members paging; roles came along
	if calls != 51 {
		t.Fatalf("%d calls for 5000 members, want 51 (one per page, none per member)", calls)
	}
	withRoles := 0
	for _, m := range members {
		if len(m.Roles) > 0 {
			withRoles++
		}
		if m.UserID == "" || m.Email == "" {
			t.Fatalf("member without id or email: %+v", m)
		}
	}
	if withRoles == 0 {
		t.Fatal("no member came with roles")
	}
}

func TestOrganizationGoneIsNotFound(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 5, Members: 10})
	c := connect(t, tn)
	o := orgByName(t, c, "acme")
	got, err := c.Organization(ctx, o.ID)
	ok(t, err)
	if got.DisplayName != "Acme" || got.Colors["primary"] == "" || got.Metadata["tier"] == "" {
		t.Fatalf("read %+v", got)
	}
	ok(t, c.DeleteOrganization(ctx, o.ID))
	_, err = c.Members(ctx, o.ID, "")
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("members of a deleted organization: %v", err)
	}
	var e *client.Error
	if !errors.As(err, &e) || e.Message != "No organization found by that id or name" || e.Status != 404 {
		t.Fatalf("error %#v", err)
	}
}

func TestConnectionsToggleKeepsSettings(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Empty: true})
	c := connect(t, tn)
	admin := tn.Management(t)
	o := orgByName(t, c, mkOrg(t, tn, "acme"))
	conns, err := c.TenantConnections(ctx)
	ok(t, err)
	if len(conns) != 1 || conns[0].Name != "Username-Password-Authentication" {
		t.Fatalf("tenant connections %+v", conns)
	}
	db := conns[0]
	settings := client.ConnectionSettings{AssignMembershipOnLogin: true, ShowAsButton: false, SignupEnabled: true}
	got, err := c.EnableConnection(ctx, o.ID, db.ID, settings)
	ok(t, err)
	if !got.Enabled || got.ConnectionSettings != settings || got.Strategy != "auth0" {
		t.Fatalf("enabled %+v", got)
	}
	got, err = c.SetConnectionEnabled(ctx, o.ID, db.ID, false)
	ok(t, err)
	if got.Enabled || got.ConnectionSettings != settings {
		t.Fatalf("after toggling off: %+v", got)
	}
	listed, err := c.Connections(ctx, o.ID)
	ok(t, err)
	if len(listed) != 1 || listed[0].Enabled {
		t.Fatalf("listed %+v", listed)
	}
	old, err := admin.Organization.Connections(ctx, o.ID)
	ok(t, err)
	if len(old.OrganizationConnections) != 0 {
		t.Fatal("a disabled connection still shows in enabled_connections")
	}
	got, err = c.SetConnectionEnabled(ctx, o.ID, db.ID, true)
	ok(t, err)
	if !got.Enabled || got.ConnectionSettings != settings {
		t.Fatalf("after toggling on: %+v", got)
	}
	// Auth0's rule comes back verbatim as an invalid request
	_, err = c.UpdateConnection(ctx, o.ID, db.ID, client.ConnectionSettings{SignupEnabled: true})
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.Invalid || !strings.Contains(e.Message, "Only database connections with assign_membership_on_login = true") {
		t.Fatalf("signup rule: %v", err)
	}
	got, err = c.UpdateConnection(ctx, o.ID, db.ID, client.ConnectionSettings{ShowAsButton: true})
	ok(t, err)
	if got.AssignMembershipOnLogin || !got.ShowAsButton {
		t.Fatalf("updated %+v", got)
	}
	ok(t, c.RemoveConnection(ctx, o.ID, db.ID))
	if listed, _ := c.Connections(ctx, o.ID); len(listed) != 0 {
		t.Fatalf("after removal: %+v", listed)
	}
	if !c.Capabilities().Can(client.ToggleConnection).Allowed {
		t.Fatal("toggle reported unavailable on a tenant that has it")
	}
}

func mkOrg(t *testing.T, tn *simtest.Tenant, name string) string {
	t.Helper()
	a := tn.Management(t)
	// the answer carries booleans too (is_app_entitlement_active)
	if err := a.Request(ctx, "POST", a.URI("organizations"), &map[string]any{"name": name}); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestFallbackTenantWithoutToggle(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 40, Members: 10, NoConnectionsAPI: true})
	c := connect(t, tn)
	var withConns client.Organization
	var conns []client.Connection
	for _, o := range must(client.All(ctx, c.Organizations)) {
		list, err := c.Connections(ctx, o.ID)
		ok(t, err)
		if len(list) > 0 {
			withConns, conns = o, list
			break
		}
	}
	if len(conns) == 0 {
		t.Fatal("no organization with connections")
	}
	for _, cn := range conns {
		if !cn.Enabled {
			t.Fatalf("the older family listed a disabled connection: %+v", cn)
		}
	}
	cp := c.Capabilities().Can(client.ToggleConnection)
	if cp.Allowed || cp.Reason != "this tenant has no connection toggle; remove instead" {
		t.Fatalf("toggle capability %+v", cp)
	}
	_, err := c.SetConnectionEnabled(ctx, withConns.ID, conns[0].ID, false)
	if !errors.Is(err, client.ErrUnsupported) {
		t.Fatalf("toggle on the fallback tenant: %v", err)
	}
	// what the older family can do still works
	ok(t, c.RemoveConnection(ctx, withConns.ID, conns[0].ID))
	_, err = c.EnableConnection(ctx, withConns.ID, conns[0].ID, conns[0].ConnectionSettings)
	ok(t, err)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestScopesDecideCapabilities(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 20})
	tn.AddClient("reader", "reader-secret-value", []string{"read:organizations", "read:organization_members"})
	c := connect(t, tn, func(cfg *client.Config) { cfg.ClientID, cfg.ClientSecret = "reader", "reader-secret-value" })
	if c.Capabilities().Known {
		t.Fatal("capabilities known before any token was seen")
	}
	acme := orgByName(t, c, "acme")
	caps := c.Capabilities()
	if !caps.Known || !caps.Can(client.ReadMembers).Allowed {
		t.Fatalf("caps %+v", caps)
	}
	if cp := caps.Can(client.RemoveMembers); cp.Allowed || cp.Reason != "needs delete:organization_members" {
		t.Fatalf("remove members: %+v", cp)
	}
	// members come without roles rather than not at all
	p, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	if len(p.Items) != 20 {
		t.Fatalf("%d members", len(p.Items))
	}
	res := c.RemoveMembers(ctx, acme.ID, []string{p.Items[0].UserID})
	var e *client.Error
	if res[0].Outcome != client.Failed || !errors.As(res[0].Err, &e) || e.Kind != client.Forbidden || e.Scopes[0] != "delete:organization_members" {
		t.Fatalf("removal without the scope: %+v", res[0])
	}

	// a static token's scopes are known at once
	tok := tn.Token(t, time.Hour, "read:organizations", "delete:organizations")
	st, err := client.New(client.Config{Domain: tn.URL, APIToken: tok})
	ok(t, err)
	if cp := st.Capabilities(); !cp.Known || !cp.Can(client.DeleteOrganization).Allowed || cp.Can(client.ReadMembers).Allowed {
		t.Fatalf("static token caps %+v", cp)
	}
}

func TestBadCredentials(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 5})
	c := connect(t, tn, func(cfg *client.Config) { cfg.ClientSecret = "wrong-secret-1234" })
	_, err := c.Organizations(ctx, "")
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.Unauthorized || !strings.Contains(e.Message, "refused the client credentials") {
		t.Fatalf("wrong secret: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-secret-1234") {
		t.Fatalf("the error shows the secret: %v", err)
	}
	expired := tn.Token(t, -time.Minute, sim.AllScopes...)
	st, err := client.New(client.Config{Domain: tn.URL, APIToken: expired})
	ok(t, err)
	_, err = st.Organizations(ctx, "")
	if !errors.As(err, &e) || e.Kind != client.Unauthorized || !strings.Contains(e.Message, "Expired token") || strings.Contains(err.Error(), expired) {
		t.Fatalf("expired token: %v", err)
	}
}

func TestBulkMembers(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 260, RemovalDelayMin: 300 * time.Millisecond, RemovalDelayMax: 300 * time.Millisecond})
	c := connect(t, tn, func(cfg *client.Config) {
		cfg.BatchSize, cfg.VerifyInterval, cfg.VerifyTimeout = 100, 100*time.Millisecond, 5*time.Second
	})
	acme := orgByName(t, c, "acme")
	members, err := client.All(ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
		return c.Members(ctx, acme.ID, from)
	})
	ok(t, err)
	ids := make([]string, 0, 250)
	for _, m := range members[:250] {
		ids = append(ids, m.UserID)
	}
	before := tn.Stats()
	res := c.RemoveMembers(ctx, acme.ID, ids) // removes, then waits until the tenant stops listing them
	if st := tn.Stats(); st.Invalid != before.Invalid {
		t.Fatalf("%d removals refused: a batch size of 100 was asked for, Auth0's cap of 10 must be kept", st.Invalid-before.Invalid)
	}
	for _, r := range res {
		if r.Outcome != client.Confirmed {
			t.Fatalf("%s: %s %v", r.UserID, r.Outcome, r.Err)
		}
	}
	if p, _ := c.Members(ctx, acme.ID, ""); len(res) != 250 || len(p.Items) != 10 {
		t.Fatalf("%d results; %d members listed after the removal", len(res), len(p.Items))
	}
	t.Logf("removing 250 members took %d calls, verification included", tn.Stats().Calls-before.Calls)

	// re-adding with one unknown user: the others still go in, the bad one is named
	back := append([]string{"auth0|does-not-exist"}, ids[:9]...)
	res = c.AddMembers(ctx, acme.ID, back)
	failed := 0
	for _, r := range res {
		if r.Outcome == client.Failed {
			failed++
			if r.UserID != "auth0|does-not-exist" || !errors.Is(r.Err, client.ErrInvalid) {
				t.Fatalf("failed %+v", r)
			}
		}
	}
	if failed != 1 || len(res) != 10 {
		t.Fatalf("%d of %d failed, want 1 of 10", failed, len(res))
	}
}

func TestReadOnlyRefusesBelowTheUI(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 5})
	c := client.ReadOnly(connect(t, tn), "viewer: read-only")
	acme := orgByName(t, c, "acme")
	before := tn.Stats().Calls
	if err := c.DeleteOrganization(ctx, acme.ID); !errors.Is(err, client.ErrLocked) {
		t.Fatalf("delete: %v", err)
	}
	if r := c.RemoveMembers(ctx, acme.ID, []string{"x"}); r[0].Outcome != client.Failed {
		t.Fatalf("remove: %+v", r)
	}
	if tn.Stats().Calls != before {
		t.Fatal("a read-only client reached the tenant with a mutation")
	}
	if cp := c.Capabilities().Can(client.RemoveConnection); cp.Allowed || cp.Reason != "viewer: read-only" {
		t.Fatalf("capability %+v", cp)
	}
	if _, err := c.Organization(ctx, acme.ID); err != nil {
		t.Fatalf("reads still work: %v", err)
	}
}

func TestRetriesThroughFaults(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 500, Members: 5, Seed: 3,
		Faults: sim.Faults{ErrorRate: 0.15, DropRate: 0.05, TruncateRate: 0.05}})
	c := connect(t, tn, func(cfg *client.Config) { cfg.MaxAttempts = 8 })
	all, err := client.All(ctx, c.Organizations)
	ok(t, err)
	if len(all) != 500 {
		t.Fatalf("%d organizations through faults", len(all))
	}
	if s := c.Tracker().Snapshot(); s.Retries == 0 {
		t.Fatalf("no retries under faults: %+v", s)
	}
}

func TestCountAndFindByName(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 4, Members: 321})
	c := connect(t, tn)
	o, err := c.OrganizationByName(ctx, "acme")
	ok(t, err)
	n, err := c.CountMembers(ctx, o.ID)
	ok(t, err)
	if n != 321 {
		t.Fatalf("count %d, want 321", n)
	}
	if _, err := c.OrganizationByName(ctx, "nope"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("unknown name: %v", err)
	}
}

func TestVerifyFewRemovalsPerUser(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 2, Members: 3000, RemovalDelayMin: 300 * time.Millisecond, RemovalDelayMax: 300 * time.Millisecond})
	c := connect(t, tn, func(cfg *client.Config) { cfg.VerifyInterval, cfg.VerifyTimeout = 200*time.Millisecond, 5*time.Second })
	acme := orgByName(t, c, "acme")
	p, err := c.Members(ctx, acme.ID, "")
	ok(t, err)
	ids := []string{p.Items[0].UserID, p.Items[1].UserID}
	c.RemoveMembers(ctx, acme.ID, ids)
	before := tn.Stats().Calls
	for _, r := range c.VerifyRemoved(ctx, acme.ID, ids) {
		if r.Outcome != client.Confirmed {
			t.Fatalf("%s: %s %v", r.UserID, r.Outcome, r.Err)
		}
	}
	// a count, then two calls a poll for a few polls: not 31 pages a poll
	if calls := tn.Stats().Calls - before; calls > 12 {
		t.Fatalf("%d calls to verify 2 removals in a 3,000-member organization", calls)
	}
}

func TestSharedPagesCostOneCall(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 150, Members: 5})
	c := client.SharePages(connect(t, tn), time.Minute)
	before := tn.Stats().Calls
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := client.All(ctx, c.Organizations); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if calls := tn.Stats().Calls - before; calls > 4 {
		t.Fatalf("20 sessions listing 2 pages made %d calls", calls)
	}
	o := orgByName(t, c, "globex")
	ok(t, c.DeleteOrganization(ctx, o.ID))
	all, err := client.All(ctx, c.Organizations)
	ok(t, err)
	if len(all) != 149 {
		t.Fatalf("after a delete the shared pages list %d organizations", len(all))
	}
}
