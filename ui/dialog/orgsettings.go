package dialog

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// An organization's edit form holds its newer settings too (token quota,
// third-party access, application entitlement), in a section after the
// name, branding and metadata: one form, one confirmation of every field
// that changes, one change (a single PATCH) applying them all.

// SettingsSection is what the edit form offers of the newer settings.
type SettingsSection struct {
	// Start are the settings as the organization has them; with
	// NoEntitlement (a tenant without application entitlement, Early
	// Access) the form leaves entitlement out.
	Start client.OrgSettings
	// Focus opens the form at the section, rather than at the name.
	Focus bool
}

// NewOrgEditForm is NewOrgForm for an edit of start, with the section of
// its newer settings. submit's spec carries Settings only when one of
// them changed, so that an edit of the other fields sends none and works
// the same on a tenant without them.
func NewOrgEditForm(c *common.Common, title string, start client.OrgSpec, sec SettingsSection, submit func(client.OrgSpec) tea.Cmd) *Form {
	fields, spec := orgFields(c, start, nil, true)
	more, settings := settingsFields(sec.Start)
	blurb := "Third-party applications, application entitlement, token quota." // in the order asked
	if sec.Start.NoEntitlement {
		blurb = "Third-party applications, token quota."
	}
	section := huh.NewNote().Title("Settings").Description(blurb)
	all := append(append(fields, section), more...)
	f := NewForm(c, title, func() tea.Cmd {
		s := spec()
		if after := settings(); !sameSettings(after, sec.Start) {
			s.Settings = &after
		}
		return submit(s)
	}, all...)
	f.AskBeforeDiscarding(func() bool { return client.Changed(start, spec()) != 0 || !sameSettings(settings(), sec.Start) })
	if sec.Focus {
		f.skip = len(fields) // the note takes no focus: the first setting is next
	}
	return f
}

// sameSettings reports whether a and b set the same values.
func sameSettings(a, b client.OrgSettings) bool {
	qa, qb := a.TokenQuota, b.TokenQuota
	return a.ThirdPartyAccess == b.ThirdPartyAccess && (a.NoEntitlement || a.AppEntitlement == b.AppEntitlement) &&
		(qa == nil) == (qb == nil) && (qa == nil || *qa == *qb)
}

// settingsFields ask for the settings, starting from start, and make them.
func settingsFields(start client.OrgSettings) ([]huh.Field, func() client.OrgSettings) {
	third, entitled := start.ThirdPartyAccess == "allow", start.AppEntitlement
	var perDay, perHour string
	enforce := true
	if q := start.TokenQuota; q != nil {
		enforce = q.Enforce
		if q.PerDay > 0 {
			perDay = strconv.Itoa(q.PerDay)
		}
		if q.PerHour > 0 {
			perHour = strconv.Itoa(q.PerHour)
		}
	}
	fields := []huh.Field{huh.NewConfirm().Title("Third-party applications").Description("Let third-party applications log people in to it.").Value(&third)}
	if !start.NoEntitlement {
		fields = append(fields, huh.NewConfirm().Title("Application entitlement").
			Description("Only the organization's own applications may log its people in.").Value(&entitled))
	}
	valid := func(s string) error { _, err := quotaNumber(s); return err }
	fields = append(fields,
		huh.NewInput().Title("Token quota a day").Description("Client-credentials tokens issued for it a day; blank for no limit.").
			Value(&perDay).Validate(valid),
		huh.NewInput().Title("Token quota an hour").Description("Blank for no limit. Both blank: no quota.").
			Value(&perHour).Validate(valid),
		huh.NewConfirm().Title("Enforce the quota").Description("Refuse tokens past it (else they are only logged).").Value(&enforce))
	return fields, func() client.OrgSettings {
		after := client.OrgSettings{ThirdPartyAccess: "block", AppEntitlement: entitled, NoEntitlement: start.NoEntitlement}
		if third {
			after.ThirdPartyAccess = "allow"
		}
		day, _ := quotaNumber(perDay)
		hour, _ := quotaNumber(perHour)
		if day > 0 || hour > 0 {
			after.TokenQuota = &client.TokenQuota{PerDay: day, PerHour: hour, Enforce: enforce}
		}
		return after
	}
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
