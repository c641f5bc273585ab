package dialog

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// One confirmation policy, the same for every change to the tenant:
//   - on a protected profile, the organization's name is typed out for
//     every change (toggle, edit, enable, remove, delete);
//   - elsewhere a y/N dialog, Cancel focused, asks first;
//   - removing more than BulkTyped members, or every member of an
//     organization, asks for the count typed out on any profile.

// BulkTyped is the most members a removal takes with y/N alone.
const BulkTyped = 50

// Guard asks before a change: y/N normally, the organization's name typed
// out when the profile is protected. action names the change ("Remove").
func Guard(c *common.Common, title, body, action, orgName string, then tea.Cmd) tea.Cmd {
	if c.Protected {
		return Open(NewTypeName(c, title, body+"\n\nThis profile is protected: every change needs the organization's name.", orgName, action, then))
	}
	return Open(NewConfirm(c, title, body, action, then))
}

// GuardBulk asks before a change of n targets: as Guard, but past
// BulkTyped, or when the targets are all there are, the count must be
// typed out (the organization's name on a protected profile).
func GuardBulk(c *common.Common, title, body, action, orgName string, n int, all bool, then tea.Cmd) tea.Cmd {
	if c.Protected || (n <= BulkTyped && !all) {
		return Guard(c, title, body, action, orgName, then)
	}
	why := "This removes more than " + strconv.Itoa(BulkTyped) + " members: type their number to confirm."
	if all {
		why = "This removes every member of the organization: type their number to confirm."
	}
	return Open(NewTypeName(c, title, body+"\n\n"+why, strconv.Itoa(n), action, then))
}
