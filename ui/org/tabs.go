package org

import (
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/activity"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/connections"
	"github.com/orgdash/orgdash/ui/domains"
	"github.com/orgdash/orgdash/ui/grants"
	"github.com/orgdash/orgdash/ui/groups"
	"github.com/orgdash/orgdash/ui/invitations"
	"github.com/orgdash/orgdash/ui/members"
	"github.com/orgdash/orgdash/ui/orgapps"
	"github.com/orgdash/orgdash/ui/orgroles"
)

// Tabs are an organization's tabs, in order. A new tab is a package with a
// Spec and one line here: the tab bar, its key, help and ":" follow.
func Tabs() []common.TabSpec {
	return []common.TabSpec{
		overviewSpec(),
		connections.Spec(),
		members.Spec(),
		invitations.Spec(),
		domains.Spec(),
		activity.Spec(),
		grants.Spec(),
		orgroles.Spec(),
		orgapps.Spec(),
		groups.Spec(),
	}
}

func overviewSpec() common.TabSpec {
	return common.TabSpec{Tab: common.Overview, Title: "Overview",
		Key: keymap.Named("overview"), New: common.MakePane(newOverview)}
}
