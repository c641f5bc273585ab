package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Question is who cannot log in where: an email, an organization (its
// name or id) and, optionally, the application they log in to.
type Question struct {
	Email, Org string
	ClientID   string // "" to take it from their recent log events
}

// Explanation is the chain a login takes, link by link, in order.
type Explanation struct {
	Email  string              `json:"email"`
	Org    client.Organization `json:"-"`
	UserID string              `json:"user_id,omitempty"`
	App    *client.Application `json:"-"`
	Links  []Link              `json:"links"`
}

// Cause is the first link that failed (Auth0's record only when no
// condition did), or nil.
func (e Explanation) Cause() *Link {
	for i := range e.Links {
		if e.Links[i].Verdict == Failed && !e.Links[i].Record {
			return &e.Links[i]
		}
	}
	for i := range e.Links {
		if e.Links[i].Verdict == Failed {
			return &e.Links[i]
		}
	}
	return nil
}

// Unchecked are the links that could not be checked.
func (e Explanation) Unchecked() []Link {
	var out []Link
	for _, l := range e.Links {
		if l.Verdict == Unknown {
			out = append(out, l)
		}
	}
	return out
}

// The links' names, in the order a login meets them.
const (
	LinkPerson      = "the person exists"
	LinkBlocked     = "not blocked"
	LinkBruteForce  = "no brute-force block"
	LinkApp         = "the application"
	LinkUsage       = "the application accepts organizations"
	LinkThirdParty  = "third-party access"
	LinkEntitlement = "application entitlement"
	LinkConnApp     = "connection enabled for the application"
	LinkConnOrg     = "connection enabled in the organization"
	LinkButton      = "connection offered at the organization's prompt"
	LinkMember      = "membership"
	LinkDomain      = "discovery domain"
	LinkRecord      = "Auth0's record"
)

// walk is one explanation in the making, with what earlier links read.
type walk struct {
	ctx       context.Context
	cl        client.Client
	q         Question
	ex        Explanation
	user      *client.User
	conns     []client.Connection // the organization's
	connsRead bool                // whether conns were read
	conn      *client.Connection  // the identity's connection as the organization has it
	tconn     *client.TenantConnection
	doms      []client.DiscoveryDomain
	now       time.Time
}

// Why walks the chain for q. The error is for a question that cannot be
// asked at all: no such organization, or none readable.
func Why(ctx context.Context, cl client.Client, q Question) (Explanation, error) {
	w := &walk{ctx: ctx, cl: cl, q: q, ex: Explanation{Email: strings.TrimSpace(q.Email)}, now: time.Now()}
	org, err := FindOrg(ctx, cl, q.Org)
	if err != nil {
		return w.ex, err
	}
	w.ex.Org = org
	w.person()
	w.blocks()
	w.application()
	w.connection()
	w.membership()
	w.domain()
	w.record()
	return w.ex, nil
}

// FindOrg reads an organization by its id (org_…) or name.
func FindOrg(ctx context.Context, cl client.Client, ref string) (client.Organization, error) {
	ref = strings.TrimSpace(ref)
	if strings.HasPrefix(ref, "org_") {
		return cl.Organization(ctx, ref)
	}
	return cl.OrganizationByName(ctx, ref)
}

func (w *walk) add(l Link) { w.ex.Links = append(w.ex.Links, l) }

// after is a link that cannot be checked because an earlier one could not.
func (w *walk) after(name, earlier string) {
	w.add(Link{Name: name, Verdict: Unknown, Reason: "not checked: " + earlier + " is not known"})
}

func (w *walk) person() {
	if !IsEmail(w.ex.Email) {
		w.add(notAnEmailLink(w.ex.Email))
		return
	}
	if why := can(w.cl, client.ReadUserOrganizations); why != "" {
		w.add(unknownScope(LinkPerson, client.ReadUserOrganizations, why))
		return
	}
	found, err := w.cl.FindUsers(w.ctx, w.ex.Email)
	if err != nil {
		w.add(unknownFrom(LinkPerson, err))
		return
	}
	var exact []client.User
	for _, u := range found {
		if strings.EqualFold(u.Email, w.ex.Email) {
			exact = append(exact, u)
		}
	}
	if len(exact) == 0 {
		w.add(Link{Name: LinkPerson, Verdict: Failed, Reason: "no user in this tenant has the email " + w.ex.Email,
			Evidence: []string{w.signup()}})
		return
	}
	l := Link{Name: LinkPerson, Verdict: Passed}
	pick := exact[0]
	var users []client.User
	for _, u := range exact {
		full, err := w.cl.User(w.ctx, u.UserID)
		if err != nil {
			w.add(unknownFrom(LinkPerson, err))
			return
		}
		users = append(users, full)
		if slices.ContainsFunc(full.Organizations, func(o client.Organization) bool { return o.ID == w.ex.Org.ID }) {
			pick = full
		}
	}
	if len(users) > 1 {
		l.Evidence = append(l.Evidence, fmt.Sprintf("%d users have this email; the one checked is %s", len(users), pick.UserID))
	}
	for _, u := range users {
		if u.UserID == pick.UserID {
			w.user = &u
		}
	}
	w.ex.UserID = w.user.UserID
	l.Evidence = append(l.Evidence, "user "+w.user.UserID)
	for _, i := range w.user.Identities {
		l.Evidence = append(l.Evidence, "identity on "+i.Connection+" ("+i.Provider+")")
	}
	w.add(l)
}

func (w *walk) blocks() {
	if w.user == nil {
		w.after(LinkBlocked, "the person")
		w.after(LinkBruteForce, "the person")
		return
	}
	if w.user.Blocked {
		w.add(Link{Name: LinkBlocked, Verdict: Failed, Reason: "an administrator blocked " + w.user.UserID + " (blocked: true)",
			Fix: &Fix{Kind: UnblockUser, Label: "Unblock " + w.ex.Email, UserID: w.user.UserID, UserName: w.ex.Email, OrgID: w.ex.Org.ID, OrgName: w.ex.Org.Name}})
	} else {
		w.add(Link{Name: LinkBlocked, Verdict: Passed, Evidence: []string{"blocked: false"}})
	}
	if why := can(w.cl, client.ReadUserBlocks); why != "" {
		w.add(unknownScope(LinkBruteForce, client.ReadUserBlocks, why))
		return
	}
	bs, err := w.cl.UserBlocks(w.ctx, w.user.UserID)
	switch {
	case err != nil:
		w.add(unknownFrom(LinkBruteForce, err))
	case len(bs) > 0:
		l := Link{Name: LinkBruteForce, Verdict: Failed,
			Reason: "Auth0 blocks logins after too many failed attempts (brute-force protection)",
			Fix:    &Fix{Kind: RemoveBlocks, Label: "Lift the brute-force blocks on " + w.ex.Email, UserID: w.user.UserID, UserName: w.ex.Email, OrgID: w.ex.Org.ID, OrgName: w.ex.Org.Name}}
		for _, b := range bs {
			l.Evidence = append(l.Evidence, "blocked: "+b.Identifier+" from "+b.IP)
		}
		w.add(l)
	default:
		w.add(Link{Name: LinkBruteForce, Verdict: Passed, Evidence: []string{"GET /user-blocks: none"}})
	}
}
