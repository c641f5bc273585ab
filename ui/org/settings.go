package org

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// The newer settings of an organization (token quota, third-party
// access, application entitlement), edited in a form of their own beside
// the organization's edit form, as an edit of the organization: audited,
// confirmed before → after, undone by z.

// SettingsAction is the Overview's "edit settings" entry.
func SettingsAction(c *common.Common, o client.Organization) common.Action {
	return common.Action{Key: c.Keys.Settings, Label: "Edit settings (token quota, third-party access, entitlement)…",
		Needs: []client.Action{client.EditOrganization}, Run: func() tea.Cmd { return settingsForm(c, o) }}
}

// settingsLine is the settings in one line, for the Overview: "" while
// the organization has none of them (a tenant without them).
func settingsLine(o client.Organization) string {
	if o.ThirdPartyAccess == "" && !o.AppEntitlement && o.TokenQuota == nil {
		return ""
	}
	s := client.SettingsOf(o)
	return "third-party " + s.ThirdPartyAccess + " · entitlement " + onOff(s.AppEntitlement) + " · token quota " + quotaText(s.TokenQuota)
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

// quotaNumber reads a quota field: blank is no limit.
func quotaNumber(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, errors.New("a whole number of tokens, 1 or more, or blank for no limit")
	}
	return n, nil
}

// settingsForm asks for the settings, starting from o's.
func settingsForm(c *common.Common, o client.Organization) tea.Cmd {
	before := client.SettingsOf(o)
	third, entitled := before.ThirdPartyAccess == "allow", before.AppEntitlement
	var perDay, perHour string
	enforce := true
	if q := before.TokenQuota; q != nil {
		enforce = q.Enforce
		if q.PerDay > 0 {
			perDay = strconv.Itoa(q.PerDay)
		}
		if q.PerHour > 0 {
			perHour = strconv.Itoa(q.PerHour)
		}
	}
	return dialog.Open(dialog.NewForm(c, "Settings of "+common.Clean(o.Name), func() tea.Cmd {
		after := client.OrgSettings{ThirdPartyAccess: "block", AppEntitlement: entitled}
		if third {
			after.ThirdPartyAccess = "allow"
		}
		day, _ := quotaNumber(perDay)
		hour, _ := quotaNumber(perHour)
		if day > 0 || hour > 0 {
			after.TokenQuota = &client.TokenQuota{PerDay: day, PerHour: hour, Enforce: enforce}
		}
		return confirmSettings(c, o, before, after)
	},
		huh.NewConfirm().Title("Third-party applications").Description("Let third-party applications log people in to it.").Value(&third),
		huh.NewConfirm().Title("Application entitlement").Description("Only the organization's own applications may log its people in.").Value(&entitled),
		huh.NewInput().Title("Token quota a day").Description("Client-credentials tokens issued for it a day; blank for no limit.").
			Value(&perDay).Validate(func(s string) error { _, err := quotaNumber(s); return err }),
		huh.NewInput().Title("Token quota an hour").Description("Blank for no limit. Both blank: no quota.").
			Value(&perHour).Validate(func(s string) error { _, err := quotaNumber(s); return err }),
		huh.NewConfirm().Title("Enforce the quota").Description("Refuse tokens past it (else they are only logged).").Value(&enforce),
	))
}

// confirmSettings shows the change as before → after and asks.
func confirmSettings(c *common.Common, o client.Organization, before, after client.OrgSettings) tea.Cmd {
	var diff []string
	add := func(label, x, y string) {
		if x != y {
			diff = append(diff, fmt.Sprintf("%s: %s → %s", label, x, y))
		}
	}
	add("third-party applications", before.ThirdPartyAccess, after.ThirdPartyAccess)
	add("application entitlement", onOff(before.AppEntitlement), onOff(after.AppEntitlement))
	add("token quota", quotaText(before.TokenQuota), quotaText(after.TokenQuota))
	if len(diff) == 0 {
		return common.Status(common.Info, "nothing changed")
	}
	body := "For " + common.Clean(o.Name) + ":\n" + strings.Join(diff, "\n") + "\n\nz puts the old values back for " + common.UndoWindow.String() + "."
	return dialog.Guard(c, "Change the settings of "+common.Clean(o.Name)+"?", body, "Save", o.Name, setSettings(c, o, before, after, false))
}

// withSettings adds the settings to an edit's fields, as the audit keeps
// them (and reconcile reads them back).
func withSettings(f map[string]any, s client.OrgSettings) map[string]any {
	f["third_party_client_access"], f["is_app_entitlement_active"], f["token_quota"] = s.ThirdPartyAccess, s.AppEntitlement, nil
	if q := s.TokenQuota; q != nil {
		f["token_quota"] = map[string]any{"per_day": q.PerDay, "per_hour": q.PerHour, "enforce": q.Enforce}
	}
	return f
}

// setSettings is the change from before to after, undone by the reverse.
func setSettings(c *common.Common, o client.Organization, before, after client.OrgSettings, undo bool) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return common.Change(nil, func() common.Outcome {
		spec := client.SpecOf(o)
		spec.Settings = &after
		d := audit.Detail{OrgName: o.Name, Before: withSettings(fields(client.SpecOf(o)), before), After: withSettings(fields(spec), after)}
		now, err := cl.UpdateOrganization(audit.WithDetail(ctx, d), o.ID, spec)
		if err != nil {
			return common.Outcome{Status: common.StatusMsg{Level: common.Failure, Text: "settings of " + common.Clean(o.Name) + ": " + common.Explain(err)}}
		}
		out := common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: "saved the settings of " + common.Clean(now.Name)},
			Result: EditedMsg{Org: now}, Touched: &common.Touched{}}
		if undo {
			out.Status.Text = "put back the old settings of " + common.Clean(now.Name)
		} else {
			out.Undo = &common.UndoMsg{Label: "settings of " + common.Clean(now.Name), Run: setSettings(c, now, after, before, true)}
		}
		return out
	})
}
