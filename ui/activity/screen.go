package activity

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
)

// Screen is the tenant's activity as a screen of its own (":activity"):
// every organization's changes, memberships and logins.
type Screen struct{ *Model }

var _ common.Screen = (*Screen)(nil)

// NewScreen makes the tenant's activity screen.
func NewScreen(c *common.Common) *Screen { return &Screen{Model: New(c, client.Organization{})} }

// Update is the timeline's.
func (s *Screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	_, cmd := s.Model.Update(msg)
	return s, cmd
}

// Crumb names the screen.
func (s *Screen) Crumb() string { return "activity (every organization)" }
