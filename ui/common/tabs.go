package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
)

// Tab names a tab of an organization's page as ":" takes it: "members".
type Tab string

// The tabs of an organization's page that other screens name (a change's
// news says which tab it touched).
const (
	Overview    Tab = "overview"
	Connections Tab = "connections"
	Members     Tab = "members"
	Invitations Tab = "invitations"
	Domains     Tab = "domains"  // discovery domains, where the tenant has them
	Activity    Tab = "activity" // what changed, from the audit and the tenant logs
)

// TabSpec is one tab of an organization's page. The page builds its tab
// bar, its keys, its help and the ":" names from a list of these, so a new
// tab is a package with a spec and one line in that list.
type TabSpec struct {
	Tab     Tab
	Title   string   // the label before any count: "Members"
	Aliases []string // more ":" names: "m"
	// Key is the binding that shows the tab, from the session's keys.
	Key func(*keymap.KeyMap) key.Binding
	// Eager tabs start when the page opens, so that their titles can show
	// counts; the others start when first shown.
	Eager bool
	New   func(*Common, client.Organization) Pane
}

// Counter is a pane whose count the page asks for when it opens, without
// starting the pane (Members: one call, not a page of members).
type Counter interface{ Count() tea.Cmd }

// MakePane is a TabSpec's New from a tab's own constructor: New:
// common.MakePane(New).
func MakePane[P Pane](newPane func(*Common, client.Organization) P) func(*Common, client.Organization) Pane {
	return func(c *Common, o client.Organization) Pane { return newPane(c, o) }
}
