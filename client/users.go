package client

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
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

// MaxFound is how many people one search returns.
const MaxFound = 50

// FindUsers finds people by email or name: an email address exactly
// (GET /users-by-email), else a name or email containing the words
// (GET /users with q). One call; at most 50 people.
func (c *auth0Client) FindUsers(ctx context.Context, text string) ([]User, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	var found []*management.User
	if _, err := mail.ParseAddress(text); err == nil && !strings.ContainsAny(text, " *") {
		us, err := c.m.User.ListByEmail(ctx, text)
		if err != nil {
			return nil, c.classify("find users", err)
		}
		found = us
	} else {
		term := strings.ReplaceAll(text, `"`, "")
		q := fmt.Sprintf(`name:"*%s*" OR email:"*%s*"`, term, term)
		l, err := c.m.User.List(ctx, management.Query(q), management.Parameter("search_engine", "v3"), management.PerPage(MaxFound))
		if err != nil {
			return nil, c.classify("find users", err)
		}
		found = l.Users
	}
	out := make([]User, 0, len(found))
	for _, u := range found {
		out = append(out, User{UserID: u.GetID(), Name: u.GetName(), Email: u.GetEmail(), Blocked: u.GetBlocked()})
	}
	return out, nil
}
