package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// RemovalWindow is how long after a member removal's 204 Auth0 may still
// list the member: it documents 5 to 10 seconds ("Members removal is
// eventually consistent"); the margin is ours.
const RemovalWindow = 15 * time.Second

// NotYetKnown is the note of a target reconcile could not settle: it was
// still listed inside RemovalWindow, or the tenant could not be read.
const NotYetKnown = "not yet known"

// Verdict is how far reconcile got with a change.
type Verdict int

// The verdicts of Reconcile.
const (
	Verified Verdict = iota // every target read back: the line may be appended
	Waiting                 // members still listed inside RemovalWindow
	Unknown                 // the state cannot be read, or says nothing
)

// Reconcile reads the tenant's current state for an interrupted change
// and returns the outcome line that records what it found, and how far
// it got. ok when the change is in place, failed when
// it is not, partial target by target. A member still listed by a removal
// is failed only once settled is true (RemovalWindow has passed since the
// change's writer was found gone); before, it is not yet known. A change
// with a target not yet known (or a state that cannot be read) is not
// verified: its line is for showing, never for appending.
func Reconcile(ctx context.Context, cl client.Client, ch Change, settled bool) (Entry, Verdict) {
	e := ch.Intent
	e.Time, e.Phase, e.Writer = time.Now().UTC(), Ended, ""
	e.Note = "reconciled: the tenant was read at " + e.Time.Format(time.RFC3339)
	applied, err := inPlace(ctx, cl, ch.Intent)
	switch {
	case err != nil:
		e.Outcome, e.Error, e.Note = Unverified, err.Error(), NotYetKnown
		return e, Unknown
	case len(applied) == 0:
		e.Outcome, e.Note = Unverified, NotYetKnown
		return e, Unknown
	}
	if ch.Intent.Action == "remove members" && !settled {
		var listed []string
		for id, ok := range applied {
			if !ok {
				listed = append(listed, id)
			}
		}
		if len(listed) > 0 {
			slices.Sort(listed)
			e.Outcome, e.Note = Unverified, NotYetKnown
			e.Error = fmt.Sprintf("%d still listed: Auth0 applies a removal within 5 to 10 seconds, so wait out %s or run reconcile again", len(listed), RemovalWindow)
			return e, Waiting
		}
	}
	e.Outcome = judge(applied, &e)
	return e, Verified
}

// ReconcileWaiting is Reconcile that, for members still listed, waits
// until wait has passed since gone (when the change's writer was found
// ended, so no call of it was sent after) and reads again: a member listed
// after the window is not removed. With wait 0 it does not wait.
func ReconcileWaiting(ctx context.Context, cl client.Client, ch Change, gone time.Time, wait time.Duration) (Entry, Verdict) {
	e, v := Reconcile(ctx, cl, ch, false)
	if v != Waiting || wait <= 0 {
		return e, v
	}
	if d := time.Until(gone.Add(wait)); d > 0 {
		tm := time.NewTimer(d)
		defer tm.Stop()
		select {
		case <-tm.C:
		case <-ctx.Done():
			return e, v
		}
	}
	return Reconcile(ctx, cl, ch, true)
}

// judge turns per-target verdicts into the change's outcome.
func judge(applied map[string]bool, e *Entry) string {
	yes := 0
	e.Results = map[string]string{}
	for id, ok := range applied {
		e.Results[id] = map[bool]string{true: OK, false: Failed}[ok]
		if ok {
			yes++
		}
	}
	switch yes {
	case len(applied):
		e.Results = nil
		return OK
	case 0:
		e.Results = nil
		return Failed
	}
	return Partial
}

// inPlace says, target by target, whether the change e asked for holds now.
func inPlace(ctx context.Context, cl client.Client, e Entry) (map[string]bool, error) {
	out := map[string]bool{}
	switch e.Action {
	case "remove members", "add members":
		members, err := client.All(ctx, func(ctx context.Context, from string) (client.Page[client.Member], error) {
			return cl.Members(ctx, e.Org, from)
		})
		if err != nil {
			return nil, err
		}
		is := map[string]bool{}
		for _, m := range members {
			is[m.UserID] = true
		}
		for _, id := range e.Targets {
			out[id] = is[id] == (e.Action == "add members")
		}
	case "disable connection", "re-enable connection", "enable connection", "remove connection", "edit connection":
		conns, err := cl.Connections(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		for _, id := range e.Targets {
			var cur *client.Connection
			for i := range conns {
				if conns[i].ID == id {
					cur = &conns[i]
				}
			}
			switch e.Action {
			case "remove connection":
				out[id] = cur == nil
			case "enable connection":
				out[id] = cur != nil
			case "disable connection", "re-enable connection":
				out[id] = cur != nil && cur.Enabled == (e.Action == "re-enable connection")
			case "edit connection":
				if cur == nil || e.After == nil {
					return nil, fmt.Errorf("the connection is gone, or the log has no after-values to compare")
				}
				out[id] = settingsMatch(*cur, e.After)
			}
		}
	case "add discovery domain", "remove discovery domain", "edit discovery domain":
		domains, err := cl.DiscoveryDomains(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		for _, target := range e.Targets { // the domain added; the id removed or edited
			i := slices.IndexFunc(domains, func(d client.DiscoveryDomain) bool { return d.ID == target || d.Domain == target })
			switch e.Action {
			case "add discovery domain":
				out[target] = i >= 0
			case "remove discovery domain":
				out[target] = i < 0
			default:
				if i < 0 || e.After == nil {
					return nil, fmt.Errorf("the domain is gone, or the log has no after-values to compare")
				}
				out[target] = e.After["status"] == client.DomainStatus(domains[i].Verified) &&
					e.After["use_for_organization_discovery"] == domains[i].UseForDiscovery
			}
		}
	case "assign roles", "remove roles", "invite", "revoke invitation", "create organization", "edit organization":
		return inPlaceMore(ctx, cl, e)
	case "associate client grant", "remove client grant", "create organization role", "delete organization role":
		return inPlaceSurface(ctx, cl, e)
	case "delete organization":
		_, err := cl.Organization(ctx, e.Org)
		switch client.KindOf(err) {
		case client.NotFound:
			out[e.Org] = true
		case client.Unknown:
			if err != nil {
				return nil, err
			}
			out[e.Org] = false
		default:
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%s cannot be read back", e.Action)
	}
	return out, nil
}

// settingsMatch reports whether cur has the settings after asks for.
func settingsMatch(cur client.Connection, after map[string]any) bool {
	want := map[string]bool{"assign_membership_on_login": cur.AssignMembershipOnLogin,
		"show_as_button": cur.ShowAsButton, "is_signup_enabled": cur.SignupEnabled}
	for k, have := range want {
		if v, ok := after[k].(bool); ok && v != have {
			return false
		}
	}
	named := map[string]string{"organization_connection_name": cur.OrgConnectionName, "organization_access_level": cur.AccessLevel}
	for k, have := range named {
		if v, ok := after[k].(string); ok && v != have {
			return false
		}
	}
	return true
}

// inPlaceMore reads back the changes of roles, invitations and the
// organization itself.
func inPlaceMore(ctx context.Context, cl client.Client, e Entry) (map[string]bool, error) {
	out := map[string]bool{}
	switch e.Action {
	case "assign roles", "remove roles":
		var want []string
		if err := remarshal(e.After["roles"], &want); err != nil || len(want) == 0 {
			return nil, fmt.Errorf("the log does not say which roles")
		}
		for _, uid := range e.Targets {
			roles, err := cl.MemberRoles(ctx, e.Org, uid)
			if err != nil {
				return nil, err
			}
			held := 0
			for _, id := range want {
				if slices.ContainsFunc(roles, func(r client.Role) bool { return r.ID == id }) {
					held++
				}
			}
			out[uid] = held == map[bool]int{true: len(want), false: 0}[e.Action == "assign roles"]
		}
	case "invite", "revoke invitation":
		invs, err := cl.Invitations(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		for _, target := range e.Targets { // the invitee's email; the invitation's id
			if e.Action == "revoke invitation" {
				out[target] = !slices.ContainsFunc(invs, func(inv client.Invitation) bool { return inv.ID == target })
				continue
			}
			app, _ := e.After["client_id"].(string)
			out[target] = slices.ContainsFunc(invs, func(inv client.Invitation) bool {
				return strings.EqualFold(inv.Invitee, target) && (app == "" || inv.ClientID == app) &&
					!inv.CreatedAt.Before(e.Time.Add(-time.Minute))
			})
		}
	case "create organization":
		for _, name := range e.Targets {
			_, err := cl.OrganizationByName(ctx, name)
			if err != nil && client.KindOf(err) != client.NotFound {
				return nil, err
			}
			out[name] = err == nil
		}
	case "edit organization":
		var after struct {
			Name        string            `json:"name"`
			DisplayName string            `json:"display_name"`
			LogoURL     string            `json:"logo_url"`
			Colors      map[string]string `json:"colors"`
			Metadata    map[string]string `json:"metadata"`
		}
		if err := remarshal(e.After, &after); err != nil || e.After == nil {
			return nil, errors.New("the log has no after-values to compare")
		}
		want := client.OrgSpec{Name: after.Name, DisplayName: after.DisplayName, LogoURL: after.LogoURL, Colors: after.Colors, Metadata: after.Metadata,
			Settings: settingsAfter(e.After), Send: sentFields(e.After)}
		o, err := cl.Organization(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		out[e.Org] = want.Holds(o)
	}
	return out, nil
}

// remarshal reads v (as decoded from JSON, or as written) into out.
func remarshal(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
