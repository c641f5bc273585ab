package doctor

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// Why is the login explainer's screen: the chain a login takes, each
// link passed, failed or unknown, the cause first with its fix on F (F
// fixes the selected link where it has a fix of its own, else the cause).
type Why struct {
	c       *common.Common
	q       doctor.Question
	ex      doctor.Explanation
	err     error
	loading bool
	fixedAt time.Time // when a fix last ended well while this screen was open
	seq     int
	cursor  int
	width   int
	height  int
}

var _ common.Screen = (*Why)(nil)

// NewWhy explains why q's person cannot log in to q's organization.
func NewWhy(c *common.Common, q doctor.Question) *Why { return &Why{c: c, q: q} }

// explainedMsg is a walk of the chain.
type explainedMsg struct {
	seq int
	ex  doctor.Explanation
	err error
}

// Init walks the chain (a dozen reads or so).
func (m *Why) Init() tea.Cmd {
	m.seq = m.c.NextID()
	m.loading = true
	if !doctor.IsEmail(m.q.Email) {
		return m.findPeople()
	}
	if strings.TrimSpace(m.q.Org) == "" {
		return m.findOrgs()
	}
	ctx, cl, q, seq := m.c.Ctx, m.c.Client, m.q, m.seq
	return func() tea.Msg {
		ex, err := doctor.Why(ctx, cl, q)
		return explainedMsg{seq: seq, ex: ex, err: err}
	}
}

// Update takes the walk's result, fixes' outcomes and the keys.
func (m *Why) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case explainedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading, m.ex, m.err = false, msg.ex, msg.err
		m.cursor = 0
		for i, l := range m.ex.Links {
			if c := m.ex.Cause(); c != nil && l.Name == c.Name && l.Reason == c.Reason {
				m.cursor = i
				break
			}
		}
	case FixedMsg:
		if msg.Err == nil {
			m.fixedAt = time.Now()
		}
		return m, m.Init() // a fix here or elsewhere: walk again
	case appsMsg:
		return m, m.onApps(msg)
	case chosenMsg:
		return m, m.onChosen(msg)
	case peopleMsg:
		return m, m.onPeople(msg)
	case orgsMsg:
		return m, m.onOrgs(msg)
	case partMsg:
		return m, m.onPart(msg)
	case common.RefreshMsg:
		if !msg.Auto {
			return m, m.Init()
		}
	case tea.KeyPressMsg:
		return m, rowKeys(m.c, msg, &m.cursor, len(m.ex.Links), m.Init, m.actions)
	}
	return m, nil
}

// selected is the link under the cursor, if any.
func (m *Why) selected() (doctor.Link, bool) {
	if m.cursor < 0 || m.cursor >= len(m.ex.Links) {
		return doctor.Link{}, false
	}
	return m.ex.Links[m.cursor], true
}

// fixTarget is what F fixes: the selected link's fix, else the cause's
// (the header offers it wherever the cursor is), and how help names it.
func (m *Why) fixTarget() (*doctor.Fix, string) {
	cause := m.ex.Cause()
	isCause := func(l doctor.Link) bool { return cause != nil && l.Name == cause.Name && l.Reason == cause.Reason }
	if l, ok := m.selected(); ok && l.Fix != nil {
		if isCause(l) {
			return l.Fix, "fix the cause"
		}
		return l.Fix, "fix this link"
	}
	if cause != nil && cause.Fix != nil {
		return cause.Fix, "fix the cause"
	}
	return nil, "fix"
}

func (m *Why) actions() common.Actions {
	fix, what := m.fixTarget()
	var needs []client.Action
	if fix != nil {
		needs = []client.Action{fix.Action()}
	}
	return common.Actions{{Key: dialog.Named(m.c.Keys.Fix, what), Label: "Fix", Needs: needs,
		Unavailable: func() string {
			if fix == nil {
				return "orgdash has no fix for this link nor for the cause"
			}
			return ""
		},
		Run: func() tea.Cmd { return askFix(m.c, *fix) }}, m.chooseAction(), m.copyAction()}
}

// copyAction is y: the selected link's values (a TXT record), its reason
// and evidence, copied through the copy menu, which makes them safe.
func (m *Why) copyAction() common.Action {
	l, ok := m.selected()
	return copyAction(m.c, ok, l.Values, "Reason", l.Reason, l.Evidence)
}

// View draws the question, the cause and its fix, then the chain.
func (m *Why) View() string {
	s := m.c.Styles
	lines := []string{s.Title.Render(m.title())}
	switch {
	case m.err != nil:
		lines = append(lines, "", s.Error.Render(common.Explain(m.err)))
		return window(lines, len(lines), 0, m.width, m.height) // wrapped: the whole of what went wrong
	case m.loading && !doctor.IsEmail(m.q.Email):
		return strings.Join(append(lines, "", s.Muted.Render("not an email: looking for people called "+common.Clean(m.q.Email)+"…")), "\n")
	case m.loading && strings.TrimSpace(m.q.Org) == "":
		return strings.Join(append(lines, "", s.Muted.Render("no organization named: looking for "+common.Clean(m.q.Email)+"'s…")), "\n")
	case m.loading && len(m.ex.Links) == 0:
		return strings.Join(append(lines, "", s.Muted.Render("walking the chain…")), "\n")
	}
	if c := m.ex.Cause(); c != nil && c.Record && !c.At.IsZero() && c.At.Before(m.fixedAt) {
		// every condition holds now; the failed attempt was before the fix
		lines = append(lines, s.OK.Render("Every link holds now: their last attempt failed before the fix ("+common.Clean(c.Reason)+"); ask them to try again"), "")
	} else if c != nil {
		lines = append(lines, s.Error.Render("Cause: "+common.Clean(c.Reason)))
		if c.Fix != nil {
			lines = append(lines, s.Value.Render(m.c.Keys.Fix.Help().Key+"  "+common.Clean(c.Fix.Label)))
		} else {
			lines = append(lines, s.Muted.Render("orgdash has no fix for this: the reason says where to change it"))
		}
	} else if u := m.ex.Unchecked(); len(u) > 0 {
		lines = append(lines, s.Warn.Render("Nothing checked fails, but "+table.Plural(len(u), "link")+" could not be checked (marked ?)"), "")
	} else {
		lines = append(lines, s.OK.Render("Every link holds: nothing orgdash can see stops this login"), "")
	}
	lines = append(lines, "")
	head := len(lines)
	cursorLine := head
	for i, l := range m.ex.Links {
		if i == m.cursor {
			cursorLine = len(lines)
		}
		lines = append(lines, m.linkLines(l, i == m.cursor)...)
	}
	if m.cursor == len(m.ex.Links)-1 {
		cursorLine = len(lines) // the last link: down to the end, its evidence whole
	}
	return window(lines, head, cursorLine, m.width, m.height)
}

// linkLines are one link: its mark, name and reason; its evidence and fix
// when it is selected or failed.
func (m *Why) linkLines(l doctor.Link, selected bool) []string {
	s := m.c.Styles
	mark := map[doctor.Verdict]string{doctor.Passed: s.OK.Render("✓"), doctor.Failed: s.Error.Render("✗"), doctor.Unknown: s.Warn.Render("?")}[l.Verdict]
	name := l.Name
	if selected {
		name = s.Selected.Render(name)
	}
	line := mark + " " + name
	if l.Reason != "" {
		line += s.Muted.Render(": ") + common.Clean(l.Reason)
	}
	out := []string{line}
	if selected || l.Verdict == doctor.Failed {
		for _, e := range l.Evidence {
			out = append(out, "    "+s.Muted.Render(common.Clean(e)))
		}
		if l.Fix != nil {
			out = append(out, "    "+s.Value.Render("fix ("+m.c.Keys.Fix.Help().Key+"): "+common.Clean(l.Fix.Label)))
		}
	}
	return out
}

// window wraps each line to width (its continuation indented, nothing
// cut), keeps the first head lines and scrolls the rest so line at shows.
func window(lines []string, head, at, width, height int) string {
	var out []string
	starts := make([]int, len(lines)+1) // where each line begins once wrapped
	for i, l := range lines {
		starts[i] = len(out)
		out = append(out, wrap(l, width, 4)...)
	}
	starts[len(lines)] = len(out)
	head, at = starts[min(head, len(lines))], starts[min(max(at, 0), len(lines))]
	lines = out
	if height > 0 && len(lines) > height {
		room := max(1, height-head)
		start := max(head, min(at-room/2, len(lines)-room))
		lines = append(lines[:head:head], lines[start:min(len(lines), start+room)]...)
	}
	return strings.Join(lines, "\n")
}

// SetSize is the room under the header.
func (m *Why) SetSize(w, h int) { m.width, m.height = w, h }

// Crumb names the question.
func (m *Why) Crumb() string {
	if strings.TrimSpace(m.q.Org) == "" {
		return "Why: " + common.Clean(m.q.Email)
	}
	return "Why: " + common.Clean(m.q.Email) + " › " + common.Clean(m.q.Org)
}

// Capturing is false: the screen takes no text.
func (m *Why) Capturing() bool { return false }

// Help is the fix, the moves, refresh and back.
func (m *Why) Help() help.KeyMap { return rowHelp(m.c, m.actions()) }
