package limits

import (
	"net/url"
	"testing"
)

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
		{"GET", "/api/v2/organizations/org_1/client-grants", OrgClientGrantsRead},
		{"POST", "/api/v2/organizations/org_1/client-grants", OrgClientGrantsWrite},
		{"DELETE", "/api/v2/organizations/org_1/client-grants/cgr_1", OrgClientGrantsWrite},
	} {
		if got := GroupOf(c.method, c.path); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, got, c.want)
		}
	}
}

// A user id with a "/" (an OIDC connection's subject) is escaped on the
// wire; its member-roles request must not fall into the members bucket.
func TestGroupOfReadsTheEscapedPath(t *testing.T) {
	u, err := url.Parse("https://t.example/api/v2/organizations/org_1/members/oidc%7Cpartner-oidc%2Fab12/roles")
	if err != nil {
		t.Fatal(err)
	}
	for method, want := range map[string]Group{"GET": OrgMemberRolesRead, "POST": OrgMemberRolesWrite, "DELETE": OrgMemberRolesWrite} {
		if got := GroupOfURL(method, u); got != want {
			t.Errorf("%s %s: %q, want %q", method, u.EscapedPath(), got, want)
		}
	}
	if got := GroupOf("GET", u.Path); got == OrgMemberRolesRead {
		t.Errorf("the decoded path %s should split the id (that is the bug GroupOfURL avoids), got %q", u.Path, got)
	}
}
