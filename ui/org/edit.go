package org

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// EditedMsg is an organization as an edit left it, for every screen
// showing it.
type EditedMsg struct{ Org client.Organization }

// EditAction is the Overview's "edit organization" entry: one form for
// its name, branding, metadata and newer settings.
func EditAction(c *common.Common, o client.Organization) common.Action {
	return common.Action{Key: c.Keys.Edit, Label: "Edit organization (name, branding, metadata, settings)…",
		Needs: []client.Action{client.EditOrganization}, Run: func() tea.Cmd { return editForm(c, o, false) }}
}

// editForm is the edit form of o, opened at its settings when atSettings.
func editForm(c *common.Common, o client.Organization, atSettings bool) tea.Cmd {
	before := client.SpecOf(o)
	sec := dialog.SettingsSection{Start: client.SettingsOf(o), Focus: atSettings}
	return dialog.Open(dialog.NewOrgEditForm(c, "Edit "+common.Clean(o.Name), before, sec, func(after client.OrgSpec) tea.Cmd {
		if after.Settings != nil { // the settings change too: undo puts them back as they were
			before.Settings = &sec.Start
		}
		// the edit sends what changed, and its undo the same fields but a
		// display name the organization had none of (Auth0 cannot clear one)
		after.Send = client.Changed(before, after)
		before.Send = after.Send
		if before.DisplayName == "" {
			before.Send &^= client.FieldDisplayName
		}
		return confirmEdit(c, o, before, after)
	}))
}

// confirmEdit shows every field that changes as before → after, the
// settings included, and asks once (by the profile's confirmation
// policy); renaming says what it breaks, and setting third-party access
// or a display name where the organization had none says that z cannot
// take it away (Auth0's update takes allow or block, never null; and a
// display name of 1 to 255 characters, never none).
func confirmEdit(c *common.Common, o client.Organization, before, after client.OrgSpec) tea.Cmd {
	diff := append(specDiff(before, after), settingsDiff(before.Settings, after.Settings)...)
	if len(diff) == 0 || after.Send == 0 {
		return common.Status(common.Info, "nothing changed: nothing sent")
	}
	body := strings.Join(diff, "\n")
	if before.Name != after.Name {
		body += "\n\nRenaming changes every login URL and every organization parameter that uses the name " +
			common.Clean(before.Name) + ": apps that send it stop working until they send the new one."
	}
	if before.Send != 0 {
		body += "\n\nz puts the old values back for " + common.UndoWindow.String() + "."
	}
	if o.ThirdPartyAccess == "" && after.Send.Has(client.FieldThirdParty) {
		body += " The organization had no third-party setting and Auth0 cannot remove one: z sets it to block, Auth0's default."
	}
	if o.DisplayName == "" && after.Send.Has(client.FieldDisplayName) {
		body += "\n\nz cannot take the display name back (Auth0 cannot remove one): it stays."
	}
	return dialog.Guard(c, "Save the changes to "+common.Clean(o.Name)+"?", body, "Save", o.Name, update(c, o, before, after))
}

// keptByUndo is what the undo of an edit that sent sent says it could not
// put back (as confirmEdit warned), or "".
func keptByUndo(o client.Organization, sent client.OrgFields) string {
	var out []string
	if o.DisplayName == "" && sent.Has(client.FieldDisplayName) {
		out = append(out, "the display name stays: Auth0 cannot remove one")
	}
	if o.ThirdPartyAccess == "" && sent.Has(client.FieldThirdParty) {
		out = append(out, "third-party set to block, Auth0's default: it cannot be removed")
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, "; ") + ")"
}

// update is the change that sets after, undone by setting before again.
func update(c *common.Common, o client.Organization, before, after client.OrgSpec) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	var apply func(from, to client.OrgSpec, undo bool) tea.Cmd
	apply = func(from, to client.OrgSpec, undo bool) tea.Cmd {
		return common.Change(nil, func() common.Outcome {
			d := audit.Detail{OrgName: from.Name, Before: fields(from, to.Send), After: fields(to, to.Send)}
			now, err := cl.UpdateOrganization(audit.WithDetail(ctx, d), o.ID, to)
			if err != nil {
				return common.Outcome{Status: common.StatusMsg{Level: common.Failure, Text: "edit " + common.Clean(from.Name) + ": " + common.Explain(err)}}
			}
			out := common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: "saved " + common.Clean(now.Name)},
				Result: EditedMsg{Org: now}, Touched: &common.Touched{}}
			if undo {
				out.Status.Text = "put back the old values of " + common.Clean(now.Name) + keptByUndo(o, from.Send)
			} else if from.Send == 0 { // only a display name set where there was none: nothing to put back
				out.Status.Text += " (z cannot take the display name back: Auth0 cannot remove one)"
			} else {
				out.Undo = &common.UndoMsg{Org: now.ID, Label: "edit of " + common.Clean(now.Name), Run: apply(to, from, true)}
			}
			return out
		})
	}
	return apply(before, after, false)
}

// fields are a spec's values of the fields sent, for the audit's before
// and after: reconcile reads back those (and only those) of an
// interrupted edit, and the activity feed names them. An empty map is
// written {} whether it was nil or not, so that nothing reads as changed.
func fields(s client.OrgSpec, sent client.OrgFields) map[string]any {
	f := map[string]any{}
	if sent.Has(client.FieldName) {
		f["name"] = s.Name
	}
	if sent.Has(client.FieldDisplayName) {
		f["display_name"] = s.DisplayName
	}
	if sent.Has(client.FieldBranding) {
		f["logo_url"], f["colors"] = s.LogoURL, nonNil(s.Colors)
	}
	if sent.Has(client.FieldMetadata) {
		f["metadata"] = nonNil(s.Metadata)
	}
	if s.Settings != nil {
		withSettings(f, *s.Settings, sent)
	}
	return f
}

// nonNil is m, or an empty map for nil.
func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// specDiff is each changed field: "display name: Acme → Acme Inc".
func specDiff(a, b client.OrgSpec) []string {
	var out []string
	show := func(v string) string {
		if v == "" {
			return "(none)"
		}
		return common.Clean(v)
	}
	add := func(label, x, y string) {
		if x != y {
			out = append(out, fmt.Sprintf("%s: %s → %s", label, show(x), show(y)))
		}
	}
	add("name", a.Name, b.Name)
	add("display name", a.DisplayName, b.DisplayName)
	add("logo", a.LogoURL, b.LogoURL)
	add("primary colour", a.Colors["primary"], b.Colors["primary"])
	add("page background", a.Colors["page_background"], b.Colors["page_background"])
	keys := slices.Sorted(maps.Keys(a.Metadata))
	for _, k := range slices.Sorted(maps.Keys(b.Metadata)) {
		if _, ok := a.Metadata[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		add("metadata "+k, a.Metadata[k], b.Metadata[k])
	}
	return out
}
