// Package ui is the dashboard's root: a stack of screens under a header and
// above a footer, with the full help and the ":" jump line. The same New
// serves a local terminal and every SSH session, each with its own Common.
package ui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/footer"
	"github.com/orgdash/orgdash/ui/orgs"
	"github.com/orgdash/orgdash/ui/table"
)

// The smallest terminal the dashboard draws in.
const minWidth, minHeight = 50, 12

// Model is the root model.
type Model struct {
	c         *common.Common
	stack     []common.Screen
	dialog    dialog.Dialog // at most one, over the screen
	footer    footer.Model
	width     int
	height    int
	helpOpen  bool
	jumping   bool
	jump      textinput.Model
	tab       jumpTab   // what tab on the jump line completes from
	history   []string  // earlier jump lines, the newest last
	recalled  int       // how far back ↑ has gone; 0 at the line being typed
	connNames []string  // the tenant's connections, for ":connection NAME" to complete
	connAsked bool      // they have been asked for
	ticking   bool      // a countdown tick is pending
	refreshAt time.Time // when the auto-refresh next reloads the shown screen
	undo      *undoOffer
	stopping  bool // told to stop: waiting for changes already sent
	now       func() time.Time
	waiting   *chain    // the dialog-opening key the input waits for (see input)
	held      []tea.Msg // keys and pastes typed meanwhile, in order
	fits      fitMemo   // the lines of the last frames that fit the width
}

// New builds the root for one session, starting on the organizations screen.
func New(c *common.Common) *Model {
	in := textinput.New()
	in.Prompt = ":"
	in.Placeholder = jumpHint()
	in.KeyMap.Paste.SetEnabled(false)
	in.ShowSuggestions = true // tab completes a name or a command
	in.KeyMap.NextSuggestion = key.NewBinding(key.WithKeys("ctrl+n"))
	in.KeyMap.PrevSuggestion = key.NewBinding(key.WithKeys("ctrl+p")) // ↑/↓ recall earlier jumps
	return &Model{c: c, stack: []common.Screen{orgs.New(c)}, footer: footer.New(c.Ctx), jump: in, now: time.Now}
}

// NoColor reports whether the environment asks for no colour (NO_COLOR).
func NoColor(environ []string) bool {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

// DefaultStyles are the styles before the terminal reports its background.
func DefaultStyles() *theme.Styles { return theme.New(true, NoColor(os.Environ())) }

func (m *Model) top() common.Screen { return m.stack[len(m.stack)-1] }

// Init starts the first screen, the budget watch, and asks the terminal's background.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.top().Init(), watchBudget(m.c, 0), watchChanges(m.c, 0), m.autoRefresh(), tea.RequestBackgroundColor)
}

// Update routes one message: input to the focused target, everything else to all.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.own(msg); ok {
		return m, cmd
	}
	return m, m.broadcast(msg)
}

// own handles the messages the root itself acts on (input among them); it
// reports false for the others, the screens' own, which go to all.
func (m *Model) own(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.layout()
		return nil, true
	case tea.BackgroundColorMsg:
		if !m.c.Styles.Fixed {
			*m.c.Styles = *theme.New(msg.IsDark(), m.c.Styles.NoColor)
		}
		return nil, true
	case budgetMsg:
		return m.onBudget(msg), true
	case countdownMsg:
		m.ticking = false
		return m.countdown(), true
	case common.StatusMsg:
		return m.footer.SetStatus(msg), true
	case common.UndoMsg:
		return m.offerUndo(msg), true
	case common.ChangeMsg:
		return m.startChange(msg), true
	case common.OutcomeMsg:
		return tea.Batch(m.applyOutcome(msg.Outcome), m.stopIfDone()), true
	case StopMsg:
		return m.stop(msg), true
	case stopWaitedMsg:
		return tea.Quit, true
	case common.PushMsg:
		m.footer.ClearInfo()
		m.stack = append(m.stack, msg.Screen)
		m.layout()
		return msg.Screen.Init(), true
	case common.PopMsg:
		return m.pop(msg), true
	case common.BackMsg:
		m.footer.ClearInfo()
		return m.pop(common.PopMsg{}), true
	case dialog.OpenMsg:
		return m.openDialog(msg, nil), true
	case dialog.DoneMsg:
		m.dialog = nil
		return msg.Then, true
	case changesMsg:
		return m.onChanges(msg), true
	case refreshTickMsg:
		return m.onRefreshTick(), true
	case common.OpenOrgMsg:
		return m.onJumped(jumpedMsg{name: msg.Org.Name, org: msg.Org}), true
	case jumpedMsg:
		return m.onJumped(msg), true
	case foundConnMsg:
		return m.onFoundConn(msg), true
	case connNamesMsg:
		return m.onConnNames(msg), true
	case switchedMsg:
		return m.onSwitched(msg), true
	case tracedMsg:
		return m.onTraced(msg), true
	case openingMsg:
		return m.onOpeningTimer(msg), true
	case tea.KeyPressMsg, tea.PasteMsg:
		return m.input(msg), true
	case tea.MouseMsg:
		if m.waiting != nil {
			return nil, true // aimed at a screen about to be covered
		}
		return m.pointer(msg), true
	}
	return nil, false
}

// pointer routes the mouse and pastes: to the open dialog (never the
// screen behind it), else to the screen, a click counted from its top.
func (m *Model) pointer(msg tea.Msg) tea.Cmd {
	switch {
	case m.dialog != nil:
		return m.toDialog(msg)
	case m.helpOpen || m.jumping:
		if _, ok := msg.(tea.PasteMsg); !ok {
			return nil
		}
	}
	if c, ok := msg.(tea.MouseClickMsg); ok {
		c.Y -= m.headerHeight() // screens count from the top of the body
		if c.Y < 0 || c.Y >= m.bodyHeight() {
			return nil
		}
		msg = c
	}
	return m.toTop(msg)
}

// toDialog gives the open dialog an input message, a mouse position
// counted from the dialog box's top left.
func (m *Model) toDialog(msg tea.Msg) tea.Cmd {
	box := m.dialog.View()
	x, y := max((m.width-lipgloss.Width(box))/2, 0), max((m.height-lipgloss.Height(box))/2, 0) // as overlay places it
	switch mm := msg.(type) {
	case tea.MouseClickMsg:
		mm.X, mm.Y = mm.X-x, mm.Y-y
		msg = mm
	case tea.MouseWheelMsg:
		mm.X, mm.Y = mm.X-x, mm.Y-y
		msg = mm
	}
	var cmd tea.Cmd
	m.dialog, cmd = m.dialog.Update(msg)
	return cmd
}

// broadcast gives msg to the footer, the dialog and every screen.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	m.footer.Update(msg)
	cmds := make([]tea.Cmd, len(m.stack), len(m.stack)+1)
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		cmds = append(cmds, cmd)
	}
	for i, s := range m.stack {
		m.stack[i], cmds[i] = s.Update(msg)
	}
	return tea.Batch(cmds...)
}

func (m *Model) toTop(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.stack[len(m.stack)-1], cmd = m.top().Update(msg)
	return cmd
}

// pop closes the top screen; at the root it does nothing.
func (m *Model) pop(msg common.PopMsg) tea.Cmd {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
	m.layout()
	var cmds []tea.Cmd
	if msg.Refresh {
		cmds = append(cmds, m.toTop(common.RefreshMsg{}))
	}
	if msg.Status != "" {
		cmds = append(cmds, m.footer.SetStatus(common.StatusMsg{Text: msg.Status, Level: common.Warning}))
	}
	return tea.Batch(cmds...)
}

// help is what has the focus: the dialog's keys, else the screen's (which
// are its filter's while the filter is being edited).
func (m *Model) help() help.KeyMap {
	if m.dialog != nil {
		return m.dialog.Help()
	}
	return m.top().Help()
}

// activityItems lists every rate-limit bucket with its state, then the
// session's changes, newest first.
func activityItems(c *common.Common, now time.Time) []dialog.Item {
	es := c.Activity.Entries()
	var items []dialog.Item
	for _, line := range footer.Buckets(c.Client.Tracker().Snapshot(), now) {
		items = append(items, dialog.Item{Label: "budget  " + line})
	}
	for i, shown := len(es)-1, 0; i >= 0 && shown < 15; i, shown = i-1, shown+1 {
		e := es[i]
		what := e.Action
		if n := len(e.Targets); n > 1 {
			what += fmt.Sprintf(" (%d)", n)
		}
		items = append(items, dialog.Item{Label: e.Time.Local().Format("15:04:05") + " " + common.Clean(what) + " · " + e.Outcome,
			Then: entryDetail(c, e)})
	}
	return items
}

// quit ends the session, asking first while changes are in flight.
func (m *Model) quit() tea.Cmd {
	n := m.c.Pending()
	if n == 0 || m.dialog != nil {
		return tea.Quit
	}
	return dialog.Open(dialog.NewConfirm(m.c, "Quit with changes in flight?",
		fmt.Sprintf("%s still running (a change across organizations may not have sent all its calls yet). Quitting now sends nothing more: what was not sent is cancelled; what was sent is read back (10 s at most) and the audit log records what the tenant shows, or unverified when it cannot tell (orgdash audit reconcile settles those later).", table.Plural(n, "change")+map[bool]string{true: " is", false: " are"}[n == 1]),
		"Quit", tea.Quit))
}

// layout gives the top screen the room between header and footer.
func (m *Model) layout() {
	m.footer.SetWidth(m.width)
	if h := m.bodyHeight(); h > 0 {
		m.top().SetSize(m.width, h)
	}
}

func (m *Model) bodyHeight() int {
	return m.height - m.headerHeight() - m.footer.Height()
}
