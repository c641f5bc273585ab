package doctor

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/limits"
)

// pendingDomains finds discovery domains that route logins but are not
// verified: Auth0 sends nobody by them until their TXT record is.
func (c *checkup) pendingDomains(doms []client.DiscoveryDomain) {
	o := c.r.Org
	c.r.ran(CheckPendingDomain)
	for _, d := range doms {
		if d.Verified {
			continue
		}
		title := d.Domain + " is pending: people with @" + d.Domain + " email are not sent to " + o.Name + " until its TXT record is verified"
		if !d.UseForDiscovery {
			title = d.Domain + " is pending (and not used for discovery yet): its TXT record was never verified"
		}
		c.r.find(Finding{Check: CheckPendingDomain, Severity: Warning,
			Title:    title,
			Evidence: []string{"TXT record " + d.TXTHost + " = " + d.TXTValue},
			Fix: &Fix{Kind: VerifyDomain, Label: "Mark " + d.Domain + " verified (once its TXT record is in place)", OrgID: o.ID, OrgName: o.Name,
				TargetID: d.ID}})
	}
}

// blocked finds members an administrator blocked.
func (c *checkup) blocked() {
	if c.s.blockedMiss != nil {
		c.r.skip(CheckBlocked, *c.s.blockedMiss)
		return
	}
	if c.s.bruteMiss != nil {
		c.r.skip(CheckBlocked, *c.s.bruteMiss)
		return
	}
	c.r.ran(CheckBlocked)
	for _, u := range c.s.bruteForced[c.r.Org.ID] {
		f := Finding{Check: CheckBlocked, Severity: Warning,
			Title: cmp.Or(u.Email, u.UserID) + " is a member of " + c.r.Org.Name + " and blocked by brute-force protection after too many failed logins",
			Fix:   &Fix{Kind: RemoveBlocks, Label: "Lift the brute-force blocks on " + cmp.Or(u.Email, u.UserID), UserID: u.UserID, OrgName: c.r.Org.Name}}
		for _, b := range u.blocks {
			f.Evidence = append(f.Evidence, "blocked: "+b.Identifier+" from "+b.IP)
		}
		c.r.find(f)
	}
	for _, u := range c.s.blocked[c.r.Org.ID] {
		c.r.find(Finding{Check: CheckBlocked, Severity: Warning,
			Title: cmp.Or(u.Email, u.UserID) + " is a member of " + c.r.Org.Name + " and blocked: they cannot log in anywhere",
			Fix:   &Fix{Kind: UnblockUser, Label: "Unblock " + cmp.Or(u.Email, u.UserID), UserID: u.UserID, OrgName: c.r.Org.Name}})
	}
}

// invitations finds invitations that expired and were never revoked.
func (c *checkup) invitations() {
	o := c.r.Org
	invs, miss := read(c.cl, client.ReadInvitations, "invitations", func() ([]client.Invitation, error) { return c.cl.Invitations(c.ctx, o.ID) })
	if miss != nil {
		c.r.skip(CheckExpired, *miss)
		return
	}
	c.r.ran(CheckExpired)
	for _, inv := range invs {
		if inv.ExpiresAt.IsZero() || inv.ExpiresAt.After(c.s.Now) {
			continue
		}
		c.r.find(Finding{Check: CheckExpired, Severity: Notice,
			Title: "the invitation of " + inv.Invitee + " expired on " + inv.ExpiresAt.UTC().Format(stamp) + " and was not revoked",
			Fix:   &Fix{Kind: RevokeInvitation, Label: "Revoke the expired invitation of " + inv.Invitee, OrgID: o.ID, OrgName: o.Name, TargetID: inv.ID}})
	}
}

// roles finds members near Auth0's limit of roles per member (a page of
// members per 100, with their roles).
func (c *checkup) roles() {
	o := c.r.Org
	for _, a := range []client.Action{client.ReadMembers, client.ReadMemberRoles} {
		if why := can(c.cl, a); why != "" {
			c.r.skip(CheckRoleLimit, unknownScope("members", a, why))
			return
		}
	}
	ms, err := client.All(c.ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
		return c.cl.Members(ctx, o.ID, from)
	})
	if err != nil {
		c.r.skip(CheckRoleLimit, unknownFrom("members", err))
		return
	}
	c.r.ran(CheckRoleLimit)
	for _, m := range ms {
		if n := len(m.Roles); float64(n) >= nearLimit*limits.MaxMemberRoles {
			c.r.find(Finding{Check: CheckRoleLimit, Severity: Warning,
				Title: fmt.Sprintf("%s holds %d of Auth0's %d roles per member in %s", cmp.Or(m.Email, m.UserID), n, limits.MaxMemberRoles, o.Name)})
		}
	}
}

// failedLogins groups the organization's failed logins of the last day by
// what Auth0 said.
func (c *checkup) failedLogins() {
	o := c.r.Org
	since := c.s.Now.Add(-failedLoginsLookback * time.Hour)
	es, miss := read(c.cl, client.ReadLogs, "logs", func() ([]client.LogEvent, error) {
		return c.cl.Logs(c.ctx, client.LogQuery{OrgID: o.ID, Types: LoginFailures, Since: since, Limit: limits.MaxPerPage})
	})
	if miss != nil {
		c.r.skip(CheckFailedLogins, *miss)
		return
	}
	c.r.ran(CheckFailedLogins)
	count := map[string]int{}
	for _, e := range es {
		count[e.Type+"  "+e.Description]++
	}
	if len(count) == 0 {
		return
	}
	causes := slices.SortedFunc(maps.Keys(count), func(a, b string) int { return cmp.Compare(count[b], count[a]) })
	f := Finding{Check: CheckFailedLogins, Severity: Notice, Title: fmt.Sprintf("failed logins in the last %d hours, by what Auth0 said", failedLoginsLookback)}
	for _, k := range causes {
		f.Evidence = append(f.Evidence, fmt.Sprintf("%d×  %s", count[k], k))
	}
	c.r.find(f)
}
