// Package clienttest has an in-memory client.Client for tests of the
// dashboard: deterministic data, no network, and failures on demand.
package clienttest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
)

// Fake is an in-memory tenant behind the client.Client interface.
type Fake struct {
	mu          sync.Mutex
	Orgs        []client.Organization
	MemberLists map[string][]client.Member
	Conns       map[string][]client.Connection
	Invites     map[string][]client.Invitation
	TenantConns []client.TenantConnection
	Caps        client.Capabilities
	// Fail, when set, is asked before every call (before any lock is
	// taken, so it may block to play a slow call); a non-nil error fails it.
	Fail    func(op string) error
	PageLen int // items per page (default 100)
	tracker *pace.Tracker
	Demo    bool
	// Login is the tenant's login side, for the explainer and the doctor.
	Login Logins
}

var _ client.Client = (*Fake)(nil)

// New makes a fake tenant with n organizations; the first, "acme", has
// members members.
func New(n, members int) *Fake {
	f := &Fake{MemberLists: map[string][]client.Member{}, Conns: map[string][]client.Connection{},
		Invites: map[string][]client.Invitation{}, PageLen: 100, tracker: pace.New(), Demo: true}
	for i := range n {
		name := "org-" + strconv.Itoa(i)
		if i == 0 {
			name = "acme"
		}
		id := fmt.Sprintf("org_%016d", i)
		f.Orgs = append(f.Orgs, client.Organization{ID: id, Name: name, DisplayName: "Org " + strconv.Itoa(i),
			Colors: map[string]string{"primary": "#0059d6"}, Metadata: map[string]string{"tier": "gold"}})
		f.Conns[id] = []client.Connection{
			{ID: "con_db", Name: "Username-Password-Authentication", Strategy: "auth0", Enabled: true,
				ConnectionSettings: client.ConnectionSettings{AssignMembershipOnLogin: true}},
			{ID: "con_saml", Name: "acme-saml", Strategy: "samlp", Enabled: i%2 == 0,
				ConnectionSettings: client.ConnectionSettings{ShowAsButton: true}},
		}
		f.Invites[id] = []client.Invitation{{ID: "uinv_" + strconv.Itoa(i), Invitee: "new@example.com", Inviter: "Ops",
			ExpiresAt: time.Now().Add(73 * time.Hour)}}
	}
	if n > 0 {
		f.MemberLists[f.Orgs[0].ID] = Members(members)
	}
	f.TenantConns = []client.TenantConnection{{ID: "con_db", Name: "Username-Password-Authentication", Strategy: "auth0"},
		{ID: "con_saml", Name: "acme-saml", Strategy: "samlp"}, {ID: "con_okta", Name: "okta", Strategy: "okta"}}
	return f
}

// Members makes n members named in order.
func Members(n int) []client.Member {
	out := make([]client.Member, n)
	for i := range out {
		out[i] = client.Member{UserID: fmt.Sprintf("auth0|%024d", i), Name: "User " + strconv.Itoa(i),
			Email: "user" + strconv.Itoa(i) + "@example.com"}
		if i%3 == 0 {
			out[i].Roles = []client.Role{{ID: "rol_admin", Name: "admin"}}
		}
	}
	return out
}

func (f *Fake) fail(op string) error {
	if f.Fail != nil {
		return f.Fail(op)
	}
	return nil
}

// page serves items[from:] a page at a time; the cursor is the offset.
func page[T any](f *Fake, items []T, from string) client.Page[T] {
	start, _ := strconv.Atoi(from)
	start = min(start, len(items))
	end := min(start+f.PageLen, len(items))
	p := client.Page[T]{Items: slices.Clone(items[start:end])}
	if end < len(items) {
		p.Next = strconv.Itoa(end)
	}
	return p
}

func (f *Fake) org(id string) (int, error) {
	i := slices.IndexFunc(f.Orgs, func(o client.Organization) bool { return o.ID == id })
	if i < 0 {
		return -1, &client.Error{Kind: client.NotFound, Op: "read organization", Status: 404, Message: "No organization found by that id or name"}
	}
	return i, nil
}

func (f *Fake) Tenant() client.Tenant             { return client.Tenant{Domain: "fake.example", Demo: f.Demo} }
func (f *Fake) Tracker() *pace.Tracker            { return f.tracker }
func (f *Fake) Capabilities() client.Capabilities { return f.Caps }

func (f *Fake) Organizations(_ context.Context, from string) (client.Page[client.Organization], error) {
	if err := f.fail("list organizations"); err != nil {
		return client.Page[client.Organization]{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return page(f, f.Orgs, from), nil
}

// OrganizationsSorted pages the organizations sorted by field, as the
// tenant's offset paging does (the first client.OffsetLimit of them).
func (f *Fake) OrganizationsSorted(_ context.Context, field string, desc bool, page string) (client.Page[client.Organization], error) {
	if err := f.fail("list organizations"); err != nil {
		return client.Page[client.Organization]{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	all := slices.Clone(f.Orgs)
	key := func(o client.Organization) string { return o.Name }
	if field == "display_name" {
		key = func(o client.Organization) string { return strings.ToLower(o.DisplayName) }
	}
	slices.SortStableFunc(all, func(a, b client.Organization) int {
		if desc {
			a, b = b, a
		}
		return strings.Compare(key(a), key(b))
	})
	n, _ := strconv.Atoi(page)
	lo, hi := min(n*f.PageLen, len(all)), min((n+1)*f.PageLen, len(all))
	p := client.Page[client.Organization]{Items: all[lo:hi]}
	if hi < len(all) && hi < client.OffsetLimit {
		p.Next = strconv.Itoa(n + 1)
	}
	return p, nil
}

func (f *Fake) Organization(_ context.Context, id string) (client.Organization, error) {
	if err := f.fail("read organization"); err != nil {
		return client.Organization{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.org(id)
	if err != nil {
		return client.Organization{}, err
	}
	return f.Orgs[i], nil
}

func (f *Fake) OrganizationByName(_ context.Context, name string) (client.Organization, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.Orgs {
		if o.Name == name {
			return o, nil
		}
	}
	return client.Organization{}, &client.Error{Kind: client.NotFound, Op: "find organization", Status: 404, Message: "No organization found by that id or name"}
}

func (f *Fake) DeleteOrganization(_ context.Context, id string) error {
	if err := f.fail("delete organization"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.org(id)
	if err != nil {
		return err
	}
	f.Orgs = slices.Delete(f.Orgs, i, i+1)
	return nil
}

func (f *Fake) Connections(_ context.Context, orgID string) ([]client.Connection, error) {
	if err := f.fail("list connections"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.org(orgID); err != nil {
		return nil, err
	}
	return slices.Clone(f.Conns[orgID]), nil
}

func (f *Fake) TenantConnections(context.Context) ([]client.TenantConnection, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.TenantConns), f.fail("list tenant connections")
}

func (f *Fake) conn(orgID, connID string) (*client.Connection, error) {
	for i := range f.Conns[orgID] {
		if f.Conns[orgID][i].ID == connID {
			return &f.Conns[orgID][i], nil
		}
	}
	return nil, &client.Error{Kind: client.NotFound, Status: 404, Message: "No connection found by that id"}
}

func (f *Fake) EnableConnection(_ context.Context, orgID, connID string, s client.ConnectionSettings) (client.Connection, error) {
	if err := f.fail("enable connection"); err != nil {
		return client.Connection{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, tc := range f.TenantConns {
		if tc.ID == connID {
			c := client.Connection{ID: tc.ID, Name: tc.Name, Strategy: tc.Strategy, Enabled: true, ConnectionSettings: s}
			f.Conns[orgID] = append(f.Conns[orgID], c)
			return c, nil
		}
	}
	return client.Connection{}, &client.Error{Kind: client.NotFound, Status: 404, Message: "No connection found by that id"}
}

func (f *Fake) SetConnectionEnabled(_ context.Context, orgID, connID string, enabled bool) (client.Connection, error) {
	if err := f.fail("toggle connection"); err != nil {
		return client.Connection{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.conn(orgID, connID)
	if err != nil {
		return client.Connection{}, err
	}
	c.Enabled = enabled
	return *c, nil
}

func (f *Fake) UpdateConnection(_ context.Context, orgID, connID string, s client.ConnectionSettings) (client.Connection, error) {
	if err := f.fail("edit connection"); err != nil {
		return client.Connection{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.conn(orgID, connID)
	if err != nil {
		return client.Connection{}, err
	}
	c.ConnectionSettings = s
	return *c, nil
}

func (f *Fake) RemoveConnection(_ context.Context, orgID, connID string) error {
	if err := f.fail("remove connection"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.conn(orgID, connID); err != nil {
		return err
	}
	f.Conns[orgID] = slices.DeleteFunc(f.Conns[orgID], func(c client.Connection) bool { return c.ID == connID })
	return nil
}

func (f *Fake) Members(_ context.Context, orgID, from string) (client.Page[client.Member], error) {
	if err := f.fail("list members"); err != nil {
		return client.Page[client.Member]{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.org(orgID); err != nil {
		return client.Page[client.Member]{}, err
	}
	return page(f, f.MemberLists[orgID], from), nil
}

func (f *Fake) CountOrganizations(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.Orgs), f.fail("count organizations")
}

func (f *Fake) CountMembers(_ context.Context, orgID string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.MemberLists[orgID]), f.fail("count members")
}

// bulk applies a bulk call; err is Fail's verdict, asked before the lock
// is taken so that a Fail that blocks (a slow call, in a test) blocks only
// its own call.
func (f *Fake) bulk(err error, ids []string, apply func(id string)) []client.MemberResult {
	out := make([]client.MemberResult, len(ids))
	for i, id := range ids {
		out[i] = client.MemberResult{UserID: id, Outcome: client.Done}
		if err != nil {
			out[i] = client.MemberResult{UserID: id, Outcome: client.Failed, Err: err}
		} else {
			apply(id)
		}
	}
	return out
}

func (f *Fake) AddMembers(_ context.Context, orgID string, ids []string) []client.MemberResult {
	err := f.fail("add members")
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bulk(err, ids, func(id string) {
		f.MemberLists[orgID] = append(f.MemberLists[orgID], client.Member{UserID: id})
	})
}

// RemoveMembers removes at once, so each removal is confirmed as it is made.
func (f *Fake) RemoveMembers(_ context.Context, orgID string, ids []string) []client.MemberResult {
	err := f.fail("remove members")
	f.mu.Lock()
	defer f.mu.Unlock()
	res := f.bulk(err, ids, func(id string) {
		f.MemberLists[orgID] = slices.DeleteFunc(f.MemberLists[orgID], func(m client.Member) bool { return m.UserID == id })
	})
	for i := range res {
		if res[i].Outcome == client.Done {
			res[i].Outcome = client.Confirmed
		}
	}
	return res
}

func (f *Fake) VerifyRemoved(_ context.Context, _ string, ids []string) []client.MemberResult {
	out := make([]client.MemberResult, len(ids))
	for i, id := range ids {
		out[i] = client.MemberResult{UserID: id, Outcome: client.Confirmed}
	}
	return out
}

func (f *Fake) AssignRoles(context.Context, string, string, []string) error {
	return f.fail("assign roles")
}

func (f *Fake) Invitations(_ context.Context, orgID string) ([]client.Invitation, error) {
	if err := f.fail("list invitations"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.org(orgID); err != nil {
		return nil, err
	}
	return slices.Clone(f.Invites[orgID]), nil
}
