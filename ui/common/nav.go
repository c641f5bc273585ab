package common

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
)

// BackMsg asks the root to close the top screen; at the root it does
// nothing (esc never quits: q does).
type BackMsg struct{}

// Back is a command for BackMsg.
func Back() tea.Msg { return BackMsg{} }

// GoneMsg says the organization a screen shows no longer exists.
type GoneMsg struct{ ID, Name string }

// JumpTabMsg asks the organization screen on top to show a tab.
type JumpTabMsg struct{ Tab Tab }

// Pane is a tab's content inside an organization's screen.
type Pane interface {
	Init() tea.Cmd
	Update(tea.Msg) (Pane, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Title is the tab's label, with a count once known: "Members (5,000)".
	Title() string
	Help() help.KeyMap
	Capturing() bool
}

// Hideable is a pane whose tab may be hidden: a feature the tenant lacks.
type Hideable interface{ Hidden() bool }

// Watcher is a pane that reads some of what it shows only while it is
// shown (Groups: the roles of the groups on screen). Its page tells it
// when its tab is shown and when another is.
type Watcher interface{ SetShown(shown bool) tea.Cmd }

// Gone reports whether err says the organization itself is gone (not one
// of its connections or members), and if so returns the message that closes
// its screen.
func Gone(err error, org client.Organization) (tea.Msg, bool) {
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.NotFound && strings.HasPrefix(e.Message, "No organization found") {
		return GoneMsg{ID: org.ID, Name: org.Name}, true
	}
	return nil, false
}

// OrgLabel names an organization for people: its name, with its display
// name when that says something more.
func OrgLabel(o client.Organization) string {
	if o.DisplayName == "" || o.DisplayName == o.Name {
		return Clean(o.Name)
	}
	return Clean(o.Name) + " (" + Clean(o.DisplayName) + ")"
}

// OpenOrgMsg opens an organization's screen above the organizations list,
// as ":org" does: from a screen that cannot import the org package.
type OpenOrgMsg struct{ Org client.Organization }
