package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// handleKey gives a key to what has the focus: ctrl+c always quits; then
// the dialog, the full help, the jump line, a screen taking text; then the
// session's own keys; then the screen.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case m.dialog != nil:
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		return cmd
	case m.helpOpen:
		m.helpOpen = false
		return nil
	case m.jumping:
		return m.handleJump(msg)
	case m.top().Capturing():
		return m.toTop(msg)
	case key.Matches(msg, k.Close):
		if len(m.stack) == 1 {
			return m.quit()
		}
		m.footer.ClearInfo()
		return m.pop(common.PopMsg{})
	case key.Matches(msg, k.Help):
		m.helpOpen = true
		return nil
	case key.Matches(msg, k.Undo):
		return m.runUndo()
	case key.Matches(msg, k.Profile):
		return m.pickProfile()
	case key.Matches(msg, k.Activity):
		return dialog.Open(dialog.NewMenu(m.c, "Budget and this session's changes", activityItems(m.c, m.now())))
	case key.Matches(msg, k.Jump):
		m.jumping, m.recalled = true, 0
		m.jump.SetValue("")
		m.refreshSuggestions()
		return tea.Batch(m.jump.Focus(), m.askConnNames())
	}
	return m.toTop(msg)
}
