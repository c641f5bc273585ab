package ui

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/uitest"
)

// opener is a screen whose o opens a menu the way a real action may: a
// sequence (a status, then a batch holding the read), the read's answer
// handled by the screen, which opens the menu in a batch of its own. l
// starts a ticking loop that never opens anything; m closes a dialog into
// the next. Every other key it
// takes is noted, in order.
type opener struct {
	c       *common.Common
	answer  chan error // the read's outcome, when the test gives it
	got     []string
	ticking int
}

type readMsg struct{ err error }
type loopMsg struct{}

func (s *opener) Init() tea.Cmd { return nil }

func (s *opener) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch msg.String() {
		case "o":
			s.c.Opening()
			answer := s.answer
			read := func() tea.Msg { return readMsg{<-answer} }
			return s, tea.Sequence(common.Status(common.Info, "reading…"), tea.Batch(nil, read, func() tea.Msg { return nil }))
		case "l":
			s.c.Opening()
			return s, s.tick()
		case "m": // as a dialog that closes into the next one does
			return s, dialog.Done(dialog.Open(dialog.NewMenu(s.c, "Next", []dialog.Item{{Label: "one"}})))
		}
		s.got = append(s.got, msg.String())
	case readMsg:
		if msg.err != nil {
			return s, common.Status(common.Failure, msg.err.Error())
		}
		return s, tea.Batch(dialog.Open(dialog.NewMenu(s.c, "Picked", []dialog.Item{{Label: "one"}})), nil)
	case loopMsg:
		if s.ticking++; s.ticking < 20 {
			return s, s.tick()
		}
	}
	return s, nil
}

func (s *opener) tick() tea.Cmd {
	return func() tea.Msg { time.Sleep(100 * time.Millisecond); return loopMsg{} }
}

func (s *opener) View() string      { return "keys: " + strings.Join(s.got, ",") }
func (s *opener) SetSize(int, int)  {}
func (s *opener) Crumb() string     { return "opener" }
func (s *opener) Help() help.KeyMap { return common.HelpMap{} }
func (s *opener) Capturing() bool   { return false }
func (s *opener) keys() string      { return strings.Join(s.got, ",") }
func openerSession(t *testing.T) (*session, *opener) {
	s := open(t, clienttest.New(2, 5), 100, 30)
	o := &opener{c: s.c, answer: make(chan error, 1)}
	t.Cleanup(func() { // a read still waiting ends
		select {
		case o.answer <- nil:
		default:
		}
	})
	s.root().stack = []common.Screen{o}
	return s, o
}

// A chain through a sequence, a batch with nil results and a screen's own
// message holds the keys until the menu it leads to opens; they are the
// menu's then, and the screen never sees them.
func TestKeysWaitThroughSequencesAndBatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, o := openerSession(t)
		s.Type(uitest.Keys("oab")...)
		if o.keys() != "" || len(s.root().held) != 2 {
			t.Fatalf("the screen got %q and %d keys are held, want none and 2", o.keys(), len(s.root().held))
		}
		s.want("reading…")
		o.answer <- nil
		s.Settle()
		s.want("Picked")
		if o.keys() != "" || s.root().waiting != nil {
			t.Fatalf("the screen got %q behind the menu (waiting %v)", o.keys(), s.root().waiting != nil)
		}
		s.press("esc", "c")
		if o.keys() != "c" {
			t.Fatalf("after the menu the screen got %q, want c", o.keys())
		}
	})
}

// The same chain ending in a failure hands the keys to the screen, in the
// order typed, after the failure is shown.
func TestKeysReachTheScreenWhenNoDialogOpens(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, o := openerSession(t)
		s.Type(uitest.Keys("oabc")...)
		o.answer <- errors.New("the read failed")
		s.Settle()
		s.want("the read failed")
		if o.keys() != "a,b,c" || s.root().waiting != nil {
			t.Fatalf("the screen got %q, want a,b,c", o.keys())
		}
	})
}

// A key whose chain goes on and on (a screen ticking) holds keys only for
// openHops of the screen's steps, never until the ceiling.
func TestKeysWaitForAFewStepsOfAScreenAtMost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, o := openerSession(t)
		start := time.Now()
		s.Type(uitest.Keys("lab")...)
		if !s.Until(time.Second, func() bool { return o.keys() == "a,b" }) {
			t.Fatalf("the screen got %q after a second of ticks", o.keys())
		}
		if d := time.Since(start); d > time.Duration(openHops+1)*100*time.Millisecond {
			t.Fatalf("keys waited %s for a chain that opens nothing", d)
		}
	})
}

// ctrl+c gets through while keys wait for a dialog: it quits.
func TestCtrlCQuitsWhileOpening(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := openerSession(t)
		s.Type(uitest.Keys("oa")...)
		s.Type(uitest.Key("ctrl+c"))
		if !s.Quit() {
			t.Fatal("ctrl+c did not quit while a dialog was on its way")
		}
	})
}

// A dialog closing into the next one (Done running Open) keeps the keys
// for the next one.
func TestKeysWaitThroughADialogClosingIntoTheNext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, o := openerSession(t)
		s.Type(uitest.Keys("mab")...)
		s.want("Next")
		if o.keys() != "" {
			t.Fatalf("the screen got %q between the dialogs", o.keys())
		}
	})
}

// Another dialog opening while keys wait for one (a background command's,
// not the chain's) never gets the keys typed for the awaited one, and the
// awaited one does not open over it afterwards: it is given up, and the
// status line says so.
func TestKeysNeverReachADialogTheyDidNotWaitFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, o := openerSession(t)
		s.Type(uitest.Keys("o/zz")...)
		if len(s.root().held) != 3 {
			t.Fatalf("%d keys held, want 3", len(s.root().held))
		}
		other := dialog.NewMenu(s.c, "Unrelated", []dialog.Item{{Label: "alpha"}, {Label: "beta"}}).Filterable()
		s.Send(dialog.OpenMsg{Dialog: other})
		o.answer <- nil
		s.Settle()
		if s.root().dialog != dialog.Dialog(other) {
			t.Fatalf("the dialog shown is not the one that opened first:\n%s", s.screen())
		}
		s.want("Unrelated", "alpha", "beta", "cancelled o: another dialog opened first; 3 keys typed meanwhile dropped")
		s.wantNot("Picked", "zz")
		if o.keys() != "" || s.root().waiting != nil || len(s.root().held) != 0 {
			t.Fatalf("the screen got %q, waiting %v, %d keys held", o.keys(), s.root().waiting != nil, len(s.root().held))
		}
	})
}
