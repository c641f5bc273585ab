package sim_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// orgHealth is what a doctor would find in one organization, read through
// the Management API only (as a doctor must).
type orgHealth struct {
	noUsableConn, signupWithoutAssign, expiredInvites, pendingDomain, connForNoRequiringApp bool
	// membersConnOff: some member's identity is on a connection not
	// enabled in the organization (or off there), so they cannot log in
	membersConnOff bool
}

func (h orgHealth) any() bool {
	return h.noUsableConn || h.signupWithoutAssign || h.expiredInvites || h.pendingDomain || h.connForNoRequiringApp || h.membersConnOff
}

// memberConnection is the connection a user id names: Auth0's user id is
// the provider (the strategy), a bar and the provider's id, enterprise
// providers putting the connection's name first; else the one connection
// of that strategy.
func memberConnection(userID string, conns []*management.Connection) string {
	provider, rest, _ := strings.Cut(userID, "|")
	var same []string
	for _, c := range conns {
		if c.GetStrategy() == provider {
			same = append(same, c.GetName())
			if strings.HasPrefix(rest, c.GetName()+"|") || strings.HasPrefix(rest, c.GetName()+"/") {
				return c.GetName()
			}
		}
	}
	if len(same) == 1 {
		return same[0]
	}
	return ""
}

func TestDemoHasExactlyThreeBrokenOrganizations(t *testing.T) {
	opts := sim.DefaultOptions()
	opts.Plan = ""
	tn := simtest.Start(t, opts)
	m := tn.Management(t)
	ctx := context.Background()
	tok := all(tn, t)

	clients, err := m.Client.List(ctx, management.PerPage(100))
	must(t, err)
	var requiring []string
	for _, c := range clients.Clients {
		if c.GetOrganizationUsage() == "require" {
			requiring = append(requiring, c.GetClientID())
		}
	}
	conns, err := m.Connection.List(ctx, management.PerPage(100))
	must(t, err)
	forRequiring := map[string]bool{}
	for _, c := range conns.Connections {
		for _, id := range c.GetEnabledClients() {
			forRequiring[c.GetID()] = forRequiring[c.GetID()] || slices.Contains(requiring, id)
		}
	}

	broken := map[string]orgHealth{}
	for from := ""; ; {
		page, err := m.Organization.List(ctx, management.Take(100), management.From(from))
		must(t, err)
		for _, o := range page.Organizations {
			var h orgHealth
			ec, err := m.Organization.Connections(ctx, o.GetID(), management.PerPage(100))
			must(t, err)
			on := map[string]bool{}
			for _, c := range ec.OrganizationConnections {
				on[c.GetConnection().GetName()] = true
			}
			for mfrom := ""; ; {
				ms, err := m.Organization.Members(ctx, o.GetID(), management.Take(100), management.From(mfrom), management.IncludeFields("user_id"))
				must(t, err)
				for _, mem := range ms.Members {
					if c := memberConnection(mem.GetUserID(), conns.Connections); c == "" || !on[c] {
						h.membersConnOff = true
					}
				}
				if len(ms.Members) == 0 || ms.Next == "" {
					break
				}
				mfrom = ms.Next
			}
			h.noUsableConn = true
			for _, c := range ec.OrganizationConnections {
				if forRequiring[c.GetConnectionID()] && c.GetShowAsButton() {
					h.noUsableConn = false
				}
				h.connForNoRequiringApp = h.connForNoRequiringApp || !forRequiring[c.GetConnectionID()]
				h.signupWithoutAssign = h.signupWithoutAssign || (c.GetIsSignupEnabled() && !c.GetAssignMembershipOnLogin())
			}
			inv, err := m.Organization.Invitations(ctx, o.GetID(), management.PerPage(100))
			must(t, err)
			for _, i := range inv.OrganizationInvitations {
				h.expiredInvites = h.expiredInvites || i.GetExpiresAt() < time.Now().UTC().Format(time.RFC3339)
			}
			doms := call(t, tn, tok, "GET", "/api/v2/organizations/"+o.GetID()+"/discovery-domains", "").json(t)
			for _, d := range doms["domains"].([]any) {
				h.pendingDomain = h.pendingDomain || d.(map[string]any)["status"] == "pending"
			}
			if h.any() {
				broken[o.GetName()] = h
			}
		}
		if !page.HasNext() {
			break
		}
		from = page.Next
	}
	want := map[string]orgHealth{
		"globex":  {noUsableConn: true, connForNoRequiringApp: true, membersConnOff: true},
		"initech": {signupWithoutAssign: true, membersConnOff: true},
		"acme":    {pendingDomain: true}, // and its blocked members, below: every member's connection is enabled in it
	}
	for name, h := range want {
		if broken[name] != h {
			t.Errorf("%s: %+v, want %+v", name, broken[name], h)
		}
	}
	if len(broken) != 3 {
		t.Errorf("broken organizations %v, want globex, initech and acme only", broken)
	}

	// acme's blocked members: one by an administrator, one by brute force
	acme, err := m.Organization.ReadByName(ctx, "acme")
	must(t, err)
	fails, err := m.Log.List(ctx, management.Query(`type:(f OR fp OR fu OR limit_wc)`), management.PerPage(100))
	must(t, err)
	byOrg := map[string]map[string]int{}
	var adminBlocked, bruteBlocked string
	for _, l := range fails {
		if byOrg[l.GetOrganizationName()] == nil {
			byOrg[l.GetOrganizationName()] = map[string]int{}
		}
		byOrg[l.GetOrganizationName()][l.GetDescription()]++
		if l.GetDescription() == "user is blocked" {
			adminBlocked = l.GetUserID()
		}
		if l.GetType() == "limit_wc" {
			bruteBlocked = l.GetUserID()
		}
	}
	if len(byOrg) != 3 || byOrg["globex"]["the connection is not enabled"] == 0 || byOrg["acme"]["user is blocked"] != 3 ||
		byOrg["acme"]["Wrong email or password."] != 10 || byOrg["initech"]["the connection google-oauth2 is not enabled for the organization initech"] == 0 ||
		byOrg["initech"]["user "+milton(t, m)+" is not part of the "+initech(t, m)+" organization"] != 2 {
		t.Fatalf("failed logins by organization and cause: %v", byOrg)
	}
	u, err := m.User.Read(ctx, adminBlocked)
	must(t, err)
	blocks, err := m.User.Blocks(ctx, bruteBlocked)
	must(t, err)
	if !u.GetBlocked() || len(blocks) != 1 || blocks[0].GetIP() != "198.51.100.23" {
		t.Fatalf("acme's blocked members: admin %v, brute force %v", u.GetBlocked(), blocks)
	}
	for _, uid := range []string{adminBlocked, bruteBlocked} {
		orgs, err := m.User.Organizations(ctx, uid)
		must(t, err)
		if len(orgs.Organizations) != 1 || orgs.Organizations[0].GetID() != acme.GetID() {
			t.Fatalf("%s belongs to %d organizations, want acme alone", uid, len(orgs.Organizations))
		}
	}

	// the Dashboard admins' changes and orgdash's are in the history
	sapi, err := m.Log.List(ctx, management.Query(`type:sapi`), management.PerPage(100))
	must(t, err)
	admins := map[string]int{}
	for _, l := range sapi {
		req := l.GetDetails()["request"].(map[string]any)
		if req["channel"] == sim.DashboardChannel {
			admins[req["auth"].(map[string]any)["user"].(map[string]any)["email"].(string)]++
		}
	}
	if admins[sim.DemoAdmin] != 4 || admins["security@example.com"] != 1 || len(sapi) != 6 {
		t.Fatalf("sapi events %d, by Dashboard admin %v", len(sapi), admins)
	}
	added, err := m.Log.List(ctx, management.Query(`type:organization_member_added`))
	must(t, err)
	successes, err := m.Log.List(ctx, management.Query(`type:s`), management.PerPage(100))
	must(t, err)
	if len(added) != 1 || added[0].GetDetails()["reason"] != "auto_membership" || len(successes) < 20 {
		t.Fatalf("%d member_added, %d successes", len(added), len(successes))
	}
}

func milton(t *testing.T, m *management.Management) string {
	us, err := m.User.ListByEmail(context.Background(), "milton.waddams@initech.example")
	must(t, err)
	return us[0].GetID()
}

func initech(t *testing.T, m *management.Management) string {
	o, err := m.Organization.ReadByName(context.Background(), "initech")
	must(t, err)
	return o.GetID()
}

// A demo with fewer than two members an organization still gets acme's
// two blocked members, each listed among their organizations as the
// membership index says (the seed once indexed past the start of the list
// and panicked, or left the index pointing at the users it replaced).
func TestBrokenAcmeWithFewMembers(t *testing.T) {
	for _, members := range []int{0, 1, 3} {
		tn := simtest.Start(t, sim.Options{Orgs: 20, Members: members})
		m := tn.Management(t)
		ctx := context.Background()
		acme, err := m.Organization.ReadByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		list, err := m.Organization.Members(ctx, acme.GetID(), management.PerPage(100))
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Members) < 2 {
			t.Fatalf("members=%d: acme has %d members, want at least the two blocked ones", members, len(list.Members))
		}
		for _, mem := range list.Members {
			orgs, err := m.User.Organizations(ctx, mem.GetUserID())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(orgs.Organizations, func(o *management.Organization) bool { return o.GetID() == acme.GetID() }) {
				t.Errorf("members=%d: %s is listed in acme, but acme is not among their organizations", members, mem.GetUserID())
			}
		}
	}
}
