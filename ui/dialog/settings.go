package dialog

import (
	"errors"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// ErrSignupRule is Auth0's rule, checked before any call is made.
var ErrSignupRule = errors.New("signup needs a database connection with auto-membership on")

// NewSettings edits start for a connection of strategy in a form that
// offers only what the strategy supports and enforces Auth0's rules: the
// login button only for enterprise connections, signup only for database
// connections and only with auto-membership. newer adds the newer family's
// name and access level, for tenants that have it. submit makes the command
// to run with the result.
func NewSettings(c *common.Common, title, strategy string, newer bool, start client.ConnectionSettings, submit func(client.ConnectionSettings) tea.Cmd) *Form {
	v := start
	fields := []huh.Field{huh.NewConfirm().Title("Auto-membership").
		Description("Everyone who logs in with this connection becomes a member.").Value(&v.AssignMembershipOnLogin)}
	if client.IsEnterprise(strategy) {
		fields = append(fields, huh.NewConfirm().Title("Show as a button").
			Description("On the organization's login prompt.").Value(&v.ShowAsButton))
	}
	if client.IsDatabase(strategy) {
		fields = append(fields, huh.NewConfirm().Title("Signup").
			Description("Let people sign up into the organization (needs auto-membership).").Value(&v.SignupEnabled).
			Validate(func(on bool) error {
				if on && !v.AssignMembershipOnLogin {
					return ErrSignupRule
				}
				return nil
			}))
	}
	if newer {
		fields = append(fields, newerFields(&v, start)...)
	}
	return NewForm(c, title, func() tea.Cmd { return submit(v) }, fields...)
}

// newerFields edit the newer family's settings. Once set, a name can be
// changed but not cleared: Auth0 takes 1–50 characters and documents no way
// to unset it (a guess that unsetting is not offered).
func newerFields(v *client.ConnectionSettings, start client.ConnectionSettings) []huh.Field {
	levels := []huh.Option[string]{}
	if start.AccessLevel == "" {
		levels = append(levels, huh.NewOption("not set", ""))
	}
	for _, l := range client.AccessLevels {
		levels = append(levels, huh.NewOption(l, l))
	}
	return []huh.Field{
		huh.NewInput().Title("Name in this organization").
			Description("What the organization's administrators see; 1–50 characters, or empty to leave unset.").
			Value(&v.OrgConnectionName).CharLimit(50).Validate(func(s string) error {
			if s == "" && start.OrgConnectionName != "" {
				return errors.New("a name once set cannot be cleared, only changed")
			}
			return nil
		}),
		huh.NewSelect[string]().Title("Administrators' access").
			Description("How far the organization's administrators may manage this connection.").
			Options(levels...).Value(&v.AccessLevel),
	}
}
