package sim

import (
	"encoding/json"
	"slices"
)

// The newer organization settings (go-auth0 v1.47+, v3's Organization, the
// cassettes TestOrganizationManager_IsAppEntitlementActive and
// TestRoleManager_OrganizationLevelRole): a token quota for client
// credentials, whether third-party applications may be used with the
// organization, and whether application entitlement is on. Absent until
// set, as the older cassettes show no such keys.

// orgSettings are an organization's newer settings, on the wire beside
// its other fields.
type orgSettings struct {
	TokenQuota             *tokenQuota `json:"token_quota,omitempty"`
	ThirdPartyClientAccess string      `json:"third_party_client_access,omitempty"`
	IsAppEntitlementActive *bool       `json:"is_app_entitlement_active,omitempty"`
}

// newOrgSettings are a new organization's: on a tenant with organization
// applications, third-party applications blocked and entitlement off
// (the cassettes of such a tenant answer them unasked); else none.
func (s *Server) newOrgSettings() orgSettings {
	if s.opts.NoOrgClients {
		return orgSettings{}
	}
	off := false
	return orgSettings{ThirdPartyClientAccess: "block", IsAppEntitlementActive: &off}
}

// tokenQuota limits the client credentials tokens issued for the organization.
type tokenQuota struct {
	ClientCredentials struct {
		Enforce *bool `json:"enforce,omitempty"`
		PerDay  *int  `json:"per_day,omitempty"`
		PerHour *int  `json:"per_hour,omitempty"`
	} `json:"client_credentials"`
}

// orgSettingsProps describe the settings' keys for validation messages.
var orgSettingsProps = map[string]string{
	"token_quota":               "Token quota configuration.",
	"third_party_client_access": "Whether third-party clients can access this organization.",
	"is_app_entitlement_active": "Whether application entitlement is active for this organization.",
}

// orgSettingsBody is what a create or update may say of them; a null
// token_quota removes the quota.
type orgSettingsBody struct {
	TokenQuota             json.RawMessage `json:"token_quota"`
	ThirdPartyClientAccess *string         `json:"third_party_client_access"`
	IsAppEntitlementActive *bool           `json:"is_app_entitlement_active"`
}

// apply checks the body and merges it into the settings.
func (b orgSettingsBody) apply(to *orgSettings) *apiError {
	next := *to
	if b.ThirdPartyClientAccess != nil {
		if !slices.Contains([]string{"block", "allow"}, *b.ThirdPartyClientAccess) {
			return errBody("'No enum match for: %s' on property third_party_client_access (%s).", *b.ThirdPartyClientAccess, orgSettingsProps["third_party_client_access"])
		}
		next.ThirdPartyClientAccess = *b.ThirdPartyClientAccess
	}
	if b.IsAppEntitlementActive != nil {
		v := *b.IsAppEntitlementActive
		next.IsAppEntitlementActive = &v
	}
	switch string(b.TokenQuota) {
	case "":
	case "null":
		next.TokenQuota = nil
	default:
		var q tokenQuota
		if json.Unmarshal(b.TokenQuota, &q) != nil {
			return errBody("'Expected type object but found type %s' on property token_quota (%s).", jsonType(b.TokenQuota), orgSettingsProps["token_quota"])
		}
		cc := q.ClientCredentials
		for name, v := range map[string]*int{"per_day": cc.PerDay, "per_hour": cc.PerHour} {
			if v != nil && *v < 1 { // the spec's minimum, as for the tenant's quota
				return errBody("'Value %d is less than minimum 1' on property token_quota.client_credentials.%s (%s).", *v, name, orgSettingsProps["token_quota"])
			}
		}
		next.TokenQuota = &q
	}
	*to = next
	return nil
}

// metadataValues keeps the metadata's string values: a null value (v3's
// map[string]*string sends them) removes its key rather than storing "".
func metadataValues(md map[string]*string) map[string]string {
	if md == nil {
		return nil
	}
	out := make(map[string]string, len(md))
	for k, v := range md {
		if v != nil {
			out[k] = *v
		}
	}
	return out
}

// nullable is a body property that may be absent, null (which clears
// it) or a value.
type nullable[T any] struct {
	set, null bool
	v         T
}

// UnmarshalJSON records that the property was sent, and whether as null
// (encoding/json calls it for null too).
func (n *nullable[T]) UnmarshalJSON(raw []byte) error {
	n.set = true
	if string(raw) == "null" {
		n.null = true
		return nil
	}
	return json.Unmarshal(raw, &n.v)
}
