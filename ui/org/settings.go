package org

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// The newer settings of an organization (token quota, third-party
// access, application entitlement) are a section of its edit form
// (edit.go): E opens that form at the section.

// SettingsAction is the Overview's shortcut to the settings section of
// the edit form.
func SettingsAction(c *common.Common, o client.Organization) common.Action {
	return common.Action{Key: c.Keys.Settings, Label: "Edit settings (token quota, third-party access, entitlement)…",
		Needs: []client.Action{client.EditOrganization}, Run: func() tea.Cmd { return editForm(c, o, true) }}
}

// settingsLine is the settings in one line, for the Overview: "" while
// the organization has none of them (a tenant without them).
func settingsLine(o client.Organization) string {
	if o.ThirdPartyAccess == "" && !o.AppEntitlement && o.TokenQuota == nil {
		return ""
	}
	s := client.SettingsOf(o)
	line := "third-party " + s.ThirdPartyAccess
	if o.ThirdPartyAccess == "" { // never set: Auth0's default, not a value the organization holds
		line += " (default)"
	}
	if !s.NoEntitlement {
		line += " · entitlement " + onOff(s.AppEntitlement)
	}
	return line + " · token quota " + quotaText(s.TokenQuota)
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// quotaText is a token quota in words: "500 a day, enforced", "none".
func quotaText(q *client.TokenQuota) string {
	if q == nil {
		return "none"
	}
	var parts []string
	if q.PerDay > 0 {
		parts = append(parts, strconv.Itoa(q.PerDay)+" a day")
	}
	if q.PerHour > 0 {
		parts = append(parts, strconv.Itoa(q.PerHour)+" an hour")
	}
	how := "logged past it"
	if q.Enforce {
		how = "enforced"
	}
	return strings.Join(parts, ", ") + ", " + how
}

// settingsDiff is each setting that changes from before to after (nil:
// not part of the change), as before → after.
func settingsDiff(before, after *client.OrgSettings) []string {
	if before == nil || after == nil {
		return nil
	}
	var diff []string
	add := func(label, x, y string) {
		if x != y {
			diff = append(diff, fmt.Sprintf("%s: %s → %s", label, x, y))
		}
	}
	add("third-party applications", before.ThirdPartyAccess, after.ThirdPartyAccess)
	if !after.NoEntitlement {
		add("application entitlement", onOff(before.AppEntitlement), onOff(after.AppEntitlement))
	}
	add("token quota", quotaText(before.TokenQuota), quotaText(after.TokenQuota))
	return diff
}

// withSettings adds the settings sent to an edit's fields, as the audit
// keeps them (and reconcile reads them back): entitlement only where the
// tenant has it; no quota is null.
func withSettings(f map[string]any, s client.OrgSettings, sent client.OrgFields) map[string]any {
	if sent.Has(client.FieldThirdParty) {
		f["third_party_client_access"] = s.ThirdPartyAccess
	}
	if sent.Has(client.FieldEntitlement) && !s.NoEntitlement {
		f["is_app_entitlement_active"] = s.AppEntitlement
	}
	if sent.Has(client.FieldTokenQuota) {
		f["token_quota"] = nil
		if q := s.TokenQuota; q != nil {
			f["token_quota"] = map[string]any{"per_day": q.PerDay, "per_hour": q.PerHour, "enforce": q.Enforce}
		}
	}
	return f
}
