package org

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// DeletedMsg is the answer to deleting an organization, for the screens
// showing it: the list drops its row, its own screen closes.
type DeletedMsg struct {
	Org client.Organization
	Err error
}

// DeleteAction is the "delete organization" entry of an action table.
func DeleteAction(c *common.Common, o client.Organization, ok bool) common.Action {
	return common.Action{Key: c.Keys.DeleteOrg, Label: "Delete organization", Needs: []client.Action{client.DeleteOrganization},
		Unavailable: func() string {
			if !ok {
				return "no organization selected"
			}
			return ""
		},
		Run: func() tea.Cmd { return ConfirmDelete(c, o) }}
}

// ConfirmDelete asks for o's name typed out before deleting it.
func ConfirmDelete(c *common.Common, o client.Organization) tea.Cmd {
	name := common.Clean(o.Name)
	body := fmt.Sprintf("Delete %s (%s). Every membership in it goes; the users stay in the tenant. "+
		"Its connection settings and invitations go too. This cannot be undone.", common.OrgLabel(o), o.ID)
	ctx, cl := c.Ctx, c.Client
	return dialog.Open(dialog.NewTypeName(c, "Delete organization "+name+"?", body, o.Name, "Delete",
		common.Change(nil, func() common.Outcome {
			err := cl.DeleteOrganization(ctx, o.ID)
			st := common.StatusMsg{Level: common.Success, Text: "deleted organization " + name}
			if err != nil {
				st = common.StatusMsg{Level: common.Failure, Text: "delete " + name + ": " + common.Explain(err)}
			}
			out := common.Outcome{Status: st, Result: DeletedMsg{Org: o, Err: err}, Touched: &common.Touched{}} // the organizations list
			if err == nil {
				out.Deleted = o.ID
			}
			return out
		})))
}
