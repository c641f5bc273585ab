package limits

import (
	"net/url"
	"strings"
)

// GroupOfURL is the endpoint group of a request to u: it reads the raw,
// still escaped path, so a user id holding an escaped "/"
// ("oidc|partner-oidc%2Fabc") stays one segment and the request lands in
// its endpoint's bucket.
func GroupOfURL(method string, u *url.URL) Group {
	return GroupOf(method, u.EscapedPath())
}

// GroupOf is the endpoint group of a request ("GET", "/api/v2/organizations/org_1/members"),
// or NoGroup for an endpoint no plan lists. path is the escaped path as
// sent on the wire (url.URL.EscapedPath), never the decoded one: a decoded
// "/" inside an id would split it into two segments.
func GroupOf(method, path string) Group {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(path, "/api/v2"), "/"), "/")
	read := method == "GET" || method == "HEAD"
	pick := func(r, w Group) Group {
		if read {
			return r
		}
		return w
	}
	sub := func(i int) string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	switch parts[0] {
	case "organizations":
		switch {
		case len(parts) == 1:
			return pick(OrgsRead, OrgsWrite)
		case len(parts) == 3 && parts[1] == "name" && read:
			return OrgByNameRead
		case len(parts) == 2:
			return pick(OrgByIDRead, OrgsWrite)
		case sub(2) == "members" && sub(4) == "roles":
			return pick(OrgMemberRolesRead, OrgMemberRolesWrite)
		case sub(2) == "members":
			return pick(OrgMembersRead, OrgMembersWrite)
		case sub(2) == "connections" || sub(2) == "enabled_connections":
			return pick(OrgConnectionsRead, OrgConnectionsWrite)
		case sub(2) == "invitations":
			return pick(OrgInvitationsRead, OrgInvitationsWrite)
		case sub(2) == "client-grants":
			return pick(OrgClientGrantsRead, OrgClientGrantsWrite)
		}
	case "users":
		if len(parts) == 3 && parts[2] == "organizations" && read {
			return UserOrganizationsRead
		}
		return pick(UsersRead, UsersWrite)
	case "clients":
		if read {
			return ClientsRead
		}
	case "connections":
		if read {
			return ConnectionsRead
		}
	case "logs":
		if read {
			return LogsRead
		}
	}
	return NoGroup
}
