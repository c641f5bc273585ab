package dialog

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// Guard asks before a removal or toggle: y/N normally, the organization's
// name typed out when the profile is protected.
func Guard(c *common.Common, title, body, action, orgName string, then tea.Cmd) tea.Cmd {
	if c.Protected {
		return Open(NewTypeName(c, title, body+"\n\nThis profile is protected: every removal and toggle needs the organization's name.", orgName, action, then))
	}
	return Open(NewConfirm(c, title, body, action, then))
}
