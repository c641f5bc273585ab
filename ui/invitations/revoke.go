package invitations

import (
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
	ctx, cl, o := m.c.Ctx, m.c.Client, m.org
	who := common.Clean(inv.Invitee)
	body := "The invitation link sent to " + who + " stops working. This cannot be undone: inviting " + who +
		" again sends a new link."
	return dialog.Guard(m.c, "Revoke the invitation of "+who+"?", body, "Revoke", o.Name, common.Change(nil, func() common.Outcome {
		err := cl.RevokeInvitation(audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{inv.ID: inv.Invitee}}), o.ID, inv.ID)
		st := common.StatusMsg{Level: common.Success, Text: "revoked the invitation of " + who}
		if err != nil {
			st = common.StatusMsg{Level: common.Failure, Text: "revoke " + who + ": " + common.Explain(err)}
		}
		return common.Outcome{Status: st, Result: revokedMsg{org: o.ID, id: inv.ID, err: err}, Touched: &common.Touched{Org: o.ID, Tab: common.Invitations}}
	}))
}
