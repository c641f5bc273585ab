package limits

// Per-request caps.
const (
	// MaxIDsPerRequest is Auth0's cap on user ids in one POST or DELETE
	// /organizations/{id}/members: "You can add/remove up to 10 members at a
	// time" (the assign-members and remove-members guides under
	// auth0.com/docs/manage-users/organizations/configure-organizations, in
	// English, French and Japanese). The OpenAPI spec sets only minItems 1.
	MaxIDsPerRequest = 10
	// MaxPerPage is the largest page the list endpoints return (per_page or take).
	MaxPerPage = 100
)

// Entity limits (auth0.com/docs/troubleshoot/customer-support/operational-policies/entity-limit-policy).
const (
	MaxOrgs           = 100000 // organizations per tenant
	MaxMembers        = 100000 // members per organization (more on request)
	MaxMemberRoles    = 50     // roles one member may hold in one organization
	MaxOrgConnections = 10     // connections one organization may have
	MaxOrgDomains     = 100    // discovery domains one organization may have
)
