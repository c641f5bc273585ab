package client

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

func (c *auth0Client) Members(ctx context.Context, orgID, from string) (Page[Member], error) {
	withRoles := c.Capabilities().Can(ReadMemberRoles).Allowed
	p, err := c.membersPage(ctx, orgID, from, withRoles)
	var e *Error
	if withRoles && errors.As(err, &e) && e.Kind == Forbidden {
		return c.membersPage(ctx, orgID, from, false) // roles need a scope of their own: list without them
	}
	return p, err
}

func (c *auth0Client) membersPage(ctx context.Context, orgID, from string, withRoles bool) (Page[Member], error) {
	fields := []string{"user_id", "email", "picture", "name"}
	if withRoles {
		fields = append(fields, "roles")
	}
	opts := []management.RequestOption{management.Take(pageSize), management.IncludeFields(fields...)}
	if from != "" {
		opts = append(opts, management.From(from))
	}
	l, err := c.m.Organization.Members(ctx, orgID, opts...)
	if err != nil {
		return Page[Member]{}, c.classify("list members", err)
	}
	p := Page[Member]{Items: make([]Member, 0, len(l.Members))}
	c.listed.saw(orgID, from, l.Members)
	for _, m := range l.Members {
		mem := Member{UserID: m.GetUserID(), Name: m.GetName(), Email: m.GetEmail(), Picture: m.GetPicture()}
		for _, r := range m.Roles {
			mem.Roles = append(mem.Roles, Role{ID: r.GetID(), Name: r.GetName()})
		}
		p.Items = append(p.Items, mem)
	}
	if len(p.Items) > 0 { // Auth0's members paging ends with an empty page, not a missing next
		p.Next = l.Next
	}
	return p, nil
}

func (c *auth0Client) CountMembers(ctx context.Context, orgID string) (int, error) {
	l, err := c.m.Organization.Members(ctx, orgID, management.PerPage(1), management.IncludeTotals(true), management.IncludeFields("user_id"))
	if err != nil {
		return 0, c.classify("count members", err)
	}
	return l.Total, nil
}

// batches splits ids into runs of at most n.
func batches(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// bulkAttempts is how often a batch whose answer was lost is sent.
const bulkAttempts = 3

// precheckMax is the largest removal whose targets are each asked first
// whether they are still members (one call each).
const precheckMax = 20

// bulk runs call over ids in batches. A batch Auth0 refuses as invalid is
// split in halves until the members at fault are found, so one bad member
// does not hide the others' results. A batch whose answer is lost ends
// Unverified (the caller reads it back); once ctx is stopped or done, the
// batches not yet sent end Cancelled, and a batch sent before it (whose
// answer was lost) stays Unverified: it is never called cancelled.
func (c *auth0Client) bulk(ctx context.Context, op string, ids []string, call func(context.Context, []string) error) []MemberResult {
	results := make([]MemberResult, 0, len(ids))
	all := func(batch []string, o Outcome, err error) {
		for _, id := range batch {
			results = append(results, MemberResult{UserID: id, Outcome: o, Err: err})
		}
	}
	var run func(batch []string)
	run = func(batch []string) {
		var err, lost error // lost: the answer of an attempt that went out
		for attempt := 1; ; attempt++ {
			if pace.Stopped(ctx) || ctx.Err() != nil {
				if lost == nil {
					all(batch, Cancelled, cmp.Or(ctx.Err(), cancelled(op)))
					return
				}
				err = lost
				break
			}
			// adding a member twice, or removing a non-member, is harmless:
			// a batch whose answer was lost is sent again
			err = c.classify(op, call(ctx, batch))
			if KindOf(err) == NotSent || unsent(err) {
				if lost != nil {
					err = lost // an earlier attempt went out
				}
				break
			}
			if lostAnswer(err) || errors.Is(err, context.Canceled) {
				lost = err
			}
			if !lostAnswer(err) || attempt == bulkAttempts {
				break
			}
		}
		switch {
		case err == nil:
			all(batch, Done, nil)
		case KindOf(err) == NotSent || unsent(err):
			all(batch, Cancelled, cancelled(op))
		case len(batch) > 1 && KindOf(err) == Invalid:
			run(batch[:len(batch)/2])
			run(batch[len(batch)/2:])
		case lostAnswer(err) || errors.Is(err, context.Canceled):
			all(batch, Unverified, err)
		default:
			all(batch, Failed, err)
		}
	}
	for _, b := range batches(ids, min(c.cfg.BatchSize, limits.MaxIDsPerRequest)) {
		run(b)
	}
	return results
}

// settleCtx is the context a bulk change's read-back runs in, and how
// long it polls: ctx itself while it runs on, else (stopped, or done) a
// fresh one bounded in time that checks once.
func (c *auth0Client) settleCtx(ctx context.Context) (context.Context, context.CancelFunc, time.Duration) {
	if !pace.Stopped(ctx) && ctx.Err() == nil {
		return ctx, func() {}, c.cfg.VerifyTimeout
	}
	rctx, cancel := readBackContext(ctx)
	return rctx, cancel, 0
}

func (c *auth0Client) RemoveMembers(ctx context.Context, orgID string, userIDs []string) []MemberResult {
	var absent []MemberResult
	if len(userIDs) <= precheckMax && c.Capabilities().Can(ReadUserOrganizations).Allowed && !pace.Stopped(ctx) {
		if still, err := c.stillMembers(ctx, orgID, userIDs, all(userIDs)); err == nil {
			var members []string
			for _, id := range userIDs {
				if still(id) {
					members = append(members, id)
				} else {
					absent = append(absent, MemberResult{UserID: id, Outcome: Absent})
				}
			}
			userIDs = members
		}
	}
	res := c.bulk(ctx, "remove members", userIDs, func(ctx context.Context, batch []string) error {
		return c.m.Organization.DeleteMembers(ctx, orgID, batch)
	})
	var sent []string
	for _, r := range res {
		if r.Outcome == Done || r.Outcome == Unverified {
			sent = append(sent, r.UserID)
		}
	}
	if len(sent) > 0 {
		vctx, cancel, timeout := c.settleCtx(ctx)
		defer cancel()
		verdict := map[string]MemberResult{}
		for _, v := range c.verifyRemoved(vctx, orgID, sent, timeout) {
			verdict[v.UserID] = v
		}
		for i, r := range res {
			if v, ok := verdict[r.UserID]; ok {
				if v.Outcome == Unverified && r.Err != nil {
					v.Err = r.Err // the lost answer says more than the timeout
				}
				res[i] = v
			}
		}
	}
	return append(absent, res...)
}

func all(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func (c *auth0Client) AddMembers(ctx context.Context, orgID string, userIDs []string) []MemberResult {
	c.listed.forget(orgID, userIDs) // an added member lists at a new place
	res := c.bulk(ctx, "add members", userIDs, func(ctx context.Context, batch []string) error {
		return c.m.Organization.AddMembers(ctx, orgID, batch)
	})
	var lost []string
	for _, r := range res {
		if r.Outcome == Unverified {
			lost = append(lost, r.UserID)
		}
	}
	if len(lost) == 0 {
		return res
	}
	// a lost answer is read back: a listed member was added; one not
	// listed was not, unless the call was cut off on its way by this side
	// (a stop, a shutdown): the tenant may still apply it
	cutOff := pace.Stopped(ctx) || ctx.Err() != nil
	vctx, cancel, _ := c.settleCtx(ctx)
	defer cancel()
	total := -1
	listed, err := c.listedNow(pace.Background(vctx), orgID, lost, &total)
	if err != nil {
		return res
	}
	for i, r := range res {
		if r.Outcome != Unverified {
			continue
		}
		if listed(r.UserID) {
			res[i] = MemberResult{UserID: r.UserID, Outcome: Confirmed}
		} else if !cutOff {
			res[i].Outcome, res[i].Err = Failed, &Error{Kind: Unavailable, Op: "add members", Message: NoteNotApplied, Err: r.Err}
		}
	}
	return res
}

// stillMembers asks, for each pending user, whether orgID is still among
// the user's organizations.
func (c *auth0Client) stillMembers(ctx context.Context, orgID string, ids []string, pending map[string]bool) (func(string) bool, error) {
	still := map[string]bool{}
	for _, id := range ids {
		if !pending[id] {
			continue
		}
		l, err := c.m.User.Organizations(ctx, id, management.PerPage(pageSize))
		if err != nil {
			return nil, c.classify("verify removal", err)
		}
		for _, o := range l.Organizations {
			if o.GetID() == orgID {
				still[id] = true
			}
		}
	}
	return func(id string) bool { return still[id] }, nil
}

// memberIDs lists every member's id.
func (c *auth0Client) memberIDs(ctx context.Context, orgID string) (map[string]bool, error) {
	ids := map[string]bool{}
	for from := ""; ; {
		next, n, err := c.memberIDPage(ctx, orgID, from, ids)
		if err != nil || n == 0 || next == "" {
			return ids, err
		}
		from = next
	}
}

// memberIDPage adds the user ids of the page after from to ids, and says
// the next cursor and how many the page had.
func (c *auth0Client) memberIDPage(ctx context.Context, orgID, from string, ids map[string]bool) (string, int, error) {
	opts := []management.RequestOption{management.Take(pageSize), management.IncludeFields("user_id")}
	if from != "" {
		opts = append(opts, management.From(from))
	}
	l, err := c.m.Organization.Members(ctx, orgID, opts...)
	if err != nil {
		return "", 0, c.classify("verify removal", err)
	}
	for _, m := range l.Members {
		ids[m.GetUserID()] = true
	}
	return l.Next, len(l.Members), nil
}

// MemberCalls is how many calls adding or removing n members sends (before
// any verification): batches within Auth0's cap.
func MemberCalls(n int) int { return (n + limits.MaxIDsPerRequest - 1) / limits.MaxIDsPerRequest }
