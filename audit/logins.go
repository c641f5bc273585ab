package audit

import (
	"context"
)

// The login explainer's fixes, audited as every other change. They change
// what the tenant shares (a user, a connection's applications), so their
// lines name the organization the fix was made for, where the caller's
// Detail says (Detail.Org).

func (a audited) SetConnectionApp(ctx context.Context, connID, clientID string, enabled bool) error {
	action := "enable connection for application"
	if !enabled {
		action = "disable connection for application"
	}
	return a.single(ctx, action, detailOf(ctx).Org, connID+" "+clientID, func(ctx context.Context) error {
		return a.w.SetConnectionApp(ctx, connID, clientID, enabled)
	})
}

func (a audited) SetUserBlocked(ctx context.Context, userID string, blocked bool) error {
	action := "unblock user"
	if blocked {
		action = "block user"
	}
	return a.single(ctx, action, detailOf(ctx).Org, userID, func(ctx context.Context) error { return a.w.SetUserBlocked(ctx, userID, blocked) })
}

func (a audited) RemoveUserBlocks(ctx context.Context, userID string) error {
	return a.single(ctx, "remove brute-force blocks", detailOf(ctx).Org, userID, func(ctx context.Context) error { return a.w.RemoveUserBlocks(ctx, userID) })
}
