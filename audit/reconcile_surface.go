package audit

import (
	"context"
	"slices"

	"github.com/orgdash/orgdash/client"
)

// inPlaceSurface reads back the changes of the newer organization pages:
// a client grant associated or removed (the target is the grant's id),
// an organization's own role created (its name) or deleted (its id).
func inPlaceSurface(ctx context.Context, cl client.Client, e Entry) (map[string]bool, error) {
	out := map[string]bool{}
	switch e.Action {
	case "associate client grant", "remove client grant":
		gs, err := cl.OrgClientGrants(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		for _, id := range e.Targets {
			in := slices.ContainsFunc(gs, func(g client.ClientGrant) bool { return g.ID == id })
			out[id] = in == (e.Action == "associate client grant")
		}
	case "create organization role", "delete organization role":
		roles, err := cl.OrgRoles(ctx, e.Org)
		if err != nil {
			return nil, err
		}
		for _, target := range e.Targets {
			if e.Action == "create organization role" {
				out[target] = slices.ContainsFunc(roles, func(r client.Role) bool { return r.Name == target })
			} else {
				out[target] = !slices.ContainsFunc(roles, func(r client.Role) bool { return r.ID == target })
			}
		}
	}
	return out, nil
}

// settingsAfter are the newer settings an edit's after-values ask for,
// or nil when it asked for none.
func settingsAfter(after map[string]any) *client.OrgSettings {
	var s struct {
		ThirdParty *string `json:"third_party_client_access"`
		Entitled   *bool   `json:"is_app_entitlement_active"` // absent: the tenant lacks it
		Quota      *struct {
			PerDay  int  `json:"per_day"`
			PerHour int  `json:"per_hour"`
			Enforce bool `json:"enforce"`
		} `json:"token_quota"`
	}
	if remarshal(after, &s) != nil || s.ThirdParty == nil {
		return nil
	}
	out := &client.OrgSettings{ThirdPartyAccess: *s.ThirdParty, NoEntitlement: s.Entitled == nil}
	if s.Entitled != nil {
		out.AppEntitlement = *s.Entitled
	}
	if q := s.Quota; q != nil {
		out.TokenQuota = &client.TokenQuota{PerDay: q.PerDay, PerHour: q.PerHour, Enforce: q.Enforce}
	}
	return out
}
