package client

import (
	"context"

	"github.com/auth0/go-auth0/management"
)

// UserOrganizations are the organizations userID is a member of (GET
// /users/{id}/organizations, one call a page of 100).
func (c *auth0Client) UserOrganizations(ctx context.Context, userID string) ([]Organization, error) {
	var out []Organization
	for page := 0; ; page++ {
		l, err := c.m.User.Organizations(ctx, userID, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("read user organizations", err)
		}
		for _, o := range l.Organizations {
			out = append(out, orgFrom(o))
		}
		if !l.HasNext() || len(l.Organizations) == 0 {
			return out, nil
		}
	}
}
