package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
)

// checkup is one organization's checks in the making.
type checkup struct {
	ctx   context.Context
	cl    client.Client
	s     *Survey
	r     Report
	watch func(Progress)  // told how far the checkup is; nil when nobody watches
	only  map[string]bool // the checks to run; nil for every one
}

// Check runs every check on org with what s read of the tenant. A check
// whose reads fail or lack a scope is Skipped, never passed.
func Check(ctx context.Context, cl client.Client, s *Survey, org client.Organization) Report {
	return Watched(ctx, cl, s, org, nil)
}

// Watched is Check telling watch how far it is (from the goroutine that
// runs it): each step, and the pages of members read of those there are
// (one call more, to count them).
func Watched(ctx context.Context, cl client.Client, s *Survey, org client.Organization, watch func(Progress)) Report {
	c := &checkup{ctx: ctx, cl: cl, s: s, r: Report{Org: org}, watch: watch}
	c.run()
	return c.r
}

// wants reports whether any of checks is to run.
func (c *checkup) wants(checks ...string) bool {
	return c.only == nil || slices.ContainsFunc(checks, func(ch string) bool { return c.only[ch] })
}

// connChecks are the checks on the organization's connections alone.
var connChecks = []string{CheckNoConnection, CheckHidden, CheckConnUnused, CheckAppNoConn, CheckSignup, CheckConnLimit}

// run runs the checks c wants, reading only what they need.
func (c *checkup) run() {
	ctx, cl, org := c.ctx, c.cl, c.r.Org
	c.step("reading connections and discovery domains")
	var conns []client.Connection
	var connsMiss *Link
	if c.wants(append(connChecks, CheckMemberConn)...) {
		conns, connsMiss = read(cl, client.ReadConnections, "connections", func() ([]client.Connection, error) { return cl.Connections(ctx, org.ID) })
	}
	var doms []client.DiscoveryDomain
	var domsMiss *Link
	if c.wants(CheckHidden, CheckPendingDomain) {
		doms, domsMiss = read(cl, client.ReadDomains, "discovery domains", func() ([]client.DiscoveryDomain, error) {
			ds, err := cl.DiscoveryDomains(ctx, org.ID)
			if client.KindOf(err) == client.Unsupported {
				return nil, nil // no discovery domains: none pending, none routing
			}
			return ds, err
		})
	}
	switch {
	case !c.wants(connChecks...):
	case connsMiss != nil:
		for _, ch := range connChecks {
			c.r.skip(ch, *connsMiss)
		}
	default:
		c.connections(conns, doms, domsMiss)
	}
	switch {
	case !c.wants(CheckPendingDomain):
	case domsMiss != nil:
		c.r.skip(CheckPendingDomain, *domsMiss)
	default:
		c.pendingDomains(doms)
	}
	if c.wants(CheckMemberConn, CheckBlocked, CheckRoleLimit) {
		ms, miss := c.members()
		c.step("checking members")
		if c.wants(CheckMemberConn) {
			c.memberConnections(ms, miss, conns, connsMiss)
		}
		if c.wants(CheckBlocked) {
			c.blocked(ms, miss)
		}
		if c.wants(CheckRoleLimit) {
			c.roles(ms, miss)
		}
	}
	if c.wants(CheckExpired) {
		c.step("reading invitations")
		c.invitations()
	}
	if c.wants(CheckFailedLogins) {
		c.step("reading the last day's failed logins")
		c.failedLogins()
	}
	slices.SortStableFunc(c.r.Findings, func(a, b Finding) int { return int(b.Severity) - int(a.Severity) }) // errors first
}

func enabled(conns []client.Connection) []client.Connection {
	return slices.DeleteFunc(slices.Clone(conns), func(c client.Connection) bool { return !c.Enabled })
}

// connections runs the checks on the organization's connections.
func (c *checkup) connections(conns []client.Connection, doms []client.DiscoveryDomain, domsMiss *Link) {
	o := c.r.Org
	on := enabled(conns)
	c.r.ran(CheckNoConnection)
	if len(on) == 0 {
		f := Finding{Check: CheckNoConnection, Severity: Error, Title: "no connection is enabled: nobody can log in to " + o.Name}
		for _, cn := range conns {
			f.Evidence = append(f.Evidence, cn.Name+" is in the organization but disabled")
			if f.Fix == nil {
				f.Fix = &Fix{Kind: ReenableInOrg, Label: "Re-enable " + cn.Name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name, ConnID: cn.ID, ConnName: cn.Name}
			}
		}
		c.r.find(f)
	}
	c.hidden(on, doms, domsMiss)
	c.appsAndConnections(on)
	c.r.ran(CheckSignup)
	for _, cn := range on {
		if client.IsDatabase(cn.Strategy) && cn.SignupEnabled && !cn.AssignMembershipOnLogin {
			s := cn.ConnectionSettings
			s.AssignMembershipOnLogin = true
			c.r.find(Finding{Check: CheckSignup, Severity: Warning,
				Title:    cn.Name + " lets people sign up but does not make them members: they sign up and still cannot log in to " + o.Name,
				Evidence: []string{"is_signup_enabled: true, assign_membership_on_login: false"},
				Fix: &Fix{Kind: EditConnection, Label: "Turn on membership on login for " + cn.Name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name,
					ConnID: cn.ID, ConnName: cn.Name, Settings: s, Before: cn.ConnectionSettings}})
		}
	}
	c.r.ran(CheckConnLimit)
	if n := len(conns); float64(n) >= nearLimit*limits.MaxOrgConnections {
		c.r.find(Finding{Check: CheckConnLimit, Severity: Warning,
			Title: fmt.Sprintf("%d of Auth0's %d connections per organization are used", n, limits.MaxOrgConnections)})
	}
}

// hidden finds an organization whose every enabled connection is an
// enterprise one hidden from the prompt, with no verified discovery domain
// to send people to it.
func (c *checkup) hidden(on []client.Connection, doms []client.DiscoveryDomain, domsMiss *Link) {
	o := c.r.Org
	c.r.ran(CheckHidden)
	if len(on) == 0 || slices.ContainsFunc(on, func(cn client.Connection) bool { return !client.IsEnterprise(cn.Strategy) || cn.ShowAsButton }) {
		return
	}
	var routes []string
	for _, d := range doms {
		if d.Verified && d.UseForDiscovery {
			routes = append(routes, d.Domain)
		}
	}
	if len(routes) > 0 {
		return // people are sent to the connection by their email's domain
	}
	f := Finding{Check: CheckHidden, Severity: Error, Title: "every enabled connection is hidden from " + o.Name + "'s login prompt, and no verified discovery domain sends people to one"}
	for _, cn := range on {
		f.Evidence = append(f.Evidence, cn.Name+" ("+cn.Strategy+"): show_as_button false")
	}
	if domsMiss != nil {
		f.Evidence = append(f.Evidence, "discovery domains not read: "+domsMiss.Reason)
	}
	s := on[0].ConnectionSettings
	s.ShowAsButton = true
	f.Fix = &Fix{Kind: EditConnection, Label: "Show " + on[0].Name + " as a button in " + o.Name, OrgID: o.ID, OrgName: o.Name,
		ConnID: on[0].ID, ConnName: on[0].Name, Settings: s, Before: on[0].ConnectionSettings}
	c.r.find(f)
}

// appsAndConnections finds connections no organization-using application
// may use, and applications that require organizations with no connection
// of this organization they may use.
func (c *checkup) appsAndConnections(on []client.Connection) {
	o := c.r.Org
	if c.s.appsMiss != nil {
		c.r.skip(CheckConnUnused, *c.s.appsMiss)
		c.r.skip(CheckAppNoConn, *c.s.appsMiss)
		return
	}
	using, requiring := c.s.usingOrgs()
	usable := map[string][]string{} // connection id → the org-using applications it is enabled for
	for _, cn := range on {
		ids, miss := c.s.appsOf(c.ctx, cn.ID)
		if miss != nil {
			c.r.skip(CheckConnUnused, *miss)
			c.r.skip(CheckAppNoConn, *miss)
			return
		}
		for _, a := range using {
			if slices.Contains(ids, a.ID) {
				usable[cn.ID] = append(usable[cn.ID], a.ID)
			}
		}
	}
	c.r.ran(CheckConnUnused)
	c.r.ran(CheckAppNoConn)
	if len(using) == 0 {
		return // no application logs anyone in to an organization: nothing to compare
	}
	// the applications a connection must serve: those that require
	// organizations, where there are any; else those that allow them
	must, what := using, "use"
	if len(requiring) > 0 {
		must, what = requiring, "require"
	}
	for _, cn := range on {
		if slices.ContainsFunc(must, func(a client.Application) bool { return slices.Contains(usable[cn.ID], a.ID) }) {
			continue
		}
		target := must[0]
		c.r.find(Finding{Check: CheckConnUnused, Severity: Warning,
			Title:    cn.Name + " is enabled in " + o.Name + " but for none of the applications that " + what + " organizations",
			Evidence: []string{"applications that " + what + " organizations: " + appNames(must)},
			Fix: &Fix{Kind: EnableForApp, Label: "Enable " + cn.Name + " for " + target.Name, ConnID: cn.ID, ConnName: cn.Name,
				ClientID: target.ID, OrgID: o.ID, OrgName: o.Name}})
	}
	for _, a := range requiring {
		if len(on) == 0 || slices.ContainsFunc(on, func(cn client.Connection) bool { return slices.Contains(usable[cn.ID], a.ID) }) {
			continue
		}
		c.r.find(Finding{Check: CheckAppNoConn, Severity: Error,
			Title:    a.Name + " requires an organization, and no connection enabled in " + o.Name + " is enabled for it: its people cannot log in there",
			Evidence: []string{"connections enabled in " + o.Name + ": " + connNames(on)},
			Fix: &Fix{Kind: EnableForApp, Label: "Enable " + on[0].Name + " for " + a.Name, ConnID: on[0].ID, ConnName: on[0].Name,
				ClientID: a.ID, OrgID: o.ID, OrgName: o.Name}})
	}
}

func appNames(as []client.Application) string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

func connNames(cs []client.Connection) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
