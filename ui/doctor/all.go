package doctor

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/table"
)

// All is :doctor, the checkup of every organization of the tenant, as
// `orgdash doctor --all` does it: the plan and how long the budget makes
// it take first, started only on enter, its progress as it goes,
// stoppable with X or esc, and the organizations listed worst first,
// enter opening one's checkup.
type All struct {
	c       *common.Common
	seq     int
	orgs    []client.Organization
	survey  *doctor.Survey
	plan    *doctor.Plan
	err     error
	running bool
	stopped bool
	stop    context.CancelFunc
	done    []doctor.Report
	cursor  int
	width   int
	height  int
}

var _ common.Screen = (*All)(nil)

// NewAll is the screen of :doctor.
func NewAll(c *common.Common) *All { return &All{c: c} }

// plannedMsg is the plan of checking every organization.
type plannedMsg struct {
	seq    int
	orgs   []client.Organization
	survey *doctor.Survey
	plan   doctor.Plan
	err    error
}

// allOneMsg is one organization checked; next waits for the following.
type allOneMsg struct {
	seq  int
	r    doctor.Report
	next tea.Cmd
}

// allDoneMsg ends the run.
type allDoneMsg struct{ seq int }

// Init reads the organizations and the tenant's survey, and plans.
func (m *All) Init() tea.Cmd {
	m.seq = m.c.NextID()
	ctx, cl, seq := m.c.Ctx, m.c.Client, m.seq
	return func() tea.Msg {
		orgs, err := client.All(ctx, cl.Organizations)
		if err != nil {
			return plannedMsg{seq: seq, err: err}
		}
		s := doctor.NewSurvey(ctx, cl)
		conns := -1
		if tcs, err := cl.TenantConnections(ctx); err == nil {
			conns = len(tcs)
		}
		return plannedMsg{seq: seq, orgs: orgs, survey: s, plan: doctor.NewPlan(cl, s, len(orgs), conns)}
	}
}

// start checks every organization, each report a message as it ends.
func (m *All) start() tea.Cmd {
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.stop, m.running, m.seq = cancel, true, m.c.NextID()
	cl, s, orgs, seq, c := m.c.Client, m.survey, m.orgs, m.seq, m.c
	each := make(chan doctor.Report, len(orgs))
	end := make(chan struct{})
	go func() {
		doctor.CheckAll(ctx, cl, s, orgs, func(r doctor.Report) {
			if ctx.Err() == nil {
				remember(c, r, time.Now())
				each <- r
			}
		})
		close(end)
	}()
	var wait tea.Cmd
	wait = func() tea.Msg {
		select {
		case r := <-each:
			return allOneMsg{seq: seq, r: r, next: wait}
		case <-end:
			select {
			case r := <-each:
				return allOneMsg{seq: seq, r: r, next: wait}
			default:
				return allDoneMsg{seq: seq}
			}
		}
	}
	return wait
}

// Update takes the plan, the reports and the keys.
func (m *All) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case plannedMsg:
		if msg.seq == m.seq {
			m.err, m.orgs, m.survey = msg.err, msg.orgs, msg.survey
			if msg.err == nil {
				m.plan = &msg.plan
			}
		}
	case allOneMsg:
		if msg.seq == m.seq {
			m.done = append(m.done, msg.r)
			m.sort()
			return m, msg.next
		}
	case allDoneMsg:
		if msg.seq == m.seq {
			m.running = false
		}
	case tea.KeyPressMsg:
		k := m.c.Keys
		switch {
		case m.running && (key.Matches(msg, k.Stop) || key.Matches(msg, k.Back)):
			m.stop()
			m.running, m.stopped = false, true
			m.seq = m.c.NextID() // what is still on its way is dropped
			return m, common.Status(common.Info, fmt.Sprintf("stopped: %d of %d organizations checked", len(m.done), len(m.orgs)))
		case key.Matches(msg, k.Back):
			return m, common.Back
		case key.Matches(msg, k.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, k.Down):
			m.cursor = max(0, min(len(m.done)-1, m.cursor+1))
		case key.Matches(msg, k.Open):
			switch {
			case m.plan != nil && !m.running && !m.stopped && len(m.done) == 0:
				return m, m.start()
			case m.cursor < len(m.done):
				return m, common.Push(newCheckupOf(m.c, m.done[m.cursor]))
			}
		}
	}
	return m, nil
}

// worse orders reports worst first: errors, then warnings, then checks
// that could not run, then notices.
func worse(a, b doctor.Report) int {
	count := func(r doctor.Report, s doctor.Severity) int {
		n := 0
		for _, f := range r.Findings {
			if f.Severity == s {
				n++
			}
		}
		return n
	}
	return cmp.Or(cmp.Compare(count(b, doctor.Error), count(a, doctor.Error)), cmp.Compare(count(b, doctor.Warning), count(a, doctor.Warning)),
		cmp.Compare(len(b.Skipped), len(a.Skipped)), cmp.Compare(count(b, doctor.Notice), count(a, doctor.Notice)), cmp.Compare(a.Org.Name, b.Org.Name))
}

// sort keeps the reports worst first; the cursor keeps its row (the
// worst, until moved).
func (m *All) sort() { slices.SortStableFunc(m.done, worse) }

// View draws the plan, the progress and the reports, worst first.
func (m *All) View() string {
	s := m.c.Styles
	lines := []string{s.Title.Render("Doctor: every organization")}
	switch {
	case m.err != nil:
		lines = append(lines, "", s.Error.Render(common.Explain(m.err)))
		return window(lines, len(lines), 0, m.width, m.height) // wrapped: the whole of what went wrong
	case m.plan == nil:
		return strings.Join(append(lines, "", s.Muted.Render("reading the organizations and planning…")), "\n")
	}
	lines = append(lines, "plan: "+m.plan.String())
	switch {
	case m.running:
		lines = append(lines, s.Warn.Render(fmt.Sprintf("checked %d of %d organizations… (%s stops)", len(m.done), len(m.orgs), m.c.Keys.Stop.Help().Key)))
	case m.stopped:
		lines = append(lines, s.Warn.Render(fmt.Sprintf("stopped: %d of %d organizations checked", len(m.done), len(m.orgs))))
	case len(m.done) == 0:
		lines = append(lines, s.Value.Render("enter starts the checkup of every organization · esc goes back"))
	default:
		unhealthy := 0
		for _, r := range m.done {
			if !r.Healthy() {
				unhealthy++
			}
		}
		lines = append(lines, s.OK.Render(fmt.Sprintf("checked %d organizations: %s not healthy", len(m.done), table.Plural(unhealthy, "organization"))))
	}
	lines = append(lines, "")
	head, at := len(lines), len(lines)
	for i, r := range m.done {
		row := common.Clean(r.Org.Name) + "  " + Summary(r)
		switch {
		case i == m.cursor:
			at, row = len(lines), s.Selected.Render(row)
		case len(r.Problems()) > 0:
			row = s.Error.Render(row)
		case len(r.Skipped) > 0:
			row = s.Warn.Render(row)
		}
		lines = append(lines, row)
	}
	return window(lines, head, at, m.width, m.height)
}

// SetSize is the room under the header.
func (m *All) SetSize(w, h int) { m.width, m.height = w, h }

// Crumb names the screen.
func (m *All) Crumb() string { return "Doctor: every organization" }

// Capturing is false: the screen takes no text.
func (m *All) Capturing() bool { return false }

// Help is start or open, stop, the moves and back.
func (m *All) Help() help.KeyMap {
	k := m.c.Keys
	open := dialog.Named(k.Open, "open checkup")
	if m.plan != nil && !m.running && !m.stopped && len(m.done) == 0 {
		open = dialog.Named(k.Open, "start")
	}
	stop := dialog.Named(k.Stop, "stop the checkup") // it changes nothing: what stops is the reading
	stop.SetEnabled(m.running)
	keys := []key.Binding{open, stop, k.Up, k.Down, k.Back}
	return common.HelpMap{Short: keys, Full: [][]key.Binding{keys}}
}
