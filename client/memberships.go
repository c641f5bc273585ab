package client

import "context"

// Membership is one of a person's organizations and their roles there.
type Membership struct {
	Org   Organization
	Roles []Role
}

// Memberships are a person's organizations (GET /users/{id}/organizations,
// a call a page) with their roles in each (one call each, where the token
// may read them): the cost grows with that person's organizations, not
// with the tenant.
func Memberships(ctx context.Context, cl Client, userID string) ([]Membership, error) {
	u, err := cl.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	withRoles := cl.Capabilities().Can(ReadMemberRoles).Allowed
	out := make([]Membership, len(u.Organizations))
	for i, o := range u.Organizations {
		out[i].Org = o
		if withRoles {
			if out[i].Roles, err = cl.MemberRoles(ctx, o.ID, userID); err != nil {
				return out[:i], err
			}
		}
	}
	return out, nil
}

// RoleNames are the roles' names.
func RoleNames(roles []Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = r.Name
	}
	return out
}
