package ui

import (
	"fmt"
	"reflect"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// Keys typed after a key that opens a dialog belong to that dialog. A
// dialog opens through a command (dialog.Open, maybe after a read), which
// Bubble Tea runs on a goroutine, so keys already typed (a burst over SSH,
// a paste, a fast typist) would reach the screen behind it first: e then
// tab switched tabs under the edit form, e then z undid a change.
//
// So whatever opens a dialog marks the session while the key is handled
// (common.Common.Opening), and the root, reading the mark as soon as the
// key has been handed on, traces the key's command: every message it
// leads to comes back marked, and so do the commands of the screens that
// go on with it (a read's answer that opens the picker). Until a dialog
// opens, or the trace ends without one (the read failed), further keys
// are held; then they are replayed, in order, to what has the focus.
// Keys after any other key are never held. Only the awaited dialog gets
// them: another opening first gives it up (see openDialog).
//
// Meanwhile ctrl+c still quits and esc gives the dialog up: it will not
// open when its read comes back, and the keys held are dropped. After
// openNotice the status line says what the keys wait for; after
// openCeiling (a tenant out of budget, where the client may wait a minute
// for a read) the dialog is given up as esc would, so the keys typed next
// never wait longer, and a dialog never pops up long after, over whatever
// the user went on to do.

const (
	// openNotice is how long keys wait before the status line says why.
	openNotice = time.Second
	// openCeiling is the longest keys wait for a dialog.
	openCeiling = 15 * time.Second
	// openHops is how many times a screen may go on with a chain (a read's
	// answer, then the dialog): a screen's ticking spinner ends it there.
	openHops = 3
)

// chain is the work one dialog-opening key started: the commands that
// came of it and have not answered yet.
type chain struct {
	left      atomic.Int64 // traced commands not yet handled (their goroutines count too)
	cancelled bool         // given up: a dialog it opens is dropped (UI goroutine only)
	id        int          // for its timers
	key       string       // the key that started it, for the status line
}

// tracedMsg is a message from one of a chain's commands, hop screens
// on from the key.
type tracedMsg struct {
	chain *chain
	hop   int
	msg   tea.Msg
}

// openingMsg is a chain's timer: its notice, or its ceiling when last.
type openingMsg struct {
	id   int
	last bool
}

// trace is cmd with its message marked as ch's; a batch or sequence it
// returns stays one (Bubble Tea runs it as usual), its commands traced.
func (ch *chain) trace(cmd tea.Cmd, hop int) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if cmds, ok := msg.(tea.BatchMsg); ok {
			if out := ch.traceAll(cmds, hop); out != nil {
				return tea.BatchMsg(out)
			}
			return tracedMsg{chain: ch, hop: hop}
		}
		if v := reflect.ValueOf(msg); isSequence(v) {
			cmds := make([]tea.Cmd, v.Len())
			for i := range cmds {
				cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
			}
			if out := ch.traceAll(cmds, hop); out != nil {
				seq := reflect.MakeSlice(v.Type(), len(out), len(out))
				for i, c := range out {
					seq.Index(i).Set(reflect.ValueOf(c))
				}
				return seq.Interface()
			}
			return tracedMsg{chain: ch, hop: hop}
		}
		return tracedMsg{chain: ch, hop: hop, msg: msg}
	}
}

// traceAll traces cmds in place of the one command that returned them,
// counting them before any can answer; nil when there are none.
func (ch *chain) traceAll(cmds []tea.Cmd, hop int) []tea.Cmd {
	var out []tea.Cmd
	for _, c := range cmds {
		if c != nil {
			out = append(out, ch.trace(c, hop))
		}
	}
	if len(out) > 0 {
		ch.left.Add(int64(len(out)) - 1)
	}
	return out
}

// isSequence recognises tea.Sequence's message, whose type is unexported.
func isSequence(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) &&
		v.Type() != reflect.TypeOf(tea.BatchMsg(nil))
}

// input takes a key or a paste: held while a dialog is on its way, else
// handed to the focus; a key that opens a dialog starts the wait.
func (m *Model) input(msg tea.Msg) tea.Cmd {
	if m.waiting != nil {
		return m.whileOpening(msg)
	}
	m.c.TakeOpening() // a mark made by anything but this key does not count
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyPressMsg); ok {
		cmd = m.handleKey(k)
	} else {
		cmd = m.pointer(msg)
	}
	if !m.c.TakeOpening() || cmd == nil {
		return cmd
	}
	ch := &chain{id: m.c.NextID(), key: "the paste"}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		ch.key = k.String()
	}
	ch.left.Store(1)
	m.waiting = ch
	return tea.Batch(ch.trace(cmd, 0), m.openingTimer(ch.id, openNotice, false), m.openingTimer(ch.id, openCeiling, true))
}

func (m *Model) openingTimer(id int, after time.Duration, last bool) tea.Cmd {
	return common.Tick(m.c.Ctx, after, func(time.Time) tea.Msg { return openingMsg{id: id, last: last} })
}

// whileOpening holds msg for the dialog on its way; ctrl+c quits and esc
// gives the dialog up.
func (m *Model) whileOpening(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case ok && key.Matches(k, m.c.Keys.Quit):
		m.giveUp()
		return m.input(k) // its question, with changes in flight, waits like any dialog
	case ok && key.Matches(k, m.c.Keys.Dialog.Cancel):
		what := m.waiting.key
		return m.status(common.Info, "cancelled "+what+": its dialog will not open"+m.giveUp())
	}
	m.held = append(m.held, msg)
	return nil
}

// giveUp drops the dialog on its way and the keys held for it, and says
// how many were dropped.
func (m *Model) giveUp() string {
	m.waiting.cancelled = true
	m.waiting = nil
	n := len(m.held)
	m.held = nil
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %s typed meanwhile dropped", table.Plural(n, "key"))
}

func (m *Model) status(level common.Level, text string) tea.Cmd {
	return m.footer.SetStatus(common.StatusMsg{Level: level, Text: text})
}

// onOpeningTimer says what the keys wait for, or gives the dialog up.
func (m *Model) onOpeningTimer(msg openingMsg) tea.Cmd {
	if m.waiting == nil || m.waiting.id != msg.id {
		return nil
	}
	what := m.waiting.key
	if msg.last {
		return m.status(common.Warning, fmt.Sprintf("gave up on %s after %s: its dialog will not open", what, openCeiling)+m.giveUp())
	}
	return m.status(common.Info, what+": opening… keys typed wait for it · esc cancels")
}

// onTraced handles a message of a chain: a dialog opening ends the wait
// (unless the chain was given up: then it does not open); a screen's own
// message goes to the screens, and what they do next stays in the chain
// (for openHops such steps), as does what a dialog closing runs next; the
// root's other messages end their part of it. When nothing of the chain is
// left, the keys held go where the focus is.
func (m *Model) onTraced(msg tracedMsg) tea.Cmd {
	ch := msg.chain
	var cmd tea.Cmd
	switch inner := msg.msg.(type) {
	case nil:
	case dialog.OpenMsg:
		if !ch.cancelled {
			cmd = m.openDialog(inner, ch)
		}
	default:
		if reflect.TypeOf(inner).PkgPath() == reflect.TypeOf(tea.QuitMsg{}).PkgPath() {
			cmd = func() tea.Msg { return inner } // for Bubble Tea itself (quit, clipboard…)
		} else if own, ok := m.own(inner); !ok {
			cmd = m.goOn(ch, msg.hop, m.broadcast(inner))
		} else if _, closed := inner.(dialog.DoneMsg); closed {
			cmd = m.goOn(ch, msg.hop, own) // a dialog closing on its way to the next one
		} else {
			cmd = own
		}
	}
	if ch.left.Add(-1) == 0 && m.waiting == ch {
		cmd = tea.Batch(cmd, m.release())
	}
	return cmd
}

// openDialog shows the dialog msg opens, from chain ch (nil when
// untraced). The keys held are released into it only when it is the
// dialog they wait for: any other opening first (a background command's,
// a chain already released or past its hops) gives the awaited dialog up
// and drops the keys, saying so, so that typed keys never land in a
// dialog the user did not open, nor the awaited dialog over this one.
func (m *Model) openDialog(msg dialog.OpenMsg, ch *chain) tea.Cmd {
	var said tea.Cmd
	if m.waiting != nil && m.waiting != ch {
		what := m.waiting.key
		said = m.status(common.Warning, "cancelled "+what+": another dialog opened first"+m.giveUp())
	}
	m.dialog = msg.Dialog
	started := msg.Dialog.Init() // before the keys typed for it
	return tea.Batch(said, started, m.release())
}

// goOn keeps cmd, the next step of ch, in the chain for openHops steps.
func (m *Model) goOn(ch *chain, hop int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil || hop >= openHops {
		return cmd
	}
	ch.left.Add(1)
	return ch.trace(cmd, hop+1)
}

// release ends the wait and replays the keys held, in order, to what has
// the focus now; a replayed key that opens a dialog waits again, with the
// keys after it.
func (m *Model) release() tea.Cmd {
	m.waiting = nil
	var cmds []tea.Cmd
	for len(m.held) > 0 && m.waiting == nil {
		next := m.held[0]
		m.held = m.held[1:]
		cmds = append(cmds, m.input(next))
	}
	return tea.Batch(cmds...)
}
