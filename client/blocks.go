package client

import (
	"context"

	"github.com/auth0/go-auth0/management"
)

// Block is a brute-force block Auth0 holds against a user: too many failed
// logins from one address (https://auth0.com/docs/secure/attack-protection/brute-force-protection).
type Block struct{ Identifier, IP string }

// UserBlocks are the brute-force blocks on a user (GET /user-blocks/{id}).
func (c *auth0Client) UserBlocks(ctx context.Context, userID string) ([]Block, error) {
	l, err := c.m.User.Blocks(ctx, userID)
	if err != nil {
		return nil, c.classify("read user blocks", err)
	}
	out := make([]Block, 0, len(l))
	for _, b := range l {
		out = append(out, Block{Identifier: b.GetIdentifier(), IP: b.GetIP()})
	}
	return out, nil
}

// ConnectionApps are the ids of the applications a connection is enabled
// for (GET /connections/{id}/clients, following its checkpoints); where the
// tenant lacks that route it reads the connection's enabled_clients.
func (c *auth0Client) ConnectionApps(ctx context.Context, connID string) ([]string, error) {
	var out []string
	for from := ""; ; {
		opts := []management.RequestOption{management.Take(pageSize)}
		if from != "" {
			opts = append(opts, management.From(from))
		}
		l, err := c.m.Connection.ReadEnabledClients(ctx, connID, opts...)
		if err != nil {
			e := c.classify("read connection applications", err)
			if KindOf(e) == NotFound && from == "" {
				return c.enabledClients(ctx, connID, e)
			}
			return out, e
		}
		if l == nil || l.Clients == nil {
			return out, nil
		}
		for _, a := range *l.Clients {
			out = append(out, a.GetClientID())
		}
		if l.Next == "" || len(*l.Clients) == 0 {
			return out, nil
		}
		from = l.Next
	}
}

// enabledClients reads the older enabled_clients of a connection; a
// connection that is itself missing keeps the first answer's error.
func (c *auth0Client) enabledClients(ctx context.Context, connID string, notFound error) ([]string, error) {
	conn, err := c.m.Connection.Read(ctx, connID, management.IncludeFields("id", "enabled_clients"))
	if err != nil {
		if KindOf(c.classify("read connection", err)) == NotFound {
			return nil, notFound
		}
		return nil, c.classify("read connection", err)
	}
	if conn.EnabledClients == nil {
		return nil, nil
	}
	return append([]string(nil), (*conn.EnabledClients)...), nil
}
