package doctor

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Checkup is an organization's checkup: every finding with its severity,
// evidence and fix (F), and the checks that could not run, saying why.
type Checkup struct {
	c       *common.Common
	org     client.Organization
	r       *doctor.Report
	loading bool
	seq     int
	cursor  int
	width   int
	height  int
}

var _ common.Screen = (*Checkup)(nil)

// NewCheckup checks o.
func NewCheckup(c *common.Common, o client.Organization) *Checkup { return &Checkup{c: c, org: o} }

// CheckedMsg is an organization's checkup, for every screen that shows
// its health (the checkup itself, the Overview's Health section).
type CheckedMsg struct {
	Seq    int
	Report doctor.Report
}

// Check is the command that checks o, its answer a CheckedMsg with seq;
// the report is kept as o's last checkup (LastCheckup).
func Check(c *common.Common, o client.Organization, seq int) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return func() tea.Msg {
		r := doctor.Check(ctx, cl, doctor.NewSurvey(ctx, cl), o)
		if ctx.Err() == nil {
			remember(c, r, time.Now())
		}
		return CheckedMsg{Seq: seq, Report: r}
	}
}

// Init runs the checks.
func (m *Checkup) Init() tea.Cmd {
	m.seq, m.loading = m.c.NextID(), true
	return Check(m.c, m.org, m.seq)
}

// Update takes the checkup, fixes' outcomes and the keys.
func (m *Checkup) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case CheckedMsg:
		if msg.Seq == m.seq {
			m.loading, m.r = false, &msg.Report
			m.cursor = min(m.cursor, max(0, len(m.r.Findings)-1))
		}
	case FixedMsg:
		return m, m.Init()
	case common.RefreshMsg:
		if !msg.Auto {
			return m, m.Init()
		}
	case tea.KeyPressMsg:
		k := m.c.Keys
		switch {
		case key.Matches(msg, k.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, k.Down):
			if m.r != nil {
				m.cursor = max(0, min(len(m.r.Findings)-1, m.cursor+1))
			}
		case key.Matches(msg, k.Refresh):
			return m, m.Init()
		case key.Matches(msg, k.Back):
			return m, common.Back
		}
		cmd, _ := m.actions().Handle(m.c, msg)
		return m, cmd
	}
	return m, nil
}

func (m *Checkup) selected() (doctor.Finding, bool) {
	if m.r == nil || m.cursor >= len(m.r.Findings) {
		return doctor.Finding{}, false
	}
	return m.r.Findings[m.cursor], true
}

func (m *Checkup) actions() common.Actions {
	f, ok := m.selected()
	var needs []client.Action
	if ok && f.Fix != nil {
		needs = []client.Action{f.Fix.Action()}
	}
	return common.Actions{{Key: m.c.Keys.Fix, Label: "Fix", Needs: needs,
		Unavailable: func() string {
			if !ok || f.Fix == nil {
				return "orgdash has no fix for this finding"
			}
			return ""
		},
		Run: func() tea.Cmd { return askFix(m.c, *f.Fix) }},
		copyAction(m.c, ok, f.Values, "Finding", f.Title, f.Evidence)}
}

// Summary is a report in one line, for the Overview's Health section.
func Summary(r doctor.Report) string {
	p := len(r.Problems())
	switch {
	case p > 0:
		return table.Plural(p, "problem") + ", " + table.Plural(len(r.Findings)-p, "notice")
	case len(r.Skipped) > 0:
		return "no problem found, but " + table.Plural(len(r.Skipped), "check") + " could not run"
	case len(r.Findings) > 0:
		return "healthy; " + table.Plural(len(r.Findings), "notice")
	}
	return "healthy: every check ran and found nothing"
}

// HealthLines are a report as the Overview's Health section shows it:
// the summary, then each problem.
func HealthLines(r doctor.Report) []string {
	out := []string{Summary(r)}
	for _, f := range r.Problems() {
		out = append(out, "  "+f.Severity.String()+": "+f.Title)
	}
	for _, s := range r.Skipped {
		out = append(out, "  not run: "+s.Check+" ("+s.Reason+")")
	}
	return out
}

// View draws the summary, the findings and the checks that could not run.
func (m *Checkup) View() string {
	s := m.c.Styles
	lines := []string{s.Title.Render("Checkup of " + common.OrgLabel(m.org))}
	if m.r == nil {
		return strings.Join(append(lines, "", s.Muted.Render("checking…")), "\n")
	}
	sum := Summary(*m.r)
	switch {
	case len(m.r.Problems()) > 0:
		lines = append(lines, s.Error.Render(sum))
	case len(m.r.Skipped) > 0:
		lines = append(lines, s.Warn.Render(sum))
	default:
		lines = append(lines, s.OK.Render(sum))
	}
	lines = append(lines, "")
	head, at := len(lines), len(lines)
	sev := map[doctor.Severity]string{doctor.Error: s.Error.Render("ERROR  "), doctor.Warning: s.Warn.Render("WARNING"), doctor.Notice: s.Muted.Render("NOTICE ")}
	for i, f := range m.r.Findings {
		title := common.Clean(f.Title)
		if i == m.cursor {
			at, title = len(lines), s.Selected.Render(title)
		}
		lines = append(lines, sev[f.Severity]+" "+title)
		for _, e := range f.Evidence {
			lines = append(lines, "        "+s.Muted.Render(common.Clean(e)))
		}
		if f.Fix != nil {
			lines = append(lines, "        "+s.Value.Render("fix ("+m.c.Keys.Fix.Help().Key+"): "+common.Clean(f.Fix.Label)))
		}
	}
	for _, sk := range m.r.Skipped {
		lines = append(lines, s.Warn.Render("NOT RUN")+" "+sk.Check+": "+common.Clean(sk.Reason))
	}
	lines = append(lines, "", s.Muted.Render("ran: "+strings.Join(m.r.Ran, ", ")))
	return window(lines, head, at, m.width, m.height)
}

// SetSize is the room under the header.
func (m *Checkup) SetSize(w, h int) { m.width, m.height = w, h }

// Crumb names the organization.
func (m *Checkup) Crumb() string { return "Doctor: " + common.Clean(m.org.Name) }

// Capturing is false: the screen takes no text.
func (m *Checkup) Capturing() bool { return false }

// Help is the fix, the moves, refresh and back.
func (m *Checkup) Help() help.KeyMap {
	k := m.c.Keys
	keys := append(m.actions().Bindings(m.c), k.Up, k.Down, k.Refresh, k.Back)
	return common.HelpMap{Short: keys, Full: [][]key.Binding{keys}}
}
