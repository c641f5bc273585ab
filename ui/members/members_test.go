package members

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/uitest"
)

// pane adapts the tab to a tea.Model for the driver.
type pane struct{ m *Model }

func (p pane) Init() tea.Cmd { return p.m.Init() }
func (p pane) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.m.Update(msg)
	return p, cmd
}
func (p pane) View() tea.View { return tea.NewView(p.m.View()) }

func TestPagesLoadOnDemandAndTheFilterLoadsTheRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(1, 450)
		var pages, searches atomic.Int32
		f.Fail = func(op string) error {
			switch op {
			case "list members":
				pages.Add(1)
			case "search members": // 350 left to load: loading them is cheaper and exact
				searches.Add(1)
			}
			return nil
		}
		m := New(uitest.Common(t, f), f.Orgs[0])
		m.SetSize(100, 20)
		d := uitest.NewDriver(t, pane{m})
		d.Run(m.Init())
		// the count in one call, the first page, and nothing more until asked
		if m.Title() != "Members (450)" || pages.Load() != 1 {
			t.Fatalf("after opening: title %q, %d pages asked for", m.Title(), pages.Load())
		}
		if v := ansi.Strip(m.View()); !strings.Contains(v, "1 of 450  loaded 100 of 450 · L loads the rest") {
			t.Fatalf("status of a partly loaded list:\n%s", v)
		}
		// scrolling near the end of what is loaded asks for the next page
		for range 5 {
			d.Send(uitest.Key("pgdown"))
		}
		if n := pages.Load(); n != 2 {
			t.Fatalf("after scrolling to row %d: %d pages asked for, want 2", m.List().Total(), n)
		}
		// a filter covers every row: the rest is loaded
		d.Send(uitest.Key("/"))
		d.Type(uitest.Keys("user14")...)
		d.Advance(list.SearchPause)
		if v := ansi.Strip(m.View()); !strings.Contains(v, "1 of 11 (450 in all)") || pages.Load() != 5 || searches.Load() != 0 {
			t.Fatalf("filtered view after %d pages and %d searches:\n%s", pages.Load(), searches.Load(), v)
		}
		if h := m.Help().ShortHelp(); len(h) != 2 || h[0].Help().Desc != "keep filter" {
			t.Fatalf("while filtering, help offers %v", h)
		}
		d.Send(uitest.Key("esc")) // stop editing: the filter goes
		_, cmd := m.Update(uitest.Key("esc"))
		if cmd == nil {
			t.Fatal("esc did not go back")
		}
		if _, ok := cmd().(common.BackMsg); !ok {
			t.Fatal("esc did not ask to go back")
		}
	})
}

func TestMarksClearBeforeBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(1, 5)
		m := New(uitest.Common(t, f), f.Orgs[0])
		m.SetSize(100, 20)
		d := uitest.NewDriver(t, pane{m})
		d.Run(m.Init())
		d.Send(uitest.Key("space"), uitest.Key("space"))
		if v := ansi.Strip(m.View()); !strings.Contains(v, "2 marked") {
			t.Fatalf("marks:\n%s", v)
		}
		_, cmd := m.Update(uitest.Key("esc"))
		if v := ansi.Strip(m.View()); strings.Contains(v, "marked") || cmd == nil {
			t.Fatalf("esc kept the marks:\n%s", v)
		}
		if _, back := cmd().(common.BackMsg); back {
			t.Fatal("esc went back before clearing the marks")
		}
	})
}

func TestGoneOrganization(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := clienttest.New(1, 0)
		f.Fail = func(string) error {
			return &client.Error{Kind: client.NotFound, Status: 404, Message: "No organization found by that id or name"}
		}
		m := New(uitest.Common(t, f), f.Orgs[0])
		var gone common.GoneMsg
		d := uitest.NewDriver(t, catch{pane{m}, &gone})
		d.Run(m.Init())
		if gone.ID != f.Orgs[0].ID {
			t.Fatalf("a 404 on the list did not say the organization is gone: %#v", gone)
		}
	})
}

// catch records the GoneMsg that reaches the model.
type catch struct {
	pane
	gone *common.GoneMsg
}

func (c catch) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if g, ok := msg.(common.GoneMsg); ok {
		*c.gone = g
		return c, nil
	}
	_, cmd := c.pane.Update(msg)
	return c, cmd
}

// BenchmarkMembersView draws the Members tab holding 100 and 100,000
// members: the cost must not grow with the members.
func BenchmarkMembersView(b *testing.B) {
	for _, n := range []int{100, 100000} {
		f := clienttest.New(1, n)
		f.PageLen = n
		m := New(uitest.Common(b, f), f.Orgs[0])
		m.SetSize(120, 30)
		for _, cmd := range m.Init()().(tea.BatchMsg) { // the page, and the spinner's first tick
			if msg := cmd(); msg != nil {
				if _, tick := msg.(spinner.TickMsg); !tick {
					m.Update(msg)
				}
			}
		}
		if m.Title() != fmt.Sprintf("Members (%s)", strings.ReplaceAll(fmt.Sprintf("%d", n), "100000", "100,000")) {
			b.Fatalf("title %q", m.Title())
		}
		m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
