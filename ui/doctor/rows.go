package doctor

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
)

// rowKeys is what the checkup and the explainer do alike with a key: move
// the cursor over their n rows, r walks again (reread), back; any other
// key goes to the screen's action table, made after the move.
func rowKeys(c *common.Common, msg tea.KeyPressMsg, cursor *int, n int, reread func() tea.Cmd, actions func() common.Actions) tea.Cmd {
	k := c.Keys
	switch {
	case key.Matches(msg, k.Up):
		*cursor = max(0, *cursor-1)
	case key.Matches(msg, k.Down):
		*cursor = max(0, min(n-1, *cursor+1))
	case key.Matches(msg, k.Refresh):
		return reread()
	case key.Matches(msg, k.Back):
		return common.Back
	}
	cmd, _ := actions().Handle(c, msg)
	return cmd
}

// rowHelp is the help of such a screen: its actions, the moves, refresh
// and back.
func rowHelp(c *common.Common, actions common.Actions) help.KeyMap {
	k := c.Keys
	keys := append(actions.Bindings(c), k.Up, k.Down, k.Refresh, k.Back)
	return common.HelpMap{Short: keys, Full: [][]key.Binding{keys}}
}
