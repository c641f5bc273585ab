package pace

import (
	"context"
	"strings"
)

type backgroundKey struct{}

// Background marks calls made with ctx as background work (the rest of a
// list, verification polls, exports): they go after interactive calls and
// leave a reserve of each bucket for them.
func Background(ctx context.Context) context.Context {
	return context.WithValue(ctx, backgroundKey{}, true)
}

// IsBackground reports whether ctx marks background work.
func IsBackground(ctx context.Context) bool {
	b, _ := ctx.Value(backgroundKey{}).(bool)
	return b
}

// reserve is the share of a bucket background work leaves to interactive calls.
const reserve = 0.2

var bucketLabels = map[string]string{
	"global": "global", "all_other_endpoints": "other endpoints",
	"organizations_read": "list orgs", "organization_read": "read org",
	"organization_by_name_read": "find org", "organizations_write": "write orgs",
	"organization_members_read": "read members", "organization_members_write": "write members",
	"organization_member_roles_read": "read roles", "organization_member_roles_write": "write roles",
	"organization_connections_read": "read connections", "organization_connections_write": "write connections",
	"organization_invitations_read": "read invitations", "organization_invitations_write": "write invitations",
	"user_organizations_read": "user orgs", "users_read": "read users", "users_write": "write users",
	"clients_read": "read clients", "connections_read": "tenant connections",
}

// BucketLabel names a bucket for people: "read members".
func BucketLabel(name string) string {
	if l, ok := bucketLabels[name]; ok {
		return l
	}
	return strings.ReplaceAll(name, "_", " ")
}
