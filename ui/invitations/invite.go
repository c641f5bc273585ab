package invitations

import (
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// choicesMsg is what the invite form offers: the applications and roles.
type choicesMsg struct {
	org   string
	apps  []client.Application
	roles []client.Role
	err   error
}

// invitedMsg is the invitations made, for the list.
type invitedMsg struct {
	org  string
	invs []client.Invitation
}

// inviteAction is the tab's "invite" entry.
func (m *Model) inviteAction() common.Action {
	return common.Action{Key: m.Common.Keys.Invite, Label: "Invite people…", Needs: []client.Action{client.Invite, client.ReadApplications},
		Run: m.loadChoices, Opens: true}
}

func (m *Model) loadChoices() tea.Cmd {
	ctx, cl, org := m.Common.Ctx, m.Common.Client, m.Org.ID
	canRoles := m.Common.Client.Capabilities().Can(client.ReadRoles).Allowed
	return func() tea.Msg {
		apps, err := cl.Applications(ctx)
		var roles []client.Role
		if err == nil && canRoles {
			roles, _ = cl.Roles(ctx) // without them the invitation carries no role
		}
		return choicesMsg{org: org, apps: apps, roles: roles, err: err}
	}
}

// inviteForm asks for the invitees and the invitation's settings, under
// Auth0's rules before any call.
func (m *Model) inviteForm(msg choicesMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Failure, "invite: "+common.Explain(msg.err))
	}
	if len(msg.apps) == 0 {
		return common.Status(common.Warning, "invite: the tenant has no application for the invitation to log into")
	}
	var emails, inviter, days = "", "", "7"
	var app string
	var roles []string
	send := true
	apps := make([]huh.Option[string], len(msg.apps))
	for i, a := range msg.apps {
		apps[i] = huh.NewOption(common.Clean(a.Name), a.ID)
	}
	fields := []huh.Field{
		huh.NewText().Title("Emails").Description("Separated by spaces or commas: each gets an invitation of its own.").Lines(3).Value(&emails).
			Validate(func(v string) error {
				for _, e := range splitEmails(v) {
					if err := (client.InviteSpec{Email: e, Inviter: "x", ClientID: "x"}).Check(); err != nil {
						return err
					}
				}
				if len(splitEmails(v)) == 0 {
					return errText("at least one email")
				}
				return nil
			}),
		huh.NewInput().Title("Inviter").Description("The name the email says the invitation is from.").Value(&inviter).
			Validate(func(v string) error {
				return (client.InviteSpec{Email: "a@b.c", Inviter: strings.TrimSpace(v), ClientID: "x"}).Check()
			}),
		huh.NewSelect[string]().Title("Application").Description("What the invitation link logs into.").Options(apps...).Value(&app),
	}
	if len(msg.roles) > 0 {
		opts := make([]huh.Option[string], len(msg.roles))
		for i, r := range msg.roles {
			opts[i] = huh.NewOption(common.Clean(r.Name), r.ID)
		}
		fields = append(fields, huh.NewMultiSelect[string]().Title("Roles").Description("Given on acceptance; x picks. Optional.").
			Options(opts...).Value(&roles).Height(min(len(opts), 6)+2))
	}
	fields = append(fields,
		huh.NewInput().Title("Lasts (days)").Description("1 to 30.").Value(&days).Validate(func(v string) error {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 1 || n > 30 {
				return errText("1 to 30 days")
			}
			return nil
		}),
		huh.NewConfirm().Title("Send the email").Description("No: make the link only, to copy.").Value(&send))
	return dialog.Open(dialog.NewForm(m.Common, "Invite to "+common.Clean(m.Org.Name), func() tea.Cmd {
		n, _ := strconv.Atoi(strings.TrimSpace(days))
		specs := make([]client.InviteSpec, 0)
		for _, e := range splitEmails(emails) {
			specs = append(specs, client.InviteSpec{Email: e, Inviter: strings.TrimSpace(inviter), ClientID: app, Roles: roles,
				TTL: time.Duration(n) * 24 * time.Hour, SendEmail: send})
		}
		return m.confirmInvite(specs, msg)
	}, fields...))
}

type errText string

func (e errText) Error() string { return string(e) }

func splitEmails(v string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' }) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// confirmInvite asks before inviting, saying everything the invitation
// carries: who, from whom, into which application, with which roles.
func (m *Model) confirmInvite(specs []client.InviteSpec, choices choicesMsg) tea.Cmd {
	who := make([]string, len(specs))
	for i, s := range specs {
		who[i] = common.Clean(s.Email)
	}
	how := "Each gets an email with a link"
	if !specs[0].SendEmail {
		how = "No email is sent: the link is copied (one invitee) or shown in each row's copy menu"
	}
	s := specs[0]
	app := s.ClientID
	for _, a := range choices.apps {
		if a.ID == s.ClientID {
			app = a.Name
		}
	}
	roles := "no role"
	if len(s.Roles) > 0 {
		names := make([]string, 0, len(s.Roles))
		for _, r := range choices.roles {
			if slices.Contains(s.Roles, r.ID) {
				names = append(names, common.Clean(r.Name))
			}
		}
		roles = "roles " + strings.Join(names, ", ")
	}
	body := "Invite " + strings.Join(who, ", ") + " to " + common.Clean(m.Org.Name) + ", from " + common.Clean(s.Inviter) +
		", into " + common.Clean(app) + " with " + roles + ", for " +
		strconv.Itoa(int(s.TTL/(24*time.Hour))) + " days. " + how + ". Revoking (d) stops a link."
	return dialog.Open(dialog.NewConfirm(m.Common, "Invite "+people(len(specs))+"?", body, "Invite", invite(m.Common, m.Org, specs)))
}

// invite makes one invitation per person, audited each; a copy-only
// invitation's link goes to the clipboard.
func invite(c *common.Common, o client.Organization, specs []client.InviteSpec) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return common.Change(nil, func() common.Outcome {
		ctx := audit.WithDetail(ctx, audit.Detail{OrgName: o.Name})
		var made []client.Invitation
		failed, unknown := 0, 0
		var why error
		for _, s := range specs {
			inv, err := cl.Invite(ctx, o.ID, s)
			switch {
			case client.KindOf(err) == client.Undetermined:
				unknown++
			case err != nil:
				failed, why = failed+1, err
			default:
				made = append(made, inv)
			}
		}
		st := common.StatusMsg{Level: common.Success, Text: "invited " + people(len(made))}
		if failed > 0 {
			st = common.StatusMsg{Level: common.Warning, Text: st.Text + "; " + table.Plural(failed, "invitation") + " failed: " + common.Explain(why)}
		}
		if unknown > 0 {
			st = common.StatusMsg{Level: common.Warning, Text: st.Text + "; " + table.Plural(unknown, "invitation") + " " + mayExist}
		}
		out := common.Outcome{Status: st, Result: invitedMsg{org: o.ID, invs: made}, Touched: &common.Touched{Org: o.ID, Tab: common.Invitations}}
		if len(made) == 1 && !specs[0].SendEmail && made[0].URL != "" {
			link, _ := common.Copyable{Label: "Invitation link", Value: made[0].URL}.Copied()
			out.Then = tea.SetClipboard(link)
			out.Status.Text += "; the link is on the clipboard"
		}
		return out
	})
}

// mayExist is what a lost, unread answer to an invitation means: never a
// plain "failed", which would invite a blind second try (and email).
const mayExist = "may have been made (the answer was lost and could not be read back): refresh (r) and look before inviting again, or a second email goes out"

// people is n people: "1 person", "2 people".
func people(n int) string {
	if n == 1 {
		return "1 person"
	}
	return table.Count(n) + " people"
}
