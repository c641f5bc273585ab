package doctor

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// The members' own connections: a member logs in through the connection
// of their identity, so a connection their identity is on that the
// organization lacks, has disabled, or that no application requiring
// organizations may use, leaves them unable to log in — whatever the
// organization's other connections allow.
// https://auth0.com/docs/manage-users/organizations/configure-organizations/enable-connections

// identitySample is how many members whose connection their user id does
// not name are read one by one (GET /users/{id}) to learn it; the others
// are counted as not known.
const identitySample = 5

// exampleMembers is how many affected members a finding names.
const exampleMembers = 3

// connOf is the connection a user id names, among the tenant's: Auth0's
// user id is the provider, a bar, and the provider's id
// (https://auth0.com/docs/manage-users/user-accounts/identify-users);
// the provider is the connection's strategy, and enterprise providers put
// the connection's name first in the rest ("samlp|globex-sso|…"; "/" as
// a separator is a guess some tenants show). Where one connection of the
// tenant has that strategy it is that one; else "" (not named).
func connOf(userID string, tenant []client.TenantConnection) string {
	provider, rest, ok := strings.Cut(userID, "|")
	if !ok {
		return ""
	}
	var same []client.TenantConnection
	for _, c := range tenant {
		if c.Strategy == provider {
			same = append(same, c)
		}
	}
	for _, c := range same {
		if strings.HasPrefix(rest, c.Name+"|") || strings.HasPrefix(rest, c.Name+"/") {
			return c.Name
		}
	}
	if len(same) == 1 {
		return same[0].Name
	}
	return ""
}

// ambiguous reports whether some strategy has several connections in the
// tenant: user ids on it may not name theirs, and a sample is read.
func ambiguous(tenant []client.TenantConnection) bool {
	seen := map[string]bool{}
	for _, c := range tenant {
		if seen[c.Strategy] {
			return true
		}
		seen[c.Strategy] = true
	}
	return false
}

// memberConnections finds members whose identity's connection is not
// enabled in the organization, is disabled there, or is enabled for none
// of the applications that require organizations: counted per
// connection, with a few of them named. It needs every member's user id
// (a member on a broken connection may be anywhere in the list).
func (c *checkup) memberConnections(ms []client.Member, miss *Link, conns []client.Connection, connsMiss *Link) {
	o := c.r.Org
	for _, m := range []*Link{miss, connsMiss, c.s.tconnsMiss} {
		if m != nil {
			c.r.skip(CheckMemberConn, *m)
			return
		}
	}
	byName := map[string]client.Connection{}
	for _, cn := range conns {
		byName[cn.Name] = cn
	}
	tenantID := map[string]string{}
	for _, t := range c.s.tconns {
		tenantID[t.Name] = t.ID
	}
	_, requiring := c.s.usingOrgs()
	if c.s.appsMiss != nil {
		requiring = nil // the applications are not known: the check on them is CheckAppNoConn's skip
	}
	on := map[string][]*client.Member{} // connection name → its members
	var unknown int
	sampled := 0
	for i := range ms {
		m := &ms[i]
		name := connOf(m.UserID, c.s.tconns)
		if name == "" && sampled < identitySample && can(c.cl, client.ReadUserOrganizations) == "" {
			sampled++
			if u, err := c.cl.User(c.ctx, m.UserID); err == nil && len(u.Identities) > 0 {
				name = u.Identities[0].Connection
			}
		}
		if name == "" {
			unknown++
			continue
		}
		on[name] = append(on[name], m)
	}
	c.r.ran(CheckMemberConn)
	for _, name := range slices.Sorted(maps.Keys(on)) {
		who := on[name]
		cn, in := byName[name]
		f := Finding{Check: CheckMemberConn}
		switch {
		case !in:
			f.Title = fmt.Sprintf("%s with %s, which is not enabled in %s: they cannot log in there", logIn(len(who)), name, o.Name)
			if id := tenantID[name]; id != "" {
				f.Fix = &Fix{Kind: EnableInOrg, Label: "Enable " + name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name, ConnID: id, ConnName: name,
					Settings: client.ConnectionSettings{ShowAsButton: true}}
			}
		case !cn.Enabled:
			f.Title = fmt.Sprintf("%s with %s, which is in %s but disabled: they cannot log in there", logIn(len(who)), name, o.Name)
			f.Fix = &Fix{Kind: ReenableInOrg, Label: "Re-enable " + name + " in " + o.Name, OrgID: o.ID, OrgName: o.Name, ConnID: cn.ID, ConnName: name}
		default:
			apps, appsMiss := c.s.appsOf(c.ctx, cn.ID)
			if appsMiss != nil || len(requiring) == 0 {
				continue
			}
			i := slices.IndexFunc(requiring, func(a client.Application) bool { return !slices.Contains(apps, a.ID) })
			if i < 0 {
				continue
			}
			a := requiring[i]
			f.Title = fmt.Sprintf("%s with %s, which %s (requiring organizations) may not use: they cannot log in to it", logIn(len(who)), name, a.Name)
			f.Fix = &Fix{Kind: EnableForApp, Label: "Enable " + name + " for " + a.Name, ConnID: cn.ID, ConnName: name, ClientID: a.ID, OrgName: o.Name}
		}
		f.Severity = Warning
		if 2*len(who) >= len(ms) {
			f.Severity = Error // half the members or more
		}
		f.Evidence = []string{fmt.Sprintf("%s of %s members (%d%%), for example %s", count(len(who)), count(len(ms)), 100*len(who)/max(1, len(ms)), examples(who))}
		if unknown > 0 {
			f.Evidence = append(f.Evidence, fmt.Sprintf("%s members' connection not known (their user id does not name it)", count(unknown)))
		}
		c.r.find(f)
	}
}

// logIn is "1 member logs in" or "n members log in".
func logIn(n int) string {
	if n == 1 {
		return "1 member logs in"
	}
	return fmt.Sprintf("%s members log in", count(n))
}

func examples(ms []*client.Member) string {
	var out []string
	for _, m := range ms[:min(exampleMembers, len(ms))] {
		out = append(out, cmp.Or(m.Email, m.UserID))
	}
	return strings.Join(out, ", ")
}
