package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/activity"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	uidoctor "github.com/orgdash/orgdash/ui/doctor"
	"github.com/orgdash/orgdash/ui/org"
)

// jumpedMsg is the organization a ":org NAME" found.
type jumpedMsg struct {
	name string
	org  client.Organization
	err  error
}

// jumpHelp is the jump line's keys.
func jumpHelp(c *common.Common) help.KeyMap {
	d := c.Keys.Dialog
	keys := []key.Binding{jumpGo(c), key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "earlier")), dialog.Named(d.Cancel, "cancel")}
	return common.HelpMap{Short: keys, Full: [][]key.Binding{keys}}
}

func jumpGo(c *common.Common) key.Binding {
	return dialog.Named(c.Keys.Dialog.Choose, "go")
}

func (m *Model) handleJump(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.Dialog.Cancel):
		m.jumping = false
		return nil
	case key.Matches(msg, jumpGo(m.c)):
		m.jumping = false
		line := strings.TrimSpace(m.jump.Value())
		m.remember(line)
		return m.runJump(line)
	case key.Matches(msg, m.jump.KeyMap.AcceptSuggestion):
		m.completeJump()
		return nil
	case msg.String() == "up": // the arrows only: k and j are letters of names
		m.recall(true)
		return nil
	case msg.String() == "down":
		m.recall(false)
		return nil
	}
	var cmd tea.Cmd
	m.jump, cmd = m.jump.Update(msg)
	return cmd
}

// jumpTab is what tab completes from: the text typed before the first
// tab, and the completion it gave last (so that the next tab gives the
// next: ":do" tab is ":domains", tab again ":doctor").
type jumpTab struct{ typed, last string }

// completeJump completes the line with the first command or name that
// begins with what was typed, or, tabbed again, with the next.
func (m *Model) completeJump() {
	v := m.jump.Value()
	from := v
	if m.tab.last != "" && v == m.tab.last {
		from = m.tab.typed
	}
	if from == "" {
		return
	}
	var matches []string
	for _, s := range m.jump.AvailableSuggestions() {
		if strings.HasPrefix(strings.ToLower(s), strings.ToLower(from)) && !slices.Contains(matches, s) {
			matches = append(matches, s)
		}
	}
	if len(matches) == 0 {
		return
	}
	next := matches[0]
	if i := slices.Index(matches, v); from != v && i >= 0 {
		next = matches[(i+1)%len(matches)]
	}
	m.tab = jumpTab{typed: from, last: next}
	m.jump.SetValue(next)
	m.jump.CursorEnd()
}

// runJump does what a ":" line says.
func (m *Model) runJump(line string) tea.Cmd {
	verb, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	tabs := map[string]common.Tab{}
	for _, s := range org.Tabs() {
		tabs[string(s.Tab)] = s.Tab
		for _, a := range s.Aliases {
			tabs[a] = s.Tab
		}
	}
	switch verb {
	case "":
		return nil
	case "q", "quit":
		return m.quit()
	case "orgs", "organizations":
		m.stack = m.stack[:1]
		m.layout()
		return nil
	case "org", "o":
		if arg == "" {
			return common.Status(common.Warning, "usage: :org NAME, :org org_ID, or the start of a name")
		}
		m.c.Opening() // keys typed after the line wait for the page (or the candidates) it opens
		return m.findOrg(arg)
	}
	switch verb {
	case "connection", "conn":
		m.c.Opening()
		return m.findConnection(arg)
	case "user", "u":
		return m.findUser(arg)
	case "why":
		return whyJump(m.c, arg, m.openOrg())
	case "doctor":
		return common.Push(uidoctor.NewAll(m.c)) // every organization; ! checks one

	case "activity", "act":
		return common.Push(activity.NewScreen(m.c)) // the tenant's; an organization's is its tab (6)
	}
	if t, ok := tabs[verb]; ok {
		if len(m.stack) < 2 {
			return common.Status(common.Warning, "open an organization first (enter, or :org NAME)")
		}
		return m.toTop(common.JumpTabMsg{Tab: t})
	}
	return common.Status(common.Warning, "unknown command :"+common.Clean(verb)+" (try "+jumpHint()+")")
}

func (m *Model) onJumped(msg jumpedMsg) tea.Cmd {
	if msg.err != nil {
		if client.KindOf(msg.err) == client.NotFound {
			if strings.HasPrefix(msg.name, "org_") {
				return common.Status(common.Warning, "no organization with id "+common.Clean(msg.name))
			}
			return common.Status(common.Warning, "no organization named "+common.Clean(msg.name))
		}
		return common.Status(common.Failure, common.Explain(msg.err))
	}
	m.stack = m.stack[:1]
	s := org.New(m.c, msg.org)
	m.stack = append(m.stack, s)
	m.layout()
	return tea.Batch(s.Init(), common.Status(common.Info, "opened "+common.Clean(msg.org.Name))) // and a stale "no organization named…" goes
}

// whyJump opens the login explainer for ":why WHO [ORG]": without ORG it
// asks about the open organization, or, where none is open, about the
// person's own (the explainer asks which when they are in several).
func whyJump(c *common.Common, arg string, open *client.Organization) tea.Cmd {
	f := strings.Fields(arg)
	switch {
	case len(f) == 1 && open != nil:
		f = append(f, open.Name)
	case len(f) == 1:
		f = append(f, "")
	case len(f) != 2:
		return common.Status(common.Warning, "usage: :why EMAIL [ORG] (or a name: :why ines acme); without ORG, the open organization or the person's own")
	}
	return common.Push(uidoctor.NewWhy(c, doctor.Question{Email: f[0], Org: f[1]}))
}

// openOrg is the organization open under the top of the stack, if any.
func (m *Model) openOrg() *client.Organization {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if p, ok := m.stack[i].(*org.Model); ok {
			o := p.Org()
			return &o
		}
	}
	return nil
}
