package client

import (
	"context"
	"slices"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

// The writes the login explainer's fixes need beyond the organization's
// own: a connection's applications, a user's blocked flag and brute-force
// blocks. Each reads the tenant back after a lost answer, as the others do.

// BlockedUsers are the users Auth0 marks blocked: one user search
// (q=blocked:true), at most MaxFound.
// https://auth0.com/docs/manage-users/user-search/user-search-query-syntax
func (c *auth0Client) BlockedUsers(ctx context.Context) ([]User, error) {
	l, err := c.m.User.List(ctx, management.Query("blocked:true"), management.Parameter("search_engine", "v3"),
		management.PerPage(MaxFound))
	if err != nil {
		return nil, c.classify("find blocked users", err)
	}
	out := make([]User, 0, len(l.Users))
	for _, u := range l.Users {
		if u.GetBlocked() { // the search is Auth0's; the flag is checked here too
			out = append(out, User{UserID: u.GetID(), Name: u.GetName(), Email: u.GetEmail(), Blocked: true})
		}
	}
	return out, nil
}

// SetConnectionApp enables or disables a connection for one application
// (PATCH /connections/{id}/clients, a list of {client_id, status}); the
// other applications keep theirs.
func (c *auth0Client) SetConnectionApp(ctx context.Context, connID, clientID string, enabled bool) error {
	const op = "enable connection for application"
	body := []management.ConnectionEnabledClient{{ClientID: auth0.String(clientID), Status: auth0.Bool(enabled)}}
	err := c.classify(op, c.m.Connection.UpdateEnabledClients(ctx, connID, body))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		apps, err := c.ConnectionApps(ctx, connID)
		return err == nil && slices.Contains(apps, clientID) == enabled, err
	})
}

// SetUserBlocked sets a user's blocked flag (PATCH /users/{id}).
func (c *auth0Client) SetUserBlocked(ctx context.Context, userID string, blocked bool) error {
	const op = "block or unblock user"
	err := c.classify(op, c.m.User.Update(ctx, userID, &management.User{Blocked: auth0.Bool(blocked)}))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		u, err := c.m.User.Read(ctx, userID, management.IncludeFields("user_id", "blocked"))
		if err != nil {
			return false, c.classify("read user", err)
		}
		return u.GetBlocked() == blocked, nil
	})
}

// RemoveUserBlocks lifts every brute-force block on a user
// (DELETE /user-blocks/{id}).
// https://auth0.com/docs/secure/attack-protection/brute-force-protection
func (c *auth0Client) RemoveUserBlocks(ctx context.Context, userID string) error {
	const op = "remove brute-force blocks"
	err := c.classify(op, c.m.User.Unblock(ctx, userID))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		bs, err := c.UserBlocks(ctx, userID)
		return err == nil && len(bs) == 0, err
	})
}
