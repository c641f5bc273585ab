package clienttest

import (
	"context"

	"github.com/orgdash/orgdash/client"
)

// UserOrganizations are the organizations whose member lists hold userID.
func (f *Fake) UserOrganizations(ctx context.Context, userID string) ([]client.Organization, error) {
	u, err := f.User(ctx, userID)
	return u.Organizations, err
}
