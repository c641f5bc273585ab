package doctor

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// Plan is what checking many organizations will cost, worked out before
// any check runs, against the tenant's budget as the tracker knows it.
type Plan struct {
	Orgs  int
	Calls int // at most, when no organization has more than 100 members
	// Groups are the calls on each endpoint group ("" is the global bucket's own).
	Groups map[limits.Group]int
	// Limit is the estimate of the bucket that limits the run; Takes its time.
	Limit pace.Estimate
	Takes time.Duration
}

// perOrg are the calls one organization's checks make, by group, given
// what the credentials allow: its connections (one more, once, where the
// tenant lacks the newer family), discovery domains, invitations, a page
// of members and the empty page that ends Auth0's checkpoint paging of
// them, and its logs.
func perOrg(cl client.Client) map[limits.Group]int {
	g := map[limits.Group]int{}
	add := func(a client.Action, group limits.Group) {
		if can(cl, a) == "" {
			g[group]++
		}
	}
	add(client.ReadConnections, limits.OrgConnectionsRead)
	add(client.ReadDomains, limits.NoGroup)
	add(client.ReadInvitations, limits.OrgInvitationsRead)
	add(client.ReadMembers, limits.OrgMembersRead)
	add(client.ReadMembers, limits.OrgMembersRead)
	add(client.ReadLogs, limits.NoGroup)
	return g
}

// NewPlan plans checking orgs organizations of a tenant with tenantConns
// connections (-1 when unknown), after s: each connection's applications
// are read once, at most ten an organization (Auth0's limit), and the
// blocks of each user the last day's brute-force blocks name.
func NewPlan(cl client.Client, s *Survey, orgs, tenantConns int) Plan {
	p := Plan{Orgs: orgs, Groups: map[limits.Group]int{}}
	for g, n := range perOrg(cl) {
		p.Groups[g] += n * orgs
	}
	if can(cl, client.ReadConnections) == "" {
		p.Groups[limits.OrgConnectionsRead]++ // a tenant without the newer family costs one call more, once
	}
	if can(cl, client.ReadConnectionApps) == "" {
		apps := orgs * limits.MaxOrgConnections
		if tenantConns >= 0 {
			apps = min(apps, tenantConns)
		}
		p.Groups[limits.ConnectionsRead] += apps
	}
	if can(cl, client.ReadUserOrganizations) == "" && ambiguous(s.tconns) {
		// members whose user id does not name their connection: a few read each
		p.Groups[limits.GroupOf("GET", "/api/v2/users/{id}")] += orgs * identitySample
		p.Groups[limits.GroupOf("GET", "/api/v2/users/{id}/organizations")] += orgs * identitySample
	}
	if can(cl, client.ReadUserBlocks) == "" {
		p.Groups[limits.GroupOf("GET", "/api/v2/user-blocks/{id}")] += s.Hammered()
	}
	t := cl.Tracker()
	for g, n := range p.Groups {
		p.Calls += n
		if e := t.Estimate(g, n); e.Known && e.Takes >= p.Takes || p.Limit.Calls == 0 {
			p.Limit, p.Takes = e, max(p.Takes, e.Takes)
		}
	}
	if e := t.Estimate(limits.NoGroup, p.Calls); e.Known && e.Takes > p.Takes {
		p.Limit, p.Takes = e, e.Takes // every call also draws on the global bucket
	}
	return p
}

func (p Plan) String() string {
	orgs := count(p.Orgs) + " organizations"
	if p.Orgs == 1 {
		orgs = "1 organization"
	}
	when := "the budget is not known yet"
	switch {
	case p.Limit.Known && p.Takes < time.Second:
		when = "within the budget there is now"
	case p.Limit.Known:
		when = "about " + p.Takes.Round(time.Second).String() + " at " + pace.BucketLabel(p.Limit.Bucket)
	}
	return fmt.Sprintf("%s: at most %s calls (one more per 100 members past the first 100 of an organization), %s", orgs, count(p.Calls), when)
}

// workers check organizations side by side: the budget paces them.
const workers = 4

// CheckAll checks every organization in orgs, in that order, calling done
// after each (from any goroutine).
func CheckAll(ctx context.Context, cl client.Client, s *Survey, orgs []client.Organization, done func(Report)) []Report {
	out := make([]Report, len(orgs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(orgs)) {
		wg.Go(func() {
			for i := range next {
				out[i] = Check(ctx, cl, s, orgs[i])
				if done != nil {
					done(out[i])
				}
			}
		})
	}
	for i := range orgs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
