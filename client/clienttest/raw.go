package clienttest

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// RawJSON answers an entity's GET from the fake's typed values, in the
// shape Auth0 gives them (only the fields the fake keeps); a user is any
// member of any organization.
func (f *Fake) RawJSON(_ context.Context, e client.Entity) ([]byte, error) {
	op := e.Action.String()
	if err := f.fail(op); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	seg := strings.Split(strings.TrimPrefix(e.Path(), "/"), "/")
	notFound := &client.Error{Kind: client.NotFound, Op: op, Status: 404, Message: "Not found"}
	var v any
	switch e.Action {
	case client.ViewOrganizationJSON:
		i, err := f.org(seg[1])
		if err != nil {
			return nil, err
		}
		o := f.Orgs[i]
		v = map[string]any{"id": o.ID, "name": o.Name, "display_name": o.DisplayName,
			"branding": map[string]any{"logo_url": o.LogoURL, "colors": o.Colors}, "metadata": o.Metadata}
	case client.ViewConnectionJSON:
		for _, cn := range f.Conns[seg[1]] {
			if cn.ID == seg[3] {
				v = map[string]any{"connection_id": cn.ID, "assign_membership_on_login": cn.AssignMembershipOnLogin,
					"show_as_button": cn.ShowAsButton, "is_signup_enabled": cn.SignupEnabled,
					"connection": map[string]any{"name": cn.Name, "strategy": cn.Strategy}}
			}
		}
	case client.ViewUserJSON:
		for _, ms := range f.MemberLists {
			for _, m := range ms {
				if m.UserID == seg[1] {
					v = map[string]any{"user_id": m.UserID, "email": m.Email, "name": m.Name, "picture": m.Picture}
				}
			}
		}
	case client.ViewInvitationJSON:
		for _, in := range f.Invites[seg[1]] {
			if in.ID == seg[3] {
				v = map[string]any{"id": in.ID, "organization_id": seg[1], "invitee": map[string]any{"email": in.Invitee},
					"inviter": map[string]any{"name": in.Inviter}, "expires_at": in.ExpiresAt, "roles": in.Roles}
			}
		}
	}
	if v == nil {
		return nil, notFound
	}
	return json.Marshal(v)
}
