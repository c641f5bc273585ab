package clienttest

// The fake's login side: applications, which connections each may use,
// blocked users and brute-force blocks, and log events, all settable by
// tests; the defaults are one application using every connection.

import (
	"context"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// Logins is the login side of the fake tenant. Nil fields keep the
// defaults: one first-party application "app_1" that allows organizations
// and may use every connection, nobody blocked, no log events.
type Logins struct {
	Apps     []client.Application
	ConnApps map[string][]string       // connection id → application ids
	Users    map[string]client.User    // user id → user (with identities)
	Blocks   map[string][]client.Block // user id → brute-force blocks
	Events   []client.LogEvent         // newest first
	Domains  map[string][]client.DiscoveryDomain
}

func (f *Fake) apps() []client.Application {
	if f.Login.Apps != nil {
		return slices.Clone(f.Login.Apps)
	}
	return []client.Application{{ID: "app_1", Name: "Portal", AppType: "regular_web", OrgUsage: "allow", FirstParty: true}}
}

func (f *Fake) Applications(context.Context) ([]client.Application, error) {
	if err := f.fail("list applications"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.apps(), nil
}

// ConnectionApps are the applications set for the connection, or every
// application when none are set.
func (f *Fake) ConnectionApps(_ context.Context, connID string) ([]string, error) {
	if err := f.fail("read connection applications"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if ids, ok := f.Login.ConnApps[connID]; ok {
		return slices.Clone(ids), nil
	}
	var ids []string
	for _, a := range f.apps() {
		ids = append(ids, a.ID)
	}
	return ids, nil
}

func (f *Fake) SetConnectionApp(_ context.Context, connID, clientID string, enabled bool) error {
	if err := f.fail("enable connection for application"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Login.ConnApps == nil {
		f.Login.ConnApps = map[string][]string{}
	}
	ids := slices.DeleteFunc(slices.Clone(f.Login.ConnApps[connID]), func(id string) bool { return id == clientID })
	if enabled {
		ids = append(ids, clientID)
	}
	f.Login.ConnApps[connID] = ids
	return nil
}

func (f *Fake) UserBlocks(_ context.Context, userID string) ([]client.Block, error) {
	if err := f.fail("read user blocks"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.Login.Blocks[userID]), nil
}

func (f *Fake) RemoveUserBlocks(_ context.Context, userID string) error {
	if err := f.fail("remove brute-force blocks"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.Login.Blocks, userID)
	return nil
}

func (f *Fake) BlockedUsers(context.Context) ([]client.User, error) {
	if err := f.fail("find blocked users"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.User
	for _, u := range f.Login.Users {
		if u.Blocked {
			out = append(out, client.User{UserID: u.UserID, Name: u.Name, Email: u.Email, Blocked: true})
		}
	}
	slices.SortFunc(out, func(a, b client.User) int { return strings.Compare(a.UserID, b.UserID) })
	return out, nil
}

func (f *Fake) SetUserBlocked(_ context.Context, userID string, blocked bool) error {
	if err := f.fail("block or unblock user"); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.Login.Users[userID]
	if !ok {
		return &client.Error{Kind: client.NotFound, Op: "block or unblock user", Status: 404, Message: "The user does not exist."}
	}
	u.Blocked = blocked
	f.Login.Users[userID] = u
	return nil
}

// Logs are the set events that q selects, newest first.
func (f *Fake) Logs(_ context.Context, q client.LogQuery) ([]client.LogEvent, error) {
	if err := f.fail("read logs"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.LogEvent
	for _, e := range f.Login.Events {
		if (q.UserID == "" || e.UserID == q.UserID) && (q.OrgID == "" || e.OrgID == q.OrgID) &&
			(q.ClientID == "" || e.ClientID == q.ClientID) && (len(q.Types) == 0 || slices.Contains(q.Types, e.Type)) &&
			(q.Since.IsZero() || !e.Date.Before(q.Since)) {
			out = append(out, e)
		}
	}
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}
