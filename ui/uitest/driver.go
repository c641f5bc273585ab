package uitest

import (
	"reflect"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Driver runs a model as Bubble Tea would, inside a testing/synctest
// bubble: each command on its own goroutine, each result fed to Update on
// the test's goroutine. Settle returns once every command has answered or
// is durably blocked (on a timer, the budget watch, the fake clock), so no
// test waits on a quiet window; Advance moves the bubble's fake clock.
//
// Every method must be called from the bubble's root goroutine.
type Driver struct {
	tb    testing.TB
	model tea.Model

	mu     sync.Mutex
	queue  []tea.Msg
	closed bool
	quit   bool

	clipboard string // the last text the model copied
}

// NewDriver drives m. When the test ends, commands still waiting are let
// run out on the fake clock, and their results dropped.
func NewDriver(tb testing.TB, m tea.Model) *Driver {
	d := &Driver{tb: tb, model: m}
	tb.Cleanup(func() {
		d.mu.Lock()
		d.closed = true
		d.mu.Unlock()
		time.Sleep(24 * time.Hour) // fake: lets every pending timer fire and its goroutine end
	})
	return d
}

// Model is the model as it stands.
func (d *Driver) Model() tea.Model { return d.model }

// Clipboard is the last text the model copied (tea.SetClipboard), as
// the terminal would receive it.
func (d *Driver) Clipboard() string { return d.clipboard }

// Quit reports whether the model asked to quit.
func (d *Driver) Quit() bool { return d.quit }

// Run runs cmd and settles.
func (d *Driver) Run(cmd tea.Cmd) {
	d.start(cmd)
	d.Settle()
}

// Send gives the model each message in turn, settling after each.
func (d *Driver) Send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		d.update(msg)
		d.Settle()
	}
}

// Type gives the model the messages at once, as a fast typist would, then settles.
func (d *Driver) Type(msgs ...tea.Msg) {
	for _, msg := range msgs {
		d.update(msg)
	}
	d.Settle()
}

// Start runs cmd without settling.
func (d *Driver) Start(cmd tea.Cmd) { d.start(cmd) }

// Feed gives the model msg without settling: its commands start, and
// their results wait for the next Settle.
func (d *Driver) Feed(msg tea.Msg) { d.update(msg) }

// Settle feeds results to the model until no command can answer without
// the clock moving.
func (d *Driver) Settle() {
	for {
		synctest.Wait()
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.mu.Unlock()
			return
		}
		msg := d.queue[0]
		d.queue = d.queue[1:]
		d.mu.Unlock()
		d.update(msg)
	}
}

// step is how far Advance moves the clock between settles: fine enough
// for every tick the dashboard uses to be seen on time.
const step = 50 * time.Millisecond

// Advance moves the fake clock by dur, settling as it goes.
func (d *Driver) Advance(dur time.Duration) {
	d.Settle()
	for end := time.Now().Add(dur); time.Now().Before(end); {
		time.Sleep(min(step, time.Until(end)))
		d.Settle()
	}
}

// Until advances the fake clock until ok holds, for at most within; it
// reports whether ok held.
func (d *Driver) Until(within time.Duration, ok func() bool) bool {
	d.Settle()
	for end := time.Now().Add(within); !ok(); {
		if !time.Now().Before(end) {
			return false
		}
		time.Sleep(step)
		d.Settle()
	}
	return true
}

func (d *Driver) update(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
		return
	case tea.QuitMsg:
		d.quit = true
		return
	case tea.BatchMsg:
		for _, c := range msg {
			d.start(c)
		}
		return
	}
	if seq, ok := sequence(msg); ok {
		go d.inOrder(seq)
		return
	}
	if text, ok := copied(msg); ok {
		d.clipboard = text
		return
	}
	var next tea.Cmd
	d.model, next = d.model.Update(msg)
	d.start(next)
}

func (d *Driver) start(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.post(cmd()) }()
	}
}

func (d *Driver) post(msg tea.Msg) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.closed && msg != nil {
		d.queue = append(d.queue, msg)
	}
}

// inOrder runs a sequence's commands one after another, as Bubble Tea does.
func (d *Driver) inOrder(cmds []tea.Cmd) {
	for _, c := range cmds {
		if c != nil {
			d.post(c())
		}
	}
}

// sequence recognises tea.Sequence's message, whose type is unexported.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// copied recognises tea.SetClipboard's message, whose type is unexported.
func copied(msg tea.Msg) (string, bool) {
	if reflect.TypeOf(msg) != reflect.TypeOf(tea.SetClipboard("")()) {
		return "", false
	}
	return reflect.ValueOf(msg).String(), true
}
