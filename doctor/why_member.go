package doctor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

const stamp = "2006-01-02 15:04 UTC"

// membership checks the person is a member, or would become one.
func (w *walk) membership() {
	o := w.ex.Org
	if w.user == nil {
		w.after(LinkMember, "the person")
		return
	}
	if slices.ContainsFunc(w.user.Organizations, func(x client.Organization) bool { return x.ID == o.ID }) {
		w.add(Link{Name: LinkMember, Verdict: Passed, Evidence: []string{"a member of " + o.Name}})
		return
	}
	if w.conn != nil && w.conn.AssignMembershipOnLogin {
		w.add(Link{Name: LinkMember, Verdict: Passed, Evidence: []string{"not a member yet; " + w.conn.Name +
			" has assign_membership_on_login on, so logging in makes them one"}})
		return
	}
	l := Link{Name: LinkMember, Verdict: Failed, Reason: "not a member of " + o.Name,
		Fix: &Fix{Kind: AddMember, Label: "Add " + w.ex.Email + " to " + o.Name, OrgID: o.ID, OrgName: o.Name, UserID: w.user.UserID}}
	if w.conn != nil {
		l.Reason += ", and " + w.conn.Name + " does not add members at login (assign_membership_on_login: false)"
	}
	if elsewhere := orgNames(w.user.Organizations); elsewhere != "" { // the wrong organization asked about, maybe
		l.Evidence = append(l.Evidence, "a member of "+elsewhere+" (is that where they log in?)")
	}
	if can(w.cl, client.ReadInvitations) != "" {
		l.Evidence = append(l.Evidence, "invitations not read: "+can(w.cl, client.ReadInvitations))
	} else if invs, err := w.cl.Invitations(w.ctx, o.ID); err != nil {
		l.Evidence = append(l.Evidence, "invitations not read: "+Unchecked(err))
	} else {
		for _, inv := range invs {
			if !strings.EqualFold(inv.Invitee, w.ex.Email) {
				continue
			}
			if inv.ExpiresAt.Before(w.now) {
				l.Evidence = append(l.Evidence, "their invitation expired on "+inv.ExpiresAt.UTC().Format(stamp))
				continue
			}
			w.add(Link{Name: LinkMember, Verdict: Passed, Evidence: []string{"not a member yet; an invitation is pending until " +
				inv.ExpiresAt.UTC().Format(stamp) + ": logging in through its link makes them one"}})
			return
		}
	}
	w.add(l)
}

// signup says, for a person the tenant does not have, whether a
// connection of the organization would let them sign up.
func (w *walk) signup() string {
	if why := can(w.cl, client.ReadConnections); why != "" {
		return "sign-up not checked: " + why
	}
	cs, err := w.cl.Connections(w.ctx, w.ex.Org.ID)
	if err != nil {
		return "sign-up not checked: " + Unchecked(err)
	}
	w.conns = cs
	for _, c := range cs {
		if c.Enabled && c.SignupEnabled {
			return "they can sign up through " + c.Name + " (is_signup_enabled), and then log in"
		}
	}
	return "no connection of " + w.ex.Org.Name + " lets newcomers sign up (is_signup_enabled): invite them, or create the user"
}

// domain checks the discovery domain of the person's email, where the
// organization relies on it.
func (w *walk) domain() {
	if w.user == nil { // whether the login relies on a domain is the person's connection's to say
		w.after(LinkDomain, "the person")
		return
	}
	if why := can(w.cl, client.ReadDomains); why != "" {
		w.add(unknownScope(LinkDomain, client.ReadDomains, why))
		return
	}
	ds, err := w.cl.DiscoveryDomains(w.ctx, w.ex.Org.ID)
	switch {
	case client.KindOf(err) == client.Unsupported:
		w.add(Link{Name: LinkDomain, Verdict: Passed, Evidence: []string{"this tenant has no discovery domains: logins rely on none"}})
		return
	case err != nil:
		w.add(unknownFrom(LinkDomain, err))
		return
	}
	w.doms = ds
	at := w.emailDomain()
	i := slices.IndexFunc(ds, func(d client.DiscoveryDomain) bool { return strings.EqualFold(d.Domain, at) })
	if i < 0 {
		w.add(Link{Name: LinkDomain, Verdict: Passed, Evidence: []string{fmt.Sprintf("no discovery domain for @%s: logins do not rely on one", at)}})
		return
	}
	d := ds[i]
	relied := w.conn != nil && client.IsEnterprise(w.conn.Strategy) && !w.conn.ShowAsButton
	switch {
	case !d.UseForDiscovery:
		w.add(Link{Name: LinkDomain, Verdict: Passed, Evidence: []string{d.Domain + " is kept but not used for discovery"}})
	case d.Verified:
		w.add(Link{Name: LinkDomain, Verdict: Passed, Evidence: []string{d.Domain + " is verified"}})
	case !relied:
		w.add(Link{Name: LinkDomain, Verdict: Passed, Evidence: []string{d.Domain + " is pending, but the login does not rely on it: the connection is offered at the prompt"}})
	default:
		w.add(Link{Name: LinkDomain, Verdict: Failed,
			Reason:   d.Domain + " is pending: Auth0 sends nobody to " + w.ex.Org.Name + " by it until its TXT record is verified, and " + w.conn.Name + " is hidden from the prompt",
			Evidence: []string{"TXT record " + d.TXTHost + " = " + d.TXTValue},
			Values:   txtValues(d),
			Fix: &Fix{Kind: VerifyDomain, Label: "Mark " + d.Domain + " verified (once its TXT record is in place)", OrgID: w.ex.Org.ID,
				OrgName: w.ex.Org.Name, TargetID: d.ID}})
	}
}

// record is Auth0's own log of the person's attempts here: failures first.
func (w *walk) record() {
	if w.user == nil {
		w.after(LinkRecord, "the person")
		return
	}
	if why := can(w.cl, client.ReadLogs); why != "" {
		l := unknownScope(LinkRecord, client.ReadLogs, why)
		l.Record = true
		w.add(l)
		return
	}
	q := client.LogQuery{UserID: w.user.UserID, OrgID: w.ex.Org.ID, Types: append([]string{"s"}, LoginFailures...), Limit: 10}
	if w.ex.App != nil {
		q.ClientID = w.ex.App.ID
	}
	es, err := w.cl.Logs(w.ctx, q)
	if err != nil {
		l := unknownFrom(LinkRecord, err)
		l.Record = true
		w.add(l)
		return
	}
	l := Link{Name: LinkRecord, Verdict: Passed, Record: true}
	if len(es) == 0 {
		l.Evidence = []string{"no log events for them here in the tenant's retention window"}
		w.add(l)
		return
	}
	es = slices.DeleteFunc(es, func(e client.LogEvent) bool { return !loginEvent(e) })
	if len(es) == 0 {
		l.Evidence = []string{"no login of theirs here in the tenant's retention window"}
		w.add(l)
		return
	}
	if es[0].Failed() {
		l.Verdict, l.Reason, l.At = Failed, "their last attempt failed: "+es[0].Description+" ("+es[0].Type+", "+es[0].Date.UTC().Format(stamp)+")", es[0].Date
	}
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b client.LogEvent) int {
		switch {
		case a.Failed() == b.Failed():
			return 0
		case a.Failed():
			return -1
		}
		return 1
	})
	for _, e := range sorted {
		l.Evidence = append(l.Evidence, e.Date.UTC().Format(stamp)+"  "+e.Type+"  "+e.Description)
	}
	w.add(l)
}

// orgNames names the organizations, at most five: "globex", "acme, globex
// and 3 more".
func orgNames(orgs []client.Organization) string {
	var names []string
	for _, o := range orgs[:min(len(orgs), 5)] {
		names = append(names, o.Name)
	}
	if more := len(orgs) - len(names); more > 0 {
		return strings.Join(names, ", ") + fmt.Sprintf(" and %d more", more)
	}
	return strings.Join(names, ", ")
}
