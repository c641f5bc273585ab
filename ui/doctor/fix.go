// Package doctor is the dashboard's answer to on-call's two questions: the
// login explainer's chain (w on a member or a person's organization, or
// :why EMAIL ORG) and an organization's checkup (! on an organization),
// each with the fix of what failed one key away. A fix is an ordinary
// change: confirmed per the profile's protection, audited by the client's
// wrapper, refused on a read-only profile, and undoable where its kind is.
package doctor

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// FixedMsg says a fix (or its undo) ended: the screens showing a chain or
// a checkup read it again.
type FixedMsg struct {
	Fix doctor.Fix
	Err error
}

// askFix confirms fx per the profile's protection, then applies it; a fix
// the credentials or the profile do not allow says why instead.
func askFix(c *common.Common, fx doctor.Fix) tea.Cmd {
	if why := c.Reason(fx.Action()); why != "" {
		return common.Status(common.Warning, "cannot "+strings.ToLower(common.Clean(fx.Label))+": "+why)
	}
	body := what(fx)
	if u := fx.Undo(); u != nil {
		body += "\n\nz undoes it for " + common.UndoWindow.String() + "."
	} else {
		body += "\n\nThis cannot be undone from orgdash."
	}
	return dialog.Guard(c, common.Clean(fx.Label)+"?", body, "Fix", fx.OrgName, applyFix(c.Ctx, c.Client, fx, true))
}

// applyFix is the change that applies fx, offering its undo when offerUndo.
func applyFix(ctx context.Context, cl client.Client, fx doctor.Fix, offerUndo bool) tea.Cmd {
	return common.Change(nil, func() common.Outcome {
		rc := &client.Receipt{}
		dctx := audit.WithDetail(client.WithReceipt(ctx, rc), detail(fx))
		err := fx.Apply(dctx, cl)
		out := common.Outcome{Result: FixedMsg{Fix: fx, Err: err}}
		if fx.OrgID != "" {
			out.Touched = &common.Touched{Org: fx.OrgID, Tab: tabOf(fx.Kind)}
		}
		label := common.Clean(fx.Label)
		switch {
		case client.KindOf(err) == client.Undetermined:
			out.Status = common.StatusMsg{Level: common.Warning, Text: label + ": unverified: " + common.Explain(err)}
		case err != nil:
			out.Status = common.StatusMsg{Level: common.Failure, Text: label + ": " + common.Explain(err)}
		default:
			out.Status = common.StatusMsg{Level: common.Success, Text: "done: " + label}
			if note := rc.Note(); note != "" {
				out.Status.Text += " — " + note
			}
			if u := fx.Undo(); u != nil && offerUndo {
				out.Undo = &common.UndoMsg{Org: fx.OrgID, Label: strings.ReplaceAll(string(fx.Kind), "-", " "), Run: applyFix(ctx, cl, *u, false)}
			}
		}
		return out
	})
}

// detail names the fix's targets for the audit, with the settings before
// and after an edit.
func detail(fx doctor.Fix) audit.Detail {
	d := audit.Detail{Org: fx.OrgID, OrgName: fx.OrgName, Names: map[string]string{}}
	if fx.UserID != "" && fx.UserName != "" {
		d.Names[fx.UserID] = fx.UserName
	}
	if fx.ConnID != "" {
		d.Names[fx.ConnID] = fx.ConnName
		d.Names[fx.ConnID+" "+fx.ClientID] = fx.ConnName + " for " + fx.ClientID
	}
	if fx.Kind == doctor.EditConnection {
		d.Before, d.After = settings(fx.Before), settings(fx.Settings)
	}
	d.After = mapOr(d.After, map[string]any{"fix": string(fx.Kind)})
	return d
}

func settings(s client.ConnectionSettings) map[string]any {
	return map[string]any{"assign_membership_on_login": s.AssignMembershipOnLogin, "show_as_button": s.ShowAsButton, "is_signup_enabled": s.SignupEnabled}
}

func mapOr(m, add map[string]any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	for k, v := range add {
		m[k] = v
	}
	return m
}

// tabOf is the organization tab a fix of kind changes, for other sessions to reload.
func tabOf(k doctor.FixKind) common.Tab {
	switch k {
	case doctor.AddMember:
		return common.Members
	case doctor.RevokeInvitation:
		return common.Invitations
	case doctor.VerifyDomain:
		return common.Domains
	}
	return common.Connections
}

// what says what a fix changes, beyond its label.
func what(fx doctor.Fix) string {
	conn, org := common.Clean(fx.ConnName), common.Clean(fx.OrgName)
	switch fx.Kind {
	case doctor.EnableInOrg:
		return "Adds " + conn + " to " + org + ", shown as a button, without membership on login."
	case doctor.ReenableInOrg:
		return "Turns " + conn + " on again in " + org + "; its settings are kept."
	case doctor.EditConnection:
		var lines []string
		row := func(label string, a, b bool) {
			if a != b {
				lines = append(lines, label+": "+onOff(a)+" → "+onOff(b))
			}
		}
		row("Show as a button", fx.Before.ShowAsButton, fx.Settings.ShowAsButton)
		row("Membership on login", fx.Before.AssignMembershipOnLogin, fx.Settings.AssignMembershipOnLogin)
		row("Signup", fx.Before.SignupEnabled, fx.Settings.SignupEnabled)
		return conn + " in " + org + ":\n" + strings.Join(lines, "\n")
	case doctor.EnableForApp:
		return "Lets the application use " + conn + ": a setting of the connection, so in every organization that has it, not " + org + " alone."
	case doctor.AddMember:
		return "Makes them a member of " + org + ", with no role."
	case doctor.RevokeInvitation:
		return "Deletes the invitation: its link stops working."
	case doctor.VerifyDomain:
		return "Mark a domain verified only once its TXT record is in place: people with its email are then sent to " + org + "."
	case doctor.UnblockUser:
		return "Clears the block an administrator set: they can log in everywhere again."
	case doctor.RemoveBlocks:
		return "Lifts the brute-force blocks: logins from the blocked addresses are let through again."
	}
	return common.Clean(fx.Label) + "."
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
