package invitations

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// revokedMsg is the answer to revoking an invitation.
type revokedMsg struct {
	org, id string
	err     error
}

// revoke asks, then deletes inv: its link stops working. Auth0 cannot
// bring an invitation back (a new one has a new link), so there is no undo.
func (m *Model) revoke(inv client.Invitation) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	who := common.Clean(inv.Invitee)
	body := "The invitation link sent to " + who + " stops working. This cannot be undone: inviting " + who +
		" again sends a new link."
	return dialog.Guard(m.Common, "Revoke the invitation of "+who+"?", body, "Revoke", o.Name, common.Change(nil, func() common.Outcome {
		err := cl.RevokeInvitation(audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{inv.ID: inv.Invitee}}), o.ID, inv.ID)
		st := common.StatusMsg{Level: common.Success, Text: "revoked the invitation of " + who}
		if err != nil {
			st = common.StatusMsg{Level: common.Failure, Text: "revoke " + who + ": " + common.Explain(err)}
		}
		return common.Outcome{Status: st, Result: revokedMsg{org: o.ID, id: inv.ID, err: err}, Touched: &common.Touched{Org: o.ID, Tab: common.Invitations}}
	}))
}

// details shows an invitation whole: whom, by whom, the link, the expiry;
// the menu offers copying the link and resending.
func (m *Model) details(inv client.Invitation) tea.Cmd {
	lines := []string{"invitee: " + common.Clean(inv.Invitee), "inviter: " + common.Clean(inv.Inviter),
		"expires: " + Expiry(inv.ExpiresAt, time.Now()), "roles: " + common.Clean(roleNames(inv, m.names))}
	if inv.URL != "" {
		lines = append(lines, "link: "+common.Clean(inv.URL))
	}
	items := []dialog.Item{
		{Label: "Copy the link", Reason: map[bool]string{true: "", false: "the tenant gave no link"}[inv.URL != ""],
			Then: common.CopyCmd(common.Copyable{Label: "Invitation link", Value: inv.URL})},
		{Label: "Resend (revoke, then invite again)", Reason: m.Common.Why(common.Action{Needs: []client.Action{client.RevokeInvitation, client.Invite}}),
			Then: func() tea.Msg { return resendMsg{org: m.Org.ID, inv: inv} }},
	}
	return dialog.Open(dialog.NewMenu(m.Common, "Invitation of "+common.Clean(inv.Invitee)+"\n\n"+strings.Join(lines, "\n"), items))
}

// resendMsg asks org's Invitations to resend inv.
type resendMsg struct {
	org string
	inv client.Invitation
}

// resend revokes inv and invites the same person again with the same
// application, inviter, roles and length: Auth0 has no resend, so the old
// link stops working and a new one is sent. Said plainly before it is done.
func (m *Model) resend(inv client.Invitation) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	ttl := inv.ExpiresAt.Sub(inv.CreatedAt)
	if ttl <= 0 || ttl > client.MaxInviteTTL {
		ttl = 7 * 24 * time.Hour
	}
	who := common.Clean(inv.Invitee)
	body := "Auth0 has no resend: this revokes the invitation (its link stops working) and invites " + who +
		" again with the same application, inviter, roles and length; a new email goes out."
	return dialog.Guard(m.Common, "Resend the invitation of "+who+"?", body, "Resend", o.Name, common.Change(nil, func() common.Outcome {
		ctx := audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{inv.ID: inv.Invitee}})
		if err := cl.RevokeInvitation(ctx, o.ID, inv.ID); err != nil {
			return common.Outcome{Status: common.StatusMsg{Level: common.Failure, Text: "resend " + who + ": " + common.Explain(err)}}
		}
		made, err := cl.Invite(ctx, o.ID, client.InviteSpec{Email: inv.Invitee, Inviter: inv.Inviter, ClientID: inv.ClientID,
			Roles: inv.Roles, TTL: ttl, SendEmail: true})
		out := common.Outcome{Result: revokedMsg{org: o.ID, id: inv.ID}, Touched: &common.Touched{Org: o.ID, Tab: common.Invitations}}
		if client.KindOf(err) == client.Undetermined {
			out.Status = common.StatusMsg{Level: common.Warning, Text: "revoked the invitation of " + who + "; the new one " + mayExist}
			return out
		}
		if err != nil {
			out.Status = common.StatusMsg{Level: common.Failure, Text: "revoked the invitation of " + who + ", but inviting again failed: " + common.Explain(err)}
			return out
		}
		out.Status = common.StatusMsg{Level: common.Success, Text: "sent " + who + " a new invitation"}
		out.Then = func() tea.Msg { return invitedMsg{org: o.ID, invs: []client.Invitation{made}} }
		return out
	}))
}
