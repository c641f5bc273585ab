package client

import (
	"context"
	"time"

	"github.com/auth0/go-auth0/management"
)

// User is a tenant user as the member detail shows them.
type User struct {
	UserID, Name, Email string
	Blocked             bool
	Identities          []Identity
	LastLogin           time.Time // zero when never, or not told
	Logins              int
	Organizations       []Organization // every organization they are a member of
}

// Identity is one of a user's logins: the connection and its provider.
type Identity struct{ Connection, Provider string }

// User reads a user (GET /users/{id}) and their organizations (GET
// /users/{id}/organizations): two calls, whatever the tenant's size.
func (c *auth0Client) User(ctx context.Context, id string) (User, error) {
	u, err := c.m.User.Read(ctx, id)
	if err != nil {
		return User{}, c.classify("read user", err)
	}
	out := User{UserID: u.GetID(), Name: u.GetName(), Email: u.GetEmail(), Blocked: u.GetBlocked(),
		LastLogin: u.GetLastLogin(), Logins: int(u.GetLoginsCount())}
	for _, i := range u.Identities {
		out.Identities = append(out.Identities, Identity{Connection: i.GetConnection(), Provider: i.GetProvider()})
	}
	for page := 0; ; page++ {
		l, err := c.m.User.Organizations(ctx, id, management.Page(page), management.PerPage(pageSize))
		if err != nil {
			return out, c.classify("read user organizations", err)
		}
		for _, o := range l.Organizations {
			out.Organizations = append(out.Organizations, orgFrom(o))
		}
		if !l.HasNext() || len(l.Organizations) == 0 {
			return out, nil
		}
	}
}
