package org

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// DeletedMsg is the answer to deleting an organization.
type DeletedMsg struct {
	Org client.Organization
	Err error
}

// ConfirmDelete asks for o's name typed out before deleting it.
func ConfirmDelete(c *common.Common, o client.Organization) tea.Cmd {
	if ok, why := c.Can(client.DeleteOrganization); !ok {
		return why
	}
	name := common.Clean(o.Name)
	body := fmt.Sprintf("Delete %s (%s). Every membership in it goes; the users stay in the tenant. "+
		"Its connection settings and invitations go too. This cannot be undone.", common.OrgLabel(o), o.ID)
	ctx, cl := c.Ctx, c.Client
	return dialog.Open(dialog.NewTypeName(c, "Delete organization "+name+"?", body, o.Name, func() tea.Msg {
		c.Began()
		defer c.Ended()
		return DeletedMsg{Org: o, Err: cl.DeleteOrganization(ctx, o.ID)}
	}))
}
