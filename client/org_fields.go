package client

import (
	"maps"
	"strings"
)

// OrgFields names the fields of an organization an edit sends, so that an
// edit (and its undo) sends what the user changed and nothing else: a
// field it does not send keeps whatever the tenant holds, a value another
// session set meanwhile included. Branding is one field, as Auth0
// replaces it whole (logo and colours).
type OrgFields uint16

// The fields an edit may send.
const (
	FieldName OrgFields = 1 << iota
	FieldDisplayName
	FieldBranding
	FieldMetadata
	FieldThirdParty
	FieldEntitlement
	FieldTokenQuota
)

// coreFields are those of every organization, sent by an edit whose
// OrgSpec.Send is zero (with the settings, when it has them).
const coreFields = FieldName | FieldDisplayName | FieldBranding | FieldMetadata

// settingsFields are the newer settings.
const settingsFields = FieldThirdParty | FieldEntitlement | FieldTokenQuota

// Has reports whether f includes every field of g.
func (f OrgFields) Has(g OrgFields) bool { return f&g == g }

// String names the fields, "display_name, token_quota", as Auth0 does.
func (f OrgFields) String() string {
	var names []string
	for _, n := range []struct {
		f    OrgFields
		name string
	}{{FieldName, "name"}, {FieldDisplayName, "display_name"}, {FieldBranding, "branding"}, {FieldMetadata, "metadata"},
		{FieldThirdParty, "third_party_client_access"}, {FieldEntitlement, "is_app_entitlement_active"}, {FieldTokenQuota, "token_quota"}} {
		if f.Has(n.f) {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, ", ")
}

// Sends are the fields an edit of s sends: s.Send, else every field it
// has (no display name when it is empty: Auth0 cannot clear one).
func (s OrgSpec) Sends() OrgFields {
	if s.Send != 0 {
		return s.Send
	}
	f := coreFields
	if s.DisplayName == "" {
		f &^= FieldDisplayName
	}
	if s.Settings != nil {
		f |= settingsFields
	}
	return f
}

// Changed are the fields whose values differ from a to b: what an edit
// from a to b needs to send. The settings count only where b has them.
func Changed(a, b OrgSpec) OrgFields {
	var f OrgFields
	if a.Name != b.Name {
		f |= FieldName
	}
	if a.DisplayName != b.DisplayName {
		f |= FieldDisplayName
	}
	if a.LogoURL != b.LogoURL || !maps.Equal(nonEmpty(a.Colors), nonEmpty(b.Colors)) {
		f |= FieldBranding
	}
	if !maps.Equal(nonNil(a.Metadata), nonNil(b.Metadata)) {
		f |= FieldMetadata
	}
	if b.Settings != nil {
		var before OrgSettings
		if a.Settings != nil {
			before = *a.Settings
		}
		f |= before.changed(*b.Settings)
	}
	return f
}
