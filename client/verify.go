package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client/pace"
)

// verifyMaxMembers bounds the organizations whose removals are verified by
// listing them whole: past it, one poll would cost more than it is worth.
const verifyMaxMembers = 5000

// pageBook remembers, for each member listed, the checkpoint cursor of
// the page that listed it. Checkpoint cursors mark a position: the page
// after the same cursor, read again, still holds that member until it is
// removed (rows before it can only go), so one call checks every removed
// member the page held.
type pageBook struct {
	mu   sync.Mutex
	from map[string]map[string]string // org → user → cursor ("" for the first page)
}

func newPageBook() *pageBook { return &pageBook{from: map[string]map[string]string{}} }

func (b *pageBook) saw(orgID, from string, members []management.OrganizationMember) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.from[orgID]
	if m == nil {
		m = map[string]string{}
		b.from[orgID] = m
	}
	for _, mem := range members {
		m[mem.GetUserID()] = from
	}
}

func (b *pageBook) forget(orgID string, ids []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		delete(b.from[orgID], id)
	}
}

// cursors are the distinct pages that listed ids, or false when one of
// them was never listed.
func (b *pageBook) cursors(orgID string, ids []string) ([]string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		from, ok := b.from[orgID][id]
		if !ok {
			return nil, false
		}
		if !seen[from] {
			seen[from] = true
			out = append(out, from)
		}
	}
	return out, true
}

// verifyPlan is how one poll checks the pending removals.
type verifyPlan int

const (
	byUser    verifyPlan = iota // GET /users/{id}/organizations for each
	byPages                     // the checkpoint pages that listed them
	byListing                   // every page of the organization
)

// VerifyRemoved polls until the removed members stop listing, as
// background work. Each poll picks its cheapest way for the members still
// pending: a call per member, the pages that listed them, or the whole
// list; so the cost follows what changed, not the organization's size.
func (c *auth0Client) VerifyRemoved(ctx context.Context, orgID string, userIDs []string) []MemberResult {
	return c.verifyRemoved(ctx, orgID, userIDs, c.cfg.VerifyTimeout)
}

// verifyRemoved is VerifyRemoved polling for at most timeout (0: once).
func (c *auth0Client) verifyRemoved(ctx context.Context, orgID string, userIDs []string, timeout time.Duration) []MemberResult {
	ctx = pace.Background(ctx)
	pending := map[string]bool{}
	for _, id := range userIDs {
		pending[id] = true
	}
	results := make([]MemberResult, 0, len(userIDs))
	finish := func(o Outcome, err error) []MemberResult {
		for _, id := range userIDs {
			if pending[id] {
				results = append(results, MemberResult{UserID: id, Outcome: o, Err: err})
			}
		}
		return results
	}
	total := -1 // counted when a whole listing is the only way
	deadline := time.Now().Add(timeout)
	for {
		ids := make([]string, 0, len(pending))
		for _, id := range userIDs {
			if pending[id] {
				ids = append(ids, id)
			}
		}
		listed, err := c.listedNow(ctx, orgID, ids, &total)
		if errors.Is(err, errTooMany) {
			return finish(Unverified, err)
		}
		if err == nil {
			for _, id := range ids {
				if !listed(id) {
					pending[id] = false
					results = append(results, MemberResult{UserID: id, Outcome: Confirmed})
				}
			}
		}
		if len(results) == len(userIDs) {
			return results
		}
		if err == nil {
			err = &Error{Kind: Unavailable, Op: "verify removal", Message: "still listed after " + timeout.String()}
		}
		if ctx.Err() != nil || pace.Stopped(ctx) || time.Now().Add(c.cfg.VerifyInterval).After(deadline) {
			return finish(Unverified, err)
		}
		t := time.NewTimer(c.cfg.VerifyInterval)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
}

// errTooMany marks an organization too large to verify by listing.
var errTooMany = errors.New("too many members to verify by listing")

// listedNow says which of ids the organization lists now, each checked
// the cheapest way verifyPlan finds (total caches the member count).
func (c *auth0Client) listedNow(ctx context.Context, orgID string, ids []string, total *int) (func(string) bool, error) {
	plan, cursors, err := c.verifyPlan(ctx, orgID, ids, total)
	if err != nil {
		return nil, err
	}
	switch plan {
	case byUser:
		return c.stillMembers(ctx, orgID, ids, all(ids))
	case byPages:
		return c.listedIn(ctx, orgID, cursors)
	}
	listed, err := c.memberIDs(ctx, orgID)
	return func(id string) bool { return listed[id] }, err
}

// verifyPlan picks the cheapest way to check ids, in calls: one per
// member (needs read:users), one per page that listed them, or every page
// of the organization. Past two calls, the organization is counted first
// (one call, once): after a large removal, listing what is left is often
// the cheapest. Listing is refused past verifyMaxMembers.
func (c *auth0Client) verifyPlan(ctx context.Context, orgID string, ids []string, total *int) (verifyPlan, []string, error) {
	best, cost := byListing, -1
	if c.Capabilities().Can(ReadUserOrganizations).Allowed {
		best, cost = byUser, len(ids)
	}
	cursors, paged := c.listed.cursors(orgID, ids)
	if paged && (cost < 0 || len(cursors) < cost) {
		best, cost = byPages, len(cursors)
	}
	if cost >= 0 && cost <= 2 {
		return best, cursors, nil
	}
	if *total < 0 {
		n, err := c.CountMembers(ctx, orgID)
		if err != nil {
			return 0, nil, err
		}
		*total = n
	}
	if cost >= 0 && (cost <= listingCost(*total) || *total > verifyMaxMembers) {
		return best, cursors, nil
	}
	if *total > verifyMaxMembers {
		return 0, nil, &Error{Kind: Unsupported, Op: "verify removal",
			Message: fmt.Sprintf("the organization has %d members, too many to verify by listing", *total), Err: errTooMany}
	}
	return byListing, nil, nil
}

// listingCost is the calls that list n members: their pages, and the
// empty one that ends Auth0's member paging.
func listingCost(n int) int {
	if n == 0 {
		return 1
	}
	return (n+pageSize-1)/pageSize + 1
}

// listedIn reads the pages after cursors again and says who they list.
func (c *auth0Client) listedIn(ctx context.Context, orgID string, cursors []string) (func(string) bool, error) {
	ids := map[string]bool{}
	for _, from := range cursors {
		if _, _, err := c.memberIDPage(ctx, orgID, from, ids); err != nil {
			return nil, err
		}
	}
	return func(id string) bool { return ids[id] }, nil
}
