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
	_, quota := after["token_quota"]
	if remarshal(after, &s) != nil || s.ThirdParty == nil && s.Entitled == nil && !quota {
		return nil
	}
	out := &client.OrgSettings{NoEntitlement: s.Entitled == nil}
	if s.ThirdParty != nil {
		out.ThirdPartyAccess = *s.ThirdParty
	}
	if s.Entitled != nil {
		out.AppEntitlement = *s.Entitled
	}
	if q := s.Quota; q != nil {
		out.TokenQuota = &client.TokenQuota{PerDay: q.PerDay, PerHour: q.PerHour, Enforce: q.Enforce}
	}
	return out
}

// sentFields are the fields an edit's after-values name: those it sent.
// A line written before edits sent only what changed names every field,
// and is read back whole as before.
func sentFields(after map[string]any) client.OrgFields {
	var f client.OrgFields
	for key, field := range map[string]client.OrgFields{"name": client.FieldName, "display_name": client.FieldDisplayName,
		"logo_url": client.FieldBranding, "colors": client.FieldBranding, "metadata": client.FieldMetadata,
		"third_party_client_access": client.FieldThirdParty, "is_app_entitlement_active": client.FieldEntitlement,
		"token_quota": client.FieldTokenQuota} {
		if _, ok := after[key]; ok {
			f |= field
		}
	}
	return f
}
