package doctor

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
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
			Values:   txtValues(d),
			Fix: &Fix{Kind: VerifyDomain, Label: "Mark " + d.Domain + " verified (once its TXT record is in place)", OrgID: o.ID, OrgName: o.Name,
				TargetID: d.ID}})
	}
}

// members reads every member (a page per 100, with their roles where the
// scope allows), telling the watcher the pages read of those there are.
// The whole list is needed: a member on a connection the organization
// lacks, a blocked member or one near the roles limit may be anywhere in
// it, and Auth0 offers no search of an organization's members by
// connection, block or role count.
func (c *checkup) members() ([]client.Member, *Link) {
	return read(c.cl, client.ReadMembers, "members", func() ([]client.Member, error) {
		pages := 0
		if c.watch != nil {
			if n, err := c.cl.CountMembers(c.ctx, c.r.Org.ID); err == nil {
				pages = max(1, (n+limits.MaxPerPage-1)/limits.MaxPerPage)
			}
		}
		read := 0
		c.progress(Progress{Step: "reading members", Pages: 0, TotalPages: pages})
		return client.All(c.ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
			p, err := c.cl.Members(ctx, c.r.Org.ID, from)
			if err == nil && len(p.Items) > 0 {
				read++
				c.progress(Progress{Step: "reading members", Pages: read, TotalPages: max(pages, read)})
			}
			return p, err
		})
	})
}

// blocked finds members an administrator blocked, and members brute-force
// protection blocks (named by the last day's limit_wc events, their
// blocks read to see they still hold).
func (c *checkup) blocked(ms []client.Member, miss *Link) {
	for _, m := range []*Link{miss, c.s.blockedMiss, c.s.bruteMiss} {
		if m != nil {
			c.r.skip(CheckBlocked, *m)
			return
		}
	}
	var found []Finding
	for _, m := range ms {
		who := cmp.Or(m.Email, m.UserID)
		if _, ok := c.s.blocked[m.UserID]; ok {
			found = append(found, Finding{Check: CheckBlocked, Severity: Warning,
				Title: who + " is a member of " + c.r.Org.Name + " and blocked: they cannot log in anywhere",
				Fix:   &Fix{Kind: UnblockUser, Label: "Unblock " + who, UserID: m.UserID, UserName: m.Email, OrgID: c.r.Org.ID, OrgName: c.r.Org.Name}})
		}
		if !c.s.hammered[m.UserID] {
			continue
		}
		bs, miss := c.s.blocksOf(c.ctx, m.UserID)
		if miss != nil {
			c.r.skip(CheckBlocked, *miss)
			return
		}
		if len(bs) == 0 {
			continue // lifted since, or expired
		}
		f := Finding{Check: CheckBlocked, Severity: Warning,
			Title: who + " is a member of " + c.r.Org.Name + " and blocked by brute-force protection after too many failed logins",
			Fix:   &Fix{Kind: RemoveBlocks, Label: "Lift the brute-force blocks on " + who, UserID: m.UserID, OrgName: c.r.Org.Name}}
		for _, b := range bs {
			f.Evidence = append(f.Evidence, "blocked: "+b.Identifier+" from "+b.IP)
		}
		found = append(found, f)
	}
	c.r.ran(CheckBlocked)
	for _, f := range found {
		c.r.find(f)
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

// roles finds members near Auth0's limit of roles per member.
func (c *checkup) roles(ms []client.Member, miss *Link) {
	o := c.r.Org
	if miss != nil {
		c.r.skip(CheckRoleLimit, *miss)
		return
	}
	if why := can(c.cl, client.ReadMemberRoles); why != "" {
		c.r.skip(CheckRoleLimit, unknownScope("member roles", client.ReadMemberRoles, why))
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
	type cause struct{ typ, desc string }
	count := map[cause]int{}
	typeWidth := 0
	for _, e := range es {
		count[cause{e.Type, e.Description}]++
		typeWidth = max(typeWidth, len(e.Type))
	}
	if len(count) == 0 {
		return
	}
	causes := slices.SortedFunc(maps.Keys(count), func(a, b cause) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a.typ, b.typ), cmp.Compare(a.desc, b.desc))
	})
	countWidth := len(strconv.Itoa(count[causes[0]]))
	f := Finding{Check: CheckFailedLogins, Severity: Notice, Title: fmt.Sprintf("failed logins in the last %d hours, by what Auth0 said", failedLoginsLookback)}
	for _, k := range causes { // counts and codes in columns: "10×  fp        Wrong…" over " 3×  f         user…"
		f.Evidence = append(f.Evidence, fmt.Sprintf("%*d×  %-*s  %s", countWidth, count[k], typeWidth, k.typ, k.desc))
	}
	c.r.find(f)
}
