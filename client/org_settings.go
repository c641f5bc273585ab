package client

import (
	"encoding/json"
	"fmt"

	"github.com/auth0/go-auth0/management"
)

// An organization's newer settings (go-auth0 v1.47+): a quota on the
// client-credentials tokens issued for it, whether third-party
// applications may be used with it, and whether application entitlement
// is on (Early Access). An edit sends them only when its spec carries
// them (OrgSpec.Settings), so an edit of the other fields works the same
// on a tenant whose organizations lack them.

// OrgSettings are an organization's newer settings, as an edit sets them.
type OrgSettings struct {
	ThirdPartyAccess string      // "allow" or "block"
	AppEntitlement   bool        // only the organization's applications may log its people in
	TokenQuota       *TokenQuota // nil: no quota
	// NoEntitlement leaves AppEntitlement out of an edit and its read-back:
	// the tenant lacks application entitlement (Early Access).
	NoEntitlement bool
}

// TokenQuota limits the client-credentials tokens issued for an
// organization (token_quota.client_credentials).
type TokenQuota struct {
	PerDay, PerHour int  // 0: no limit of that kind
	Enforce         bool // refuse tokens past the quota, rather than only log them
}

// SettingsOf are o's newer settings, for an edit of them.
func SettingsOf(o Organization) OrgSettings {
	s := OrgSettings{ThirdPartyAccess: o.ThirdPartyAccess, AppEntitlement: o.AppEntitlement, TokenQuota: o.TokenQuota,
		NoEntitlement: !o.HasAppEntitlement}
	if s.ThirdPartyAccess == "" {
		s.ThirdPartyAccess = "block" // Auth0's default
	}
	return s
}

// Check applies Auth0's rules for the settings before any call.
func (s OrgSettings) Check() error {
	if s.ThirdPartyAccess != "allow" && s.ThirdPartyAccess != "block" {
		return fmt.Errorf("third-party access is allow or block, not %q", s.ThirdPartyAccess)
	}
	if q := s.TokenQuota; q != nil && (q.PerDay < 0 || q.PerHour < 0 || q.PerDay == 0 && q.PerHour == 0) {
		return fmt.Errorf("a token quota is at least 1 a day or an hour")
	}
	return nil
}

// holds reports whether o has the settings s among those sent.
func (s OrgSettings) holds(o Organization, send OrgFields) bool {
	got := SettingsOf(o)
	if send.Has(FieldTokenQuota) && !sameQuota(got.TokenQuota, s.TokenQuota) {
		return false
	}
	return (!send.Has(FieldThirdParty) || got.ThirdPartyAccess == s.ThirdPartyAccess) &&
		(!send.Has(FieldEntitlement) || s.NoEntitlement || got.AppEntitlement == s.AppEntitlement)
}

// changed are the settings that differ from s to t (entitlement only
// where t has it).
func (s OrgSettings) changed(t OrgSettings) OrgFields {
	var f OrgFields
	if s.ThirdPartyAccess != t.ThirdPartyAccess {
		f |= FieldThirdParty
	}
	if !t.NoEntitlement && s.AppEntitlement != t.AppEntitlement {
		f |= FieldEntitlement
	}
	if !sameQuota(s.TokenQuota, t.TokenQuota) {
		f |= FieldTokenQuota
	}
	return f
}

// sameQuota reports whether a and b are the same quota, or both none.
func sameQuota(a, b *TokenQuota) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// orgPatch is an edit's body: the SDK's organization, and token_quota
// sent as null to remove a quota (which the SDK's field cannot say).
type orgPatch struct {
	*management.Organization
	TokenQuota json.RawMessage `json:"token_quota,omitempty"`
}

// patchOf is the body of an edit setting o and, of the settings s (when
// not nil), those in send. Auth0's update schema lets token_quota be null
// (which removes the quota); third_party_client_access (allow or block)
// and is_app_entitlement_active (a boolean) cannot be null, so a setting
// once answered cannot be removed, only set.
func patchOf(o *management.Organization, s *OrgSettings, send OrgFields) (*orgPatch, error) {
	p := &orgPatch{Organization: o}
	if s == nil {
		return p, nil
	}
	if send.Has(FieldThirdParty) {
		o.ThirdPartyClientAccess = &s.ThirdPartyAccess
	}
	if send.Has(FieldEntitlement) && !s.NoEntitlement {
		o.IsAppEntitlementActive = &s.AppEntitlement
	}
	if !send.Has(FieldTokenQuota) {
		return p, nil
	}
	p.TokenQuota = json.RawMessage("null")
	if q := s.TokenQuota; q != nil {
		cc := &management.TokenQuotaClientCredentials{Enforce: &q.Enforce}
		if q.PerDay > 0 {
			cc.PerDay = &q.PerDay
		}
		if q.PerHour > 0 {
			cc.PerHour = &q.PerHour
		}
		raw, err := json.Marshal(management.TokenQuota{ClientCredentials: cc})
		if err != nil {
			return nil, err
		}
		p.TokenQuota = raw
	}
	return p, nil
}

// quotaFrom is an organization's token quota as read, or nil.
func quotaFrom(o *management.Organization) *TokenQuota {
	if o.TokenQuota == nil || o.TokenQuota.ClientCredentials == nil {
		return nil
	}
	cc := o.TokenQuota.ClientCredentials
	return &TokenQuota{PerDay: cc.GetPerDay(), PerHour: cc.GetPerHour(), Enforce: cc.GetEnforce()}
}
