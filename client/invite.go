package client

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/auth0/go-auth0/management"
)

// Application is a tenant application: for the invite form, and for the
// doctor, how it uses organizations.
type Application struct {
	ID, Name string
	AppType  string // spa, regular_web, native, non_interactive, …
	// OrgUsage is deny, allow or require: whether logins name an
	// organization (https://auth0.com/docs/manage-users/organizations/configure-organizations/login-flows-for-organizations).
	OrgUsage string
	// OrgRequireBehavior is no_prompt, pre_login_prompt or post_login_prompt.
	OrgRequireBehavior string
	FirstParty         bool // false: a third-party application
}

// Applications are the tenant's applications (GET /clients).
func (c *auth0Client) Applications(ctx context.Context) ([]Application, error) {
	var out []Application
	for page := 0; ; page++ {
		l, err := c.m.Client.List(ctx, management.Page(page), management.PerPage(pageSize), management.IncludeFields("client_id", "name",
			"app_type", "organization_usage", "organization_require_behavior", "is_first_party"))
		if err != nil {
			return out, c.classify("list applications", err)
		}
		for _, a := range l.Clients {
			out = append(out, Application{ID: a.GetClientID(), Name: a.GetName(), AppType: a.GetAppType(),
				OrgUsage: a.GetOrganizationUsage(), OrgRequireBehavior: a.GetOrganizationRequireBehavior(),
				FirstParty: a.IsFirstParty == nil || *a.IsFirstParty})
		}
		if !l.HasNext() || len(l.Clients) == 0 {
			return out, nil
		}
	}
}

// InviteSpec is one invitation to make.
type InviteSpec struct {
	Email, Inviter string
	ClientID       string        // the application the link logs into
	Roles          []string      // role ids given on acceptance
	TTL            time.Duration // 0: Auth0's 7 days; at most 30 days
	SendEmail      bool          // else only the link is made, to copy
}

// MaxInviteTTL is Auth0's longest invitation (ttl_sec 2,592,000).
const MaxInviteTTL = 30 * 24 * time.Hour

// Check applies Auth0's rules for an invitation before any call.
func (s InviteSpec) Check() error {
	if _, err := mail.ParseAddress(s.Email); err != nil {
		return fmt.Errorf("%q is not an email address", s.Email)
	}
	switch {
	case s.Inviter == "" || utf8.RuneCountInString(s.Inviter) > 300:
		return fmt.Errorf("the inviter's name is 1 to 300 characters")
	case s.ClientID == "":
		return fmt.Errorf("pick the application the invitation logs into")
	case s.TTL < 0 || s.TTL > MaxInviteTTL:
		return fmt.Errorf("an invitation lasts at most 30 days")
	}
	return nil
}

func (c *auth0Client) Invite(ctx context.Context, orgID string, s InviteSpec) (Invitation, error) {
	if err := s.Check(); err != nil {
		return Invitation{}, &Error{Kind: Invalid, Op: "invite", Message: err.Error()}
	}
	ttl := int(s.TTL / time.Second)
	inv := &management.OrganizationInvitation{Inviter: &management.OrganizationInvitationInviter{Name: &s.Inviter},
		Invitee: &management.OrganizationInvitationInvitee{Email: &s.Email}, ClientID: &s.ClientID, TTLSec: &ttl,
		SendInvitationEmail: &s.SendEmail}
	if len(s.Roles) > 0 {
		inv.Roles = s.Roles
	}
	// never repeated: a second POST would be a second invitation (and a
	// second email); a lost answer is read back instead
	start := time.Now()
	err := c.classify("invite", c.m.Organization.CreateInvitation(ctx, orgID, inv))
	var found Invitation
	err = c.settle(ctx, "invite", err, func(ctx context.Context) (bool, error) {
		var ok bool
		found, ok, err = c.findInvitation(ctx, orgID, s, start)
		return ok, err
	})
	if err != nil {
		return Invitation{}, err
	}
	if found.ID != "" {
		return found, nil
	}
	return Invitation{ID: inv.GetID(), Invitee: s.Email, Inviter: s.Inviter, CreatedAt: parseTime(inv.GetCreatedAt()),
		ExpiresAt: parseTime(inv.GetExpiresAt()), Roles: inv.Roles, ClientID: s.ClientID, URL: inv.GetInvitationURL()}, nil
}

// inviteSkew is how far Auth0's clock may be from ours when an invitation
// made just now is told apart from older ones by its created_at (a guess:
// Auth0 documents no bound).
const inviteSkew = time.Minute

// findInvitation lists the organization's invitations for s's invitee and
// finds one made by this call: same application and inviter, created
// since the call began (less inviteSkew).
func (c *auth0Client) findInvitation(ctx context.Context, orgID string, s InviteSpec, since time.Time) (Invitation, bool, error) {
	invs, err := c.Invitations(ctx, orgID)
	if err != nil {
		return Invitation{}, false, err
	}
	for _, inv := range invs {
		if strings.EqualFold(inv.Invitee, s.Email) && inv.ClientID == s.ClientID && inv.Inviter == s.Inviter &&
			!inv.CreatedAt.Before(since.Add(-inviteSkew)) {
			return inv, true, nil
		}
	}
	return Invitation{}, false, nil
}
