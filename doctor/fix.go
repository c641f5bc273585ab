package doctor

import (
	"context"
	"fmt"

	"github.com/orgdash/orgdash/client"
)

// FixKind is what a fix changes.
type FixKind string

// The changes a fix makes, and the ones that undo them.
const (
	EnableInOrg      FixKind = "enable-connection-in-organization"   // EnableConnection
	ReenableInOrg    FixKind = "re-enable-connection"                // SetConnectionEnabled(true)
	EditConnection   FixKind = "edit-connection-settings"            // UpdateConnection: show_as_button, assign_membership_on_login
	EnableForApp     FixKind = "enable-connection-for-application"   // SetConnectionApp(true)
	AddMember        FixKind = "add-member"                          // AddMembers
	RevokeInvitation FixKind = "revoke-invitation"                   // RevokeInvitation
	VerifyDomain     FixKind = "mark-domain-verified"                // UpdateDiscoveryDomain(verified)
	UnblockUser      FixKind = "unblock-user"                        // SetUserBlocked(false)
	RemoveBlocks     FixKind = "remove-brute-force-blocks"           // RemoveUserBlocks
	removeFromOrg    FixKind = "remove-connection-from-organization" // undoes EnableInOrg
	disableInOrg     FixKind = "disable-connection"                  // undoes ReenableInOrg
	disableForApp    FixKind = "disable-connection-for-application"  // undoes EnableForApp
	removeMember     FixKind = "remove-member"                       // undoes AddMember
	blockUser        FixKind = "block-user"                          // undoes UnblockUser
	domainPending    FixKind = "mark-domain-pending"                 // undoes VerifyDomain
)

// Fix is an ordinary change that mends a failed link or a finding: what
// it does, to what, and a label for people. Apply makes it; the caller
// confirms it first per the profile's protection, and the client's audit
// wrapper records it.
type Fix struct {
	Kind     FixKind `json:"kind"`
	Label    string  `json:"label"` // "Enable okta for the application Portal"
	OrgID    string  `json:"org_id,omitempty"`
	OrgName  string  `json:"org_name,omitempty"`
	ConnID   string  `json:"connection_id,omitempty"`
	ConnName string  `json:"connection_name,omitempty"`
	ClientID string  `json:"client_id,omitempty"` // the application
	UserID   string  `json:"user_id,omitempty"`
	UserName string  `json:"user_name,omitempty"` // the user's email, for the audit
	TargetID string  `json:"target_id,omitempty"` // the invitation or the discovery domain
	// Settings are what EnableInOrg and EditConnection set; Before what
	// EditConnection found, for its undo.
	Settings client.ConnectionSettings `json:"-"`
	Before   client.ConnectionSettings `json:"-"`
}

// Action is the capability the fix needs, for its scope and read-only.
func (f Fix) Action() client.Action {
	switch f.Kind {
	case EnableInOrg:
		return client.EnableConnection
	case ReenableInOrg, disableInOrg:
		return client.ToggleConnection
	case EditConnection:
		return client.EditConnection
	case EnableForApp, disableForApp:
		return client.EnableConnectionApp
	case AddMember:
		return client.AddMembers
	case removeMember:
		return client.RemoveMembers
	case RevokeInvitation:
		return client.RevokeInvitation
	case VerifyDomain, domainPending:
		return client.EditDomain
	case UnblockUser, blockUser:
		return client.BlockUser
	case RemoveBlocks:
		return client.RemoveUserBlocks
	case removeFromOrg:
		return client.RemoveConnection
	}
	panic("doctor: unknown fix " + string(f.Kind))
}

// Apply makes the change through cl.
func (f Fix) Apply(ctx context.Context, cl client.Client) error {
	var err error
	switch f.Kind {
	case EnableInOrg:
		_, err = cl.EnableConnection(ctx, f.OrgID, f.ConnID, f.Settings)
	case ReenableInOrg, disableInOrg:
		_, err = cl.SetConnectionEnabled(ctx, f.OrgID, f.ConnID, f.Kind == ReenableInOrg)
	case EditConnection:
		_, err = cl.UpdateConnection(ctx, f.OrgID, f.ConnID, f.Settings)
	case EnableForApp, disableForApp:
		err = cl.SetConnectionApp(ctx, f.ConnID, f.ClientID, f.Kind == EnableForApp)
	case AddMember:
		err = firstErr(cl.AddMembers(ctx, f.OrgID, []string{f.UserID}))
	case removeMember:
		err = firstErr(cl.RemoveMembers(ctx, f.OrgID, []string{f.UserID}))
	case RevokeInvitation:
		err = cl.RevokeInvitation(ctx, f.OrgID, f.TargetID)
	case VerifyDomain, domainPending:
		_, err = cl.UpdateDiscoveryDomain(ctx, f.OrgID, f.TargetID, f.Kind == VerifyDomain, true)
	case UnblockUser, blockUser:
		err = cl.SetUserBlocked(ctx, f.UserID, f.Kind == blockUser)
	case RemoveBlocks:
		err = cl.RemoveUserBlocks(ctx, f.UserID)
	case removeFromOrg:
		err = cl.RemoveConnection(ctx, f.OrgID, f.ConnID)
	default:
		err = fmt.Errorf("doctor: unknown fix %q", f.Kind)
	}
	return err
}

func firstErr(rs []client.MemberResult) error {
	for _, r := range rs {
		if r.Err != nil {
			return r.Err
		}
	}
	return nil
}

// Undo is the change that puts back what f changed, or nil where there is
// none (a revoked invitation, lifted brute-force blocks, an undo itself).
func (f Fix) Undo() *Fix {
	u := f
	switch f.Kind {
	case EnableInOrg:
		u.Kind, u.Label = removeFromOrg, "remove "+f.ConnName+" from "+f.OrgName+" again"
	case ReenableInOrg:
		u.Kind, u.Label = disableInOrg, "disable "+f.ConnName+" in "+f.OrgName+" again"
	case EditConnection:
		u.Settings, u.Before = f.Before, f.Settings
		u.Label = "put back the settings of " + f.ConnName + " in " + f.OrgName
		return &u // its own undo would be the fix again; it is offered once
	case EnableForApp:
		u.Kind, u.Label = disableForApp, "disable "+f.ConnName+" for the application again"
	case AddMember:
		u.Kind, u.Label = removeMember, "remove the member from "+f.OrgName+" again"
	case VerifyDomain:
		u.Kind, u.Label = domainPending, "mark the domain pending again"
	case UnblockUser:
		u.Kind, u.Label = blockUser, "block the user again"
	default:
		return nil
	}
	return &u
}
