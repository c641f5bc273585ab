package audit

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Reconcile reads the tenant's current state for an interrupted change
// and returns the outcome line that records what it found: ok when the
// change is in place, failed when it is not, partial target by target,
// unverified when the state says nothing (or cannot be read). The note
// says it was reconciled, and when.
func Reconcile(ctx context.Context, cl client.Client, ch Change) Entry {
	e := ch.Intent
	e.Time, e.Phase = time.Now().UTC(), Ended
	e.Note = "reconciled: the tenant was read at " + e.Time.Format(time.RFC3339)
	applied, err := inPlace(ctx, cl, ch.Intent)
	switch {
	case err != nil:
		e.Outcome, e.Error = Unverified, err.Error()
	case len(applied) == 0:
		e.Outcome = Unverified
	default:
		e.Outcome = judge(applied, &e)
	}
	return e
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
