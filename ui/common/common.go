// Package common is what every screen of the dashboard shares: the
// per-session dependency bundle, the screen interface, navigation messages,
// and helpers to show untrusted text and errors safely.
package common

import (
	"context"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/theme"
)

// Common is one session's dependencies. Nothing in the dashboard is
// package-level: over SSH every session builds its own.
type Common struct {
	Ctx     context.Context // ends with the session: cancels its calls
	Client  client.Client
	Keys    *keymap.KeyMap
	Styles  *theme.Styles
	Profile string // the profile's name, shown in the header
	// Width and Height are the terminal's, for dialogs to fit (0 until known).
	Width, Height int
	// Changes is the server's news of changes, shared by its sessions
	// (nil outside a server); Session tells this one from the others.
	Changes *Changes
	Session int
	// Refresh reloads the shown list this often when the user is not in
	// the middle of something there (0: never).
	Refresh time.Duration
	// Protected asks for the organization's name before every removal or toggle.
	Protected bool
	// Profiles are the profiles T can switch to as they are when it is
	// pressed, ProfileLabels how the picker shows them (domain,
	// protection); Switch makes the switch.
	Profiles      func() []string
	ProfileLabels map[string]string
	Switch        func(name string) (Tenancy, error)
	// Activity is this session's changes and how they ended, for the @ panel.
	Activity *audit.Activity
	// History is where the Activity tab reads a tenant's activity: the
	// audit log, the archive, the live events (nil: the tenant logs alone).
	History func(client.Client) activity.Source

	// OrgTabs, when set, are the tabs an organization's page is made of
	// in place of the dashboard's (org.Tabs): a test's tab goes through
	// the page as a real one would.
	OrgTabs []TabSpec

	// StopSending, when set, stops the session sending anything new (see
	// pace.WithStop on Ctx): called once when the session is told to stop.
	StopSending func()

	// Memo keeps results past the screens that made them, for this session.
	Memo Memo

	ids     atomic.Int64
	pending atomic.Int64 // changes started and not yet ended
	opening atomic.Bool  // the key being handled opens a dialog (see Opening)
}

// Pending is how many changes await their outcome (see Run); quitting
// asks first while any is. Safe from any goroutine.
func (c *Common) Pending() int { return int(c.pending.Load()) }

// Tenancy is what a profile switch changes.
type Tenancy struct {
	Client    client.Client
	Profile   string
	Protected bool
}

// NextID hands out ids unique within the session, for async results and
// timers to find their way back.
func (c *Common) NextID() int { return int(c.ids.Add(1)) }

// Screen is one screen of the stack (organizations, an organization).
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Crumb is this screen's part of the breadcrumb.
	Crumb() string
	// Help is what the footer and the full help show for this screen now.
	Help() help.KeyMap
	// Capturing reports whether the screen is taking text input (a filter),
	// so global keys such as q and ? must reach it instead.
	Capturing() bool
}

// PushMsg opens a screen on top of the stack.
type PushMsg struct{ Screen Screen }

// PopMsg closes the top screen; the screen below refreshes when Refresh is
// set, and Status is shown.
type PopMsg struct {
	Refresh bool
	Status  string
}

// RefreshMsg asks the screen it reaches to load its data again. Auto: the
// auto-refresh interval asks, not the user: a screen where the user is in
// the middle of something (marks, a change in flight) lets it pass.
type RefreshMsg struct{ Auto bool }

// CountedMsg is a count the tenant gave in one call, for every pane that
// shows it: Scope names what was counted ("members:org_1").
type CountedMsg struct {
	Scope string
	N     int
	Err   error
}

// Level is how a status line reads.
type Level int

// The status levels.
const (
	Info Level = iota
	Success
	Warning
	Failure
)

// StatusMsg shows a line in the footer that clears itself.
type StatusMsg struct {
	Text  string
	Level Level
}

// Status returns a command that shows text in the footer.
func Status(level Level, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Level: level} }
}

// Push returns a command that opens s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// HelpMap is a help.KeyMap from a short list and full groups. Disabled
// bindings are left out by the help view, so help never offers what is
// unavailable.
type HelpMap struct {
	Short []key.Binding
	Full  [][]key.Binding
}

// ShortHelp is the footer's line.
func (h HelpMap) ShortHelp() []key.Binding { return h.Short }

// FullHelp is the ? overlay's columns.
func (h HelpMap) FullHelp() [][]key.Binding { return h.Full }

// ActivitySource is where the Activity tab reads the tenant's activity.
func (c *Common) ActivitySource() activity.Source {
	if c.History == nil {
		return activity.Source{Client: c.Client}
	}
	return c.History(c.Client)
}
