package client

import (
	"context"
	"strings"
)

// Auth0 limits the Management API per endpoint group, each with a bucket
// of its own besides the global one (shared API.md, "Rate limits"). The
// client names the group of every request as the simulator and Auth0's
// 429 messages do, and keeps a budget for each.

// groupOf is the endpoint group of a request: "organization_members_read".
func groupOf(method, path string) string {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2"), "/"), "/")
	read := method == "GET" || method == "HEAD"
	rw := func(base string) string {
		if read {
			return base + "_read"
		}
		return base + "_write"
	}
	switch {
	case len(parts) == 0 || parts[0] == "":
		return "global"
	case parts[0] == "organizations" && len(parts) == 1:
		return rw("organizations")
	case parts[0] == "organizations" && len(parts) == 3 && parts[1] == "name":
		return "organization_by_name_read"
	case parts[0] == "organizations" && len(parts) == 2:
		if read {
			return "organization_read"
		}
		return "organizations_write"
	case parts[0] == "organizations" && len(parts) >= 5 && parts[2] == "members" && parts[4] == "roles":
		return rw("organization_member_roles")
	case parts[0] == "organizations" && parts[2] == "members":
		return rw("organization_members")
	case parts[0] == "organizations" && (parts[2] == "connections" || parts[2] == "enabled_connections"):
		return rw("organization_connections")
	case parts[0] == "organizations" && parts[2] == "invitations":
		return rw("organization_invitations")
	case parts[0] == "users" && len(parts) == 3 && parts[2] == "organizations":
		return "user_organizations_read"
	case parts[0] == "users":
		return rw("users")
	case parts[0] == "clients" && read:
		return "clients_read"
	case parts[0] == "connections" && read:
		return "connections_read"
	}
	return "global"
}

var bucketLabels = map[string]string{
	"global": "global", "organizations_read": "list orgs", "organization_read": "read org",
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

type backgroundKey struct{}

// Background marks calls made with ctx as background work (the rest of a
// list, verification polls, exports): they go after interactive calls and
// leave a reserve of each bucket for them.
func Background(ctx context.Context) context.Context {
	return context.WithValue(ctx, backgroundKey{}, true)
}

func isBackground(ctx context.Context) bool {
	b, _ := ctx.Value(backgroundKey{}).(bool)
	return b
}

// reserve is the share of a bucket background work leaves to interactive calls.
const reserve = 0.2
