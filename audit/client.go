package audit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Who is the person behind a session.
type Who struct {
	User, Comment, Key, Remote string
	Profile                    string // the config profile in use, if any
}

// Detail is what the screen that makes a change knows and the client
// does not: what people call the organization and the targets, and the
// before- and after-values of an edit. Attach it with WithDetail.
type Detail struct {
	// Org is the organization a change of something the tenant shares (a
	// user, a connection's applications) was made for: the doctor's and
	// the login explainer's fixes name the organization they mend.
	Org           string
	OrgName       string
	Names         map[string]string
	Before, After map[string]any
}

type detailKey struct{}

// WithDetail attaches d to the changes made with ctx.
func WithDetail(ctx context.Context, d Detail) context.Context {
	return context.WithValue(ctx, detailKey{}, d)
}

func detailOf(ctx context.Context) Detail {
	d, _ := ctx.Value(detailKey{}).(Detail)
	return d
}

// asking records what a change asks for as its after-values when the
// screen gave none, so that reconcile can read it back.
func asking(ctx context.Context, after map[string]any) context.Context {
	d := detailOf(ctx)
	if d.After != nil {
		return ctx
	}
	d.After = after
	return WithDetail(ctx, d)
}

// specFields are an organization spec's fields as the log keeps them.
func specFields(s client.OrgSpec) map[string]any {
	return map[string]any{"name": s.Name, "display_name": s.DisplayName, "logo_url": s.LogoURL, "colors": s.Colors, "metadata": s.Metadata}
}

// sentSpecFields are the fields of s an edit sends, as the log keeps them
// (reconcile reads back only those).
func sentSpecFields(s client.OrgSpec) map[string]any {
	f := specFields(s)
	sent := s.Sends()
	for key, field := range map[string]client.OrgFields{"name": client.FieldName, "display_name": client.FieldDisplayName,
		"logo_url": client.FieldBranding, "colors": client.FieldBranding, "metadata": client.FieldMetadata} {
		if !sent.Has(field) {
			delete(f, key)
		}
	}
	return f
}

// audited logs every change of the client it wraps, intent first. It
// embeds only the Reader: each write is written out in this package, so a
// write it forgets does not compile rather than pass by the log.
type audited struct {
	client.Reader
	w        client.Writer
	log      *Log
	who      Who
	activity *Activity
}

// Client wraps c so that every change writes its intent, then its outcome.
func Client(c client.Client, log *Log, who Who) client.Client {
	return audited{Reader: c, w: c, log: log, who: who}
}

// ClientWithActivity is Client that also keeps the outcomes in activity,
// for the session's activity panel.
func ClientWithActivity(c client.Client, log *Log, who Who, activity *Activity) client.Client {
	return audited{Reader: c, w: c, log: log, who: who, activity: activity}
}

// DemoTenant is what the audit names the embedded simulator: its address
// is a loopback port that changes every start.
const DemoTenant = "demo (simulated)"

// TenantName is how the audit names t: its domain, or DemoTenant. Readers
// that pick a tenant's entries compare with it.
func TenantName(t client.Tenant) string {
	if t.Demo {
		return DemoTenant
	}
	return t.Domain
}

// begin writes a change's intent. The change runs even if the log cannot
// be written: the person at the keyboard has asked for it, and its own
// result must not be hidden; the log's trouble is the log's.
func (a audited) begin(ctx context.Context, action, org string, targets []string) Entry {
	d := detailOf(ctx)
	e := Entry{Time: time.Now().UTC(), ID: newID(), Phase: Intent, User: a.who.User, Comment: a.who.Comment, Key: a.who.Key,
		Remote: a.who.Remote, Tenant: TenantName(a.Tenant()), Profile: a.who.Profile, Action: action, Org: org,
		OrgName: d.OrgName, Targets: targets, Before: d.Before, After: d.After}
	if len(d.Names) > 0 {
		e.Names = map[string]string{}
		for _, t := range targets {
			if n, ok := d.Names[t]; ok {
				e.Names[t] = n
			}
		}
	}
	_ = a.log.Write(e)
	return e
}

// end writes the outcome of the change begun as e.
func (a audited) end(e Entry, outcome, note string, err error) {
	e.Time, e.Phase, e.Outcome, e.Note = time.Now().UTC(), Ended, outcome, note
	if err != nil {
		e.Error = err.Error()
	}
	a.activity.add(e)
	_ = a.log.Write(e)
}

// single runs a change of one target and records how it ended.
func (a audited) single(ctx context.Context, action, org, target string, run func(context.Context) error) error {
	e := a.begin(ctx, action, org, []string{target})
	rc := client.ReceiptOf(ctx)
	if rc == nil {
		rc = &client.Receipt{}
		ctx = client.WithReceipt(ctx, rc)
	}
	err := run(ctx)
	a.end(e, outcomeOf(err), rc.Note(), err)
	return err
}

// outcomeOf is the outcome a change's error means.
func outcomeOf(err error) string {
	switch {
	case err == nil:
		return OK
	case client.KindOf(err) == client.NotSent:
		return Cancelled
	case client.KindOf(err) == client.Undetermined, errors.Is(err, context.Canceled):
		return Unverified
	}
	return Failed
}

// bulk runs a change of many members and records how each ended.
func (a audited) bulk(ctx context.Context, action, org string, ids []string, run func(context.Context) []client.MemberResult) []client.MemberResult {
	e := a.begin(ctx, action, org, ids)
	res := run(ctx)
	e.Results, e.Failed = map[string]string{}, map[string]string{}
	counts := map[string]int{}
	for _, r := range res {
		o := memberOutcome(r.Outcome)
		e.Results[r.UserID] = o
		counts[o]++
		if r.Err != nil {
			e.Failed[r.UserID] = r.Err.Error()
		} else if r.Outcome == client.Absent {
			e.Failed[r.UserID] = "already not a member: removed elsewhere"
		}
	}
	outcome := OK
	switch {
	case len(res) == 0:
	case counts[OK] == len(res):
		e.Results = nil
	case counts[Failed] == len(res):
		outcome = Failed
	case counts[Cancelled] == len(res):
		outcome = Cancelled
	case counts[Unverified]+counts[OK] == len(res):
		outcome = Unverified
	default:
		outcome = Partial
	}
	if len(e.Failed) == 0 {
		e.Failed = nil
	}
	note := ""
	if n := counts["absent"]; n > 0 {
		note = fmt.Sprintf("%d already not a member", n)
	}
	a.end(e, outcome, note, nil)
	return res
}

// memberOutcome is one member's part, as the log says it.
func memberOutcome(o client.Outcome) string {
	switch o {
	case client.Confirmed, client.Done:
		return OK
	case client.Unverified:
		return Unverified
	case client.Cancelled:
		return Cancelled
	case client.Absent:
		return "absent"
	}
	return Failed
}

func (a audited) CreateOrganization(ctx context.Context, s client.OrgSpec) (o client.Organization, err error) {
	err = a.single(asking(ctx, specFields(s)), "create organization", "", s.Name, func(ctx context.Context) error {
		o, err = a.w.CreateOrganization(ctx, s)
		return err
	})
	return o, err
}

func (a audited) UpdateOrganization(ctx context.Context, id string, s client.OrgSpec) (o client.Organization, err error) {
	err = a.single(asking(ctx, sentSpecFields(s)), "edit organization", id, id, func(ctx context.Context) error {
		o, err = a.w.UpdateOrganization(ctx, id, s)
		return err
	})
	return o, err
}

func (a audited) DeleteOrganization(ctx context.Context, id string) error {
	return a.single(ctx, "delete organization", id, id, func(ctx context.Context) error { return a.w.DeleteOrganization(ctx, id) })
}

func (a audited) EnableConnection(ctx context.Context, orgID, connID string, s client.ConnectionSettings) (c client.Connection, err error) {
	err = a.single(ctx, "enable connection", orgID, connID, func(ctx context.Context) error {
		c, err = a.w.EnableConnection(ctx, orgID, connID, s)
		return err
	})
	return c, err
}

func (a audited) SetConnectionEnabled(ctx context.Context, orgID, connID string, enabled bool) (c client.Connection, err error) {
	action := "disable connection"
	if enabled {
		action = "re-enable connection"
	}
	err = a.single(ctx, action, orgID, connID, func(ctx context.Context) error {
		c, err = a.w.SetConnectionEnabled(ctx, orgID, connID, enabled)
		return err
	})
	return c, err
}

func (a audited) UpdateConnection(ctx context.Context, orgID, connID string, s client.ConnectionSettings) (c client.Connection, err error) {
	err = a.single(ctx, "edit connection", orgID, connID, func(ctx context.Context) error {
		c, err = a.w.UpdateConnection(ctx, orgID, connID, s)
		return err
	})
	return c, err
}

func (a audited) RemoveConnection(ctx context.Context, orgID, connID string) error {
	return a.single(ctx, "remove connection", orgID, connID, func(ctx context.Context) error { return a.w.RemoveConnection(ctx, orgID, connID) })
}

func (a audited) AddMembers(ctx context.Context, orgID string, ids []string) []client.MemberResult {
	return a.bulk(ctx, "add members", orgID, ids, func(ctx context.Context) []client.MemberResult { return a.w.AddMembers(ctx, orgID, ids) })
}

func (a audited) RemoveMembers(ctx context.Context, orgID string, ids []string) []client.MemberResult {
	return a.bulk(ctx, "remove members", orgID, ids, func(ctx context.Context) []client.MemberResult { return a.w.RemoveMembers(ctx, orgID, ids) })
}

func (a audited) Invite(ctx context.Context, orgID string, s client.InviteSpec) (inv client.Invitation, err error) {
	err = a.single(asking(ctx, map[string]any{"client_id": s.ClientID, "inviter": s.Inviter, "roles": s.Roles}), "invite", orgID, s.Email, func(ctx context.Context) error {
		inv, err = a.w.Invite(ctx, orgID, s)
		return err
	})
	return inv, err
}

func (a audited) RevokeInvitation(ctx context.Context, orgID, id string) error {
	return a.single(ctx, "revoke invitation", orgID, id, func(ctx context.Context) error { return a.w.RevokeInvitation(ctx, orgID, id) })
}

func (a audited) RemoveRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	return a.single(asking(ctx, map[string]any{"roles": roleIDs}), "remove roles", orgID, userID, func(ctx context.Context) error { return a.w.RemoveRoles(ctx, orgID, userID, roleIDs) })
}

func (a audited) AssignRoles(ctx context.Context, orgID, userID string, roleIDs []string) error {
	return a.single(asking(ctx, map[string]any{"roles": roleIDs}), "assign roles", orgID, userID, func(ctx context.Context) error { return a.w.AssignRoles(ctx, orgID, userID, roleIDs) })
}

func (a audited) AddDiscoveryDomain(ctx context.Context, orgID string, spec client.DiscoveryDomain) (d client.DiscoveryDomain, err error) {
	err = a.single(ctx, "add discovery domain", orgID, spec.Domain, func(ctx context.Context) error {
		d, err = a.w.AddDiscoveryDomain(ctx, orgID, spec)
		return err
	})
	return d, err
}

func (a audited) UpdateDiscoveryDomain(ctx context.Context, orgID, id string, verified, use bool) (d client.DiscoveryDomain, err error) {
	err = a.single(ctx, "edit discovery domain", orgID, id, func(ctx context.Context) error {
		d, err = a.w.UpdateDiscoveryDomain(ctx, orgID, id, verified, use)
		return err
	})
	return d, err
}

func (a audited) RemoveDiscoveryDomain(ctx context.Context, orgID, id string) error {
	return a.single(ctx, "remove discovery domain", orgID, id, func(ctx context.Context) error {
		return a.w.RemoveDiscoveryDomain(ctx, orgID, id)
	})
}

func (a audited) CreateOrgRole(ctx context.Context, orgID, name, description string) (r client.Role, err error) {
	err = a.single(asking(ctx, map[string]any{"name": name, "description": description}), "create organization role", orgID, name, func(ctx context.Context) error {
		r, err = a.w.CreateOrgRole(ctx, orgID, name, description)
		return err
	})
	return r, err
}

func (a audited) DeleteOrgRole(ctx context.Context, orgID, roleID string) error {
	return a.single(ctx, "delete organization role", orgID, roleID, func(ctx context.Context) error {
		return a.w.DeleteOrgRole(ctx, orgID, roleID)
	})
}

func (a audited) AssociateClientGrant(ctx context.Context, orgID, grantID string) error {
	return a.single(ctx, "associate client grant", orgID, grantID, func(ctx context.Context) error {
		return a.w.AssociateClientGrant(ctx, orgID, grantID)
	})
}

func (a audited) RemoveOrgClientGrant(ctx context.Context, orgID, grantID string) error {
	return a.single(ctx, "remove client grant", orgID, grantID, func(ctx context.Context) error {
		return a.w.RemoveOrgClientGrant(ctx, orgID, grantID)
	})
}

var _ client.Client = audited{}
