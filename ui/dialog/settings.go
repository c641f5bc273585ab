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
// connections and only with auto-membership. submit makes the command to
// run with the result.
func NewSettings(c *common.Common, title, strategy string, start client.ConnectionSettings, submit func(client.ConnectionSettings) tea.Cmd) *Form {
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
	return NewForm(c, title, func() tea.Cmd { return submit(v) }, fields...)
}
