package domains

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
)

// fields are a domain's values, for the audit's before and after.
func fields(d client.DiscoveryDomain) map[string]any {
	return map[string]any{"domain": d.Domain, "status": client.DomainStatus(d.Verified), "use_for_organization_discovery": d.UseForDiscovery}
}

// addForm asks for a domain and whether it routes logins, under Auth0's
// rules before any call.
func (m *Model) addForm() tea.Cmd {
	spec := client.DiscoveryDomain{UseForDiscovery: true}
	listed := map[string]bool{}
	for _, d := range m.List().Items() {
		listed[d.Domain] = true
	}
	return dialog.Open(dialog.NewForm(m.Common, "Add a discovery domain to "+common.Clean(m.Org.Name), func() tea.Cmd {
		spec.Domain = strings.ToLower(strings.TrimSpace(spec.Domain))
		return m.confirmAdd(spec)
	},
		huh.NewInput().Title("Domain").Description("People whose email is at this domain are sent to the organization at login.").
			Placeholder("example.com").CharLimit(255).Value(&spec.Domain).Validate(func(s string) error {
			s = strings.ToLower(strings.TrimSpace(s))
			if listed[s] {
				return errors.New(s + " is already one of this organization's domains")
			}
			return client.CheckDomain(s)
		}),
		huh.NewConfirm().Title("Use for discovery").Description("Route logins by this domain (it can be kept without).").
			Value(&spec.UseForDiscovery),
	))
}

func (m *Model) confirmAdd(spec client.DiscoveryDomain) tea.Cmd {
	name := common.Clean(spec.Domain)
	body := "Adds " + name + " to " + common.Clean(m.Org.Name) + " as pending. Next you see the DNS TXT record that proves the domain is yours."
	if spec.UseForDiscovery {
		body += " People with an @" + name + " email are then sent to " + common.Clean(m.Org.Name) + " at login."
	}
	return dialog.Guard(m.Common, "Add "+name+"?", body, "Add", m.Org.Name, m.add(spec, false))
}

// add is the change that adds spec; undone by removing it again. restore
// says it puts back a domain removed (with its status, and a new record).
func (m *Model) add(spec client.DiscoveryDomain, restore bool) tea.Cmd {
	ctx, cl, o, news := m.Common.Ctx, m.Common.Client, m.Org, m.News()
	name := common.Clean(spec.Domain)
	return common.Change(nil, func() common.Outcome {
		d := audit.Detail{OrgName: o.Name, After: fields(spec)}
		made, err := cl.AddDiscoveryDomain(audit.WithDetail(ctx, d), o.ID, spec)
		if err != nil {
			return common.Failed("add "+name, err)
		}
		out := list.Made(news, "added "+name+" ("+client.DomainStatus(made.Verified)+")", made)
		out.Undo = &common.UndoMsg{Org: o.ID, Label: "adding " + name, Run: m.removal(made, true)}
		if restore {
			out.Status.Text, out.Undo = "put back "+name+" ("+client.DomainStatus(made.Verified)+"); its TXT record value is new", nil
		}
		if !made.Verified {
			out.Then = m.record(made)
		}
		return out
	})
}

// record shows the DNS TXT record that proves d is the organization's.
func (m *Model) record(d client.DiscoveryDomain) tea.Cmd {
	text := "Create this DNS TXT record, then mark the domain verified (e):\n\nhost:  " + common.Clean(d.TXTHost) +
		"\nvalue: " + common.Clean(d.TXTValue)
	return dialog.Open(dialog.NewMenu(m.Common, "TXT record for "+common.Clean(d.Domain)+"\n\n"+text, []dialog.Item{
		{Label: "Copy the host", Then: common.CopyCmd(common.Copyable{Label: "TXT record host", Value: d.TXTHost})},
		{Label: "Copy the value", Then: common.CopyCmd(common.Copyable{Label: "TXT record value", Value: d.TXTValue})},
	}))
}

// details shows a domain whole, with its record and what can be done.
func (m *Model) details(d client.DiscoveryDomain) tea.Cmd {
	lines := []string{"status: " + client.DomainStatus(d.Verified), "discovery: " + onOff(d.UseForDiscovery),
		"TXT host: " + common.Clean(d.TXTHost), "TXT value: " + common.Clean(d.TXTValue), "id: " + d.ID}
	edit := m.Common.Why(common.Action{Needs: []client.Action{client.EditDomain}})
	return dialog.Open(dialog.NewMenu(m.Common, common.Clean(d.Domain)+"\n\n"+strings.Join(lines, "\n"), []dialog.Item{
		{Label: "Copy the TXT host", Then: common.CopyCmd(common.Copyable{Label: "TXT record host", Value: d.TXTHost})},
		{Label: "Copy the TXT value", Then: common.CopyCmd(common.Copyable{Label: "TXT record value", Value: d.TXTValue})},
		{Label: map[bool]string{true: "Mark pending", false: "Mark verified"}[d.Verified], Reason: edit,
			Then: m.confirmEdit(d, !d.Verified, d.UseForDiscovery)},
	}))
}

// editForm asks for the status and the use.
func (m *Model) editForm(d client.DiscoveryDomain) tea.Cmd {
	verified, use := d.Verified, d.UseForDiscovery
	return dialog.Open(dialog.NewForm(m.Common, "Edit "+common.Clean(d.Domain), func() tea.Cmd { return m.confirmEdit(d, verified, use) },
		huh.NewConfirm().Title("Verified").Description("Its TXT record is in place at "+common.Clean(d.TXTHost)+".").Value(&verified),
		huh.NewConfirm().Title("Use for discovery").Description("Route logins by this domain.").Value(&use),
	))
}

// confirmEdit shows the change as before → after and asks.
func (m *Model) confirmEdit(d client.DiscoveryDomain, verified, use bool) tea.Cmd {
	var diff []string
	if verified != d.Verified {
		diff = append(diff, "status: "+client.DomainStatus(d.Verified)+" → "+client.DomainStatus(verified))
	}
	if use != d.UseForDiscovery {
		diff = append(diff, "discovery: "+onOff(d.UseForDiscovery)+" → "+onOff(use))
	}
	if len(diff) == 0 {
		return common.Status(common.Info, "nothing changed")
	}
	next := d
	next.Verified, next.UseForDiscovery = verified, use
	body := "For " + common.Clean(m.Org.Name) + ":\n" + strings.Join(diff, "\n") + "\n\nz puts it back for " + common.UndoWindow.String() + "."
	return dialog.Guard(m.Common, "Change "+common.Clean(d.Domain)+"?", body, "Save", m.Org.Name, m.edit(d, next, false))
}

// edit is the change from before to after, undone by the reverse.
func (m *Model) edit(before, after client.DiscoveryDomain, undo bool) tea.Cmd {
	ctx, cl, o, news := m.Common.Ctx, m.Common.Client, m.Org, m.News()
	name := common.Clean(before.Domain)
	return common.Change(nil, func() common.Outcome {
		d := audit.Detail{OrgName: o.Name, Names: map[string]string{before.ID: before.Domain}, Before: fields(before), After: fields(after)}
		now, err := cl.UpdateDiscoveryDomain(audit.WithDetail(ctx, d), o.ID, before.ID, after.Verified, after.UseForDiscovery)
		if err != nil {
			return common.Failed("edit "+name, err)
		}
		out := list.Made(news, name+" is "+client.DomainStatus(now.Verified)+", discovery "+onOff(now.UseForDiscovery), now)
		if !undo {
			out.Undo = &common.UndoMsg{Org: o.ID, Label: "edit of " + name, Run: m.edit(now, before, true)}
		}
		return out
	})
}

// remove asks, then removes d. Auth0 cannot bring a domain back, so z adds
// it again with its status and use, and a new TXT record value.
func (m *Model) remove(d client.DiscoveryDomain) tea.Cmd {
	name := common.Clean(d.Domain)
	body := "It routes no logins (discovery is off)."
	if d.UseForDiscovery {
		body = "People with an @" + name + " email are no longer sent to " + common.Clean(m.Org.Name) + " at login."
	}
	body += " z adds it back for " + common.UndoWindow.String() + " as " + client.DomainStatus(d.Verified) + ", with a new TXT record value."
	return dialog.Guard(m.Common, "Remove "+name+"?", body, "Remove", m.Org.Name, m.removal(d, false))
}

// removal is the change that removes d; undo says it undoes adding it.
func (m *Model) removal(d client.DiscoveryDomain, undo bool) tea.Cmd {
	ctx, cl, o := m.Common.Ctx, m.Common.Client, m.Org
	det := audit.Detail{OrgName: o.Name, Names: map[string]string{d.ID: d.Domain}, Before: fields(d)}
	var putBack tea.Cmd
	if !undo {
		putBack = m.add(d, true)
	}
	return m.Removal("remove", common.Clean(d.Domain), d.ID, func() error {
		return cl.RemoveDiscoveryDomain(audit.WithDetail(ctx, det), o.ID, d.ID)
	}, putBack)
}
