package orgs

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/org"
	"github.com/orgdash/orgdash/ui/table"
)

// createdMsg is a new organization, for the list to show and select.
type createdMsg struct{ org client.Organization }

// tenantConnsMsg is the tenant's connections, to offer in the create form.
type tenantConnsMsg struct{ conns []client.TenantConnection }

// createAction is the list's "create organization" entry.
func (m *Model) createAction() common.Action {
	return common.Action{Key: m.c.Keys.Create, Label: "Create organization", Needs: []client.Action{client.CreateOrganization},
		Run: func() tea.Cmd {
			if !m.c.Client.Capabilities().Can(client.ReadTenantConnections).Allowed {
				return m.createForm(nil) // without read:connections the form offers none
			}
			ctx, cl := m.c.Ctx, m.c.Client
			return func() tea.Msg {
				conns, _ := cl.TenantConnections(ctx) // on failure the form offers none
				return tenantConnsMsg{conns: conns}
			}
		}, Opens: true}
}

func (m *Model) createForm(conns []client.TenantConnection) tea.Cmd {
	return m.createFormWith(client.OrgSpec{}, conns)
}

// createFormWith is the create form filled with start: empty, or what was
// typed before the tenant refused the name.
func (m *Model) createFormWith(start client.OrgSpec, conns []client.TenantConnection) tea.Cmd {
	return dialog.Open(dialog.NewOrgForm(m.c, "Create an organization", start, conns, func(s client.OrgSpec) tea.Cmd {
		return m.confirmCreate(s, conns)
	}))
}

// confirmCreate shows what will be made before making it.
func (m *Model) confirmCreate(s client.OrgSpec, conns []client.TenantConnection) tea.Cmd {
	again := func() tea.Msg { return createAgainMsg{spec: s, conns: conns} }
	return dialog.Open(dialog.NewConfirm(m.c, "Create organization "+common.Clean(s.Name)+"?", describe(s), "Create", create(m.c, s, again)))
}

// createAgainMsg reopens the create form with what was typed.
type createAgainMsg struct {
	spec  client.OrgSpec
	conns []client.TenantConnection
}

// describe is a new organization's fields, for its confirmation.
func describe(s client.OrgSpec) string {
	lines := []string{"name: " + s.Name}
	add := func(label, v string) {
		if v != "" {
			lines = append(lines, label+": "+common.Clean(v))
		}
	}
	add("display name", s.DisplayName)
	add("logo", s.LogoURL)
	add("primary colour", s.Colors["primary"])
	add("page background", s.Colors["page_background"])
	for k, v := range s.Metadata {
		add("metadata "+k, v)
	}
	if len(s.Connections) > 0 {
		lines = append(lines, table.Plural(len(s.Connections), "connection")+" enabled")
	}
	return strings.Join(lines, "\n") + "\n\nz deletes it again for " + common.UndoWindow.String() + "."
}

// create is the change that makes s, audited with its fields, undone by
// deleting what it made. When the name is taken, again reopens the form
// with everything typed, to change the name only.
func create(c *common.Common, s client.OrgSpec, again tea.Cmd) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return common.Change(nil, func() common.Outcome {
		after := map[string]any{"name": s.Name, "display_name": s.DisplayName, "logo_url": s.LogoURL, "colors": s.Colors, "metadata": s.Metadata}
		o, err := cl.CreateOrganization(audit.WithDetail(ctx, audit.Detail{OrgName: s.Name, After: after}), s)
		if err != nil {
			out := common.Outcome{Status: common.StatusMsg{Level: common.Failure,
				Text: "create " + common.Clean(s.Name) + ": " + common.Explain(err)}}
			if client.KindOf(err) == client.Conflict {
				out.Status.Text += "; the form is back with what you typed"
				out.Then = again
			}
			return out
		}
		undo := common.Change(nil, func() common.Outcome {
			err := cl.DeleteOrganization(ctx, o.ID)
			st := common.StatusMsg{Level: common.Success, Text: "deleted " + common.Clean(o.Name) + " again"}
			if err != nil {
				st = common.StatusMsg{Level: common.Failure, Text: "undo: " + common.Explain(err)}
			}
			return common.Outcome{Status: st, Result: org.DeletedMsg{Org: o, Err: err}, Touched: &common.Touched{}}
		})
		return common.Outcome{Status: common.StatusMsg{Level: common.Success, Text: fmt.Sprintf("created organization %s (%s)", common.Clean(o.Name), o.ID)},
			Result: createdMsg{org: o}, Touched: &common.Touched{},
			Undo: &common.UndoMsg{Org: o.ID, Label: "creation of " + common.Clean(o.Name), Run: undo}}
	})
}
