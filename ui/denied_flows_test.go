package ui

import (
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// A list the token may not read says so in the list, naming the scope,
// never that it is empty: invitations, connections, discovery domains, and
// members' roles.
func TestFlowListsSayWhatTheTokenCannotRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		tn.AddClient("viewer", "viewer-secret", []string{"read:organizations", "read:organization_members"})
		f := startFlow(t, tn, "viewer", "viewer-secret")
		f.want("3 organizations")
		f.press("enter", "3")
		f.wait("Members (5)", "1 of 5")
		f.want("— unknown", "ROLES unknown: needs read:organization_member_roles")
		f.press("4")
		f.wait("cannot list invitations: the token lacks read:organization_invitations")
		f.wantNot("no pending invitations")
		f.press("2")
		f.wait("cannot list connections: the token lacks read:organization_connections")
		f.wantNot("no connections enabled")
		f.press("5")
		f.wait("cannot list discovery domains: the token lacks read:organization_discovery_domains")
		f.wantNot("no discovery domains")
	})
}

// Without read:organization_members the Overview's count and the Members
// tab both say the token lacks it, not "unknown" or "no members".
func TestFlowMembersUnreadableSaySo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
		tn.AddClient("orgs-only", "orgs-secret", []string{"read:organizations"})
		f := startFlow(t, tn, "orgs-only", "orgs-secret")
		f.want("3 organizations")
		f.press("enter")
		f.wait("unknown: the token lacks read:organization_members")
		f.press("3")
		f.wait("cannot list members: the token lacks read:organization_members")
		f.wantNot("no members")
	})
}
