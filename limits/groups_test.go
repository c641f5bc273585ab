package limits

import "testing"

func TestGroupOfRequests(t *testing.T) {
	for _, c := range []struct {
		method, path string
		want         Group
	}{
		{"GET", "/api/v2/organizations", OrgsRead},
		{"POST", "/api/v2/organizations", OrgsWrite},
		{"GET", "/api/v2/organizations/org_1", OrgByIDRead},
		{"PATCH", "/api/v2/organizations/org_1", OrgsWrite},
		{"DELETE", "/api/v2/organizations/org_1", OrgsWrite},
		{"GET", "/api/v2/organizations/name/acme", OrgByNameRead},
		{"GET", "/api/v2/organizations/org_1/members", OrgMembersRead},
		{"DELETE", "/api/v2/organizations/org_1/members", OrgMembersWrite},
		{"GET", "/api/v2/organizations/org_1/members/auth0|1/roles", OrgMemberRolesRead},
		{"POST", "/api/v2/organizations/org_1/members/auth0|1/roles", OrgMemberRolesWrite},
		{"GET", "/api/v2/organizations/org_1/enabled_connections", OrgConnectionsRead},
		{"PATCH", "/api/v2/organizations/org_1/connections/con_1", OrgConnectionsWrite},
		{"GET", "/api/v2/organizations/org_1/invitations", OrgInvitationsRead},
		{"GET", "/api/v2/users/auth0|1/organizations", UserOrganizationsRead},
		{"GET", "/api/v2/users", UsersRead},
		{"GET", "/api/v2/clients", ClientsRead},
		{"GET", "/api/v2/connections", ConnectionsRead},
		{"GET", "/api/v2/roles", NoGroup},
		{"GET", "/api/v2/logs", LogsRead},
		{"GET", "/api/v2/logs/90020261202", LogsRead},
		{"GET", "/api/v2/user-blocks/auth0|1", NoGroup},
	} {
		if got := GroupOf(c.method, c.path); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, got, c.want)
		}
	}
}
