package activity

import (
	"context"
	"slices"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// An organization is changed also by changes to what it shares with the
// tenant: a connection it has enabled, a user who is its member. Auth0
// logs those on the connection's or the user's path, which names no
// organization; the feed relates them through the organization's
// connections (one call a read) and its members' organizations (one call
// per distinct user, kept for the feed's life).

// sharedUse is what an organization's feed knows of its shared things.
type sharedUse struct {
	conns    map[string]string   // its connections' names by id (nil: not read)
	userOrgs map[string][]string // a user's organizations' ids, as read
}

// lookupsPerRead bounds the users a read looks up: a busy tenant's
// changes to users are related over the next reads, not in one burst.
const lookupsPerRead = 25

// relate reads, for an organization's feed, its connections (on a load,
// or when never read) and the organizations of the users its kept events
// change, not looked up yet. Failures leave those changes out: the
// organization's own timeline does not depend on them.
func (f *Feed) relate(ctx context.Context, load bool) {
	if f.q.Org == "" {
		return
	}
	cl := f.src.Client
	f.mu.Lock()
	readConns := load || f.shared.conns == nil
	var users []string
	for _, e := range f.logs {
		if kind, id := sharedTarget(e); kind == userTarget && !slices.Contains(users, id) {
			if _, known := f.shared.userOrgs[id]; !known {
				users = append(users, id)
			}
		}
	}
	f.mu.Unlock()
	if readConns && cl.Capabilities().Can(client.ReadConnections).Allowed {
		if cs, err := cl.Connections(ctx, f.q.Org); err == nil {
			conns := make(map[string]string, len(cs))
			for _, c := range cs {
				conns[c.ID] = c.Name
			}
			f.mu.Lock()
			f.shared.conns = conns
			f.mu.Unlock()
		}
	}
	if !cl.Capabilities().Can(client.ReadUserOrganizations).Allowed {
		return
	}
	slices.Sort(users)
	for _, id := range users[:min(len(users), lookupsPerRead)] {
		orgs, err := cl.UserOrganizations(ctx, id)
		if client.KindOf(err) == client.NotFound {
			orgs, err = nil, nil // deleted since: a member of nothing
		}
		if err != nil {
			return // the next read tries again
		}
		ids := make([]string, 0, len(orgs))
		for _, o := range orgs {
			ids = append(ids, o.ID)
		}
		f.mu.Lock()
		f.shared.userOrgs[id] = ids
		f.mu.Unlock()
	}
}

// through says, by log id, how each of logs that changes a shared thing
// affects the feed's organization: "its connection okta-workforce", "its
// member ines@example.com"; the others are not in the map.
func (f *Feed) through(logs []client.LogEvent, names map[string]string) map[string]string {
	if f.q.Org == "" {
		return nil
	}
	known := userNames(logs)
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]string{}
	for _, e := range logs {
		kind, id := sharedTarget(e)
		switch {
		case kind == connectionTarget && f.shared.conns != nil:
			if name, ok := f.shared.conns[id]; ok {
				out[e.ID] = "its connection " + firstOf(name, names[id], id)
			}
		case kind == userTarget && slices.Contains(f.shared.userOrgs[id], f.q.Org):
			out[e.ID] = "its member " + firstOf(names[id], known[id], id)
		}
	}
	return out
}

// mayConcern reports whether audited change c may be in in's timeline:
// every change for the tenant; for an organization, its own (by id, or by
// name alone on an older orgdash's line), a creation (it is the one whose
// logged creation it claims) and a change of what the tenant shares (if
// its call affects the organization: Build keeps it then).
func mayConcern(in Input, c audit.Change) bool {
	it := c.Intent
	creation := it.Action == "create organization" && it.Org == ""
	byName := it.Org == "" && in.OrgName != "" && it.OrgName == in.OrgName && !creation
	_, shared := tenantCalls[it.Action]
	return in.Org == "" || it.Org == in.Org || creation || byName || shared
}

// userNames are users' emails as the answers to changes of them said
// (PATCH /users/{id} answers with the user).
func userNames(logs []client.LogEvent) map[string]string {
	out := map[string]string{}
	for _, e := range logs {
		if kind, id := sharedTarget(e); kind == userTarget {
			if email := str(e.Details, "response", "body", "email"); email != "" {
				out[id] = email
			}
		}
	}
	return out
}
