package doctor

import (
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
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
	// progress is how far the running checkup is ("reading members: page 3 of 300")
	progress string
}

var _ common.Screen = (*Checkup)(nil)

// NewCheckup checks o.
func NewCheckup(c *common.Common, o client.Organization) *Checkup { return &Checkup{c: c, org: o} }

// newCheckupOf shows r, a checkup already made (r refreshes it).
func newCheckupOf(c *common.Common, r doctor.Report) *Checkup {
	return &Checkup{c: c, org: r.Org, r: &r}
}

// CheckedMsg is an organization's checkup, for every screen that shows
// its health (the checkup itself, the Overview's Health section).
type CheckedMsg struct {
	Seq    int
	Report doctor.Report
}

// progressMsg is how far a checkup is; next waits for what follows.
type progressMsg struct {
	seq  int
	p    doctor.Progress
	next tea.Cmd
}

// Check is the command that checks o, its answer a CheckedMsg with seq;
// the report is kept as o's last checkup (LastCheckup).
func Check(c *common.Common, o client.Organization, seq int) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return watched(c, seq, func(w func(doctor.Progress)) doctor.Report {
		return doctor.Watched(ctx, cl, doctor.NewSurvey(ctx, cl), o, w)
	})
}

// watched runs check when first called, answering with its progress
// (each a progressMsg whose next waits on) and at last the CheckedMsg.
// Progress not yet taken is replaced by the newer.
func watched(c *common.Common, seq int, check func(func(doctor.Progress)) doctor.Report) tea.Cmd {
	prog := make(chan doctor.Progress, 1)
	done := make(chan doctor.Report, 1)
	var start sync.Once
	var wait tea.Cmd
	wait = func() tea.Msg {
		start.Do(func() {
			go func() {
				r := check(func(p doctor.Progress) {
					for {
						select {
						case prog <- p:
							return
						default:
							select {
							case <-prog: // drop the older
							default:
							}
						}
					}
				})
				if c.Ctx.Err() == nil {
					remember(c, r, time.Now())
				}
				done <- r
			}()
		})
		select {
		case r := <-done:
			return CheckedMsg{Seq: seq, Report: r}
		case p := <-prog:
			return progressMsg{seq: seq, p: p, next: wait}
		}
	}
	return wait
}

// recheck runs again only checks on the report shown, after a fix.
func (m *Checkup) recheck(checks []string) tea.Cmd {
	prev := *m.r
	ctx, cl := m.c.Ctx, m.c.Client
	m.seq, m.loading = m.c.NextID(), true
	return watched(m.c, m.seq, func(w func(doctor.Progress)) doctor.Report { return doctor.Recheck(ctx, cl, prev, checks, w) })
}

// fixedChecks are the checks of the findings shown whose fix (or its
// undo) changes what fx changes: none when fx is not of this checkup.
func (m *Checkup) fixedChecks(fx doctor.Fix) []string {
	if m.r == nil {
		return nil
	}
	var out []string
	for _, f := range m.r.Findings {
		g := f.Fix
		if g == nil || g.ConnID != fx.ConnID || g.ClientID != fx.ClientID || g.UserID != fx.UserID || g.TargetID != fx.TargetID {
			continue
		}
		if g.OrgID == fx.OrgID || g.OrgID == "" || fx.OrgID == "" { // a connection's applications are the tenant's
			out = append(out, f.Check)
		}
	}
	return out
}

// Init runs the checks, unless the screen opened on a checkup made.
func (m *Checkup) Init() tea.Cmd {
	if m.r != nil && m.seq == 0 {
		m.seq = m.c.NextID()
		return nil
	}
	m.seq, m.loading, m.progress = m.c.NextID(), true, ""
	return Check(m.c, m.org, m.seq)
}

// Update takes the checkup, fixes' outcomes and the keys.
func (m *Checkup) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case CheckedMsg:
		if msg.Seq == m.seq {
			m.loading, m.r, m.progress = false, &msg.Report, ""
			m.cursor = min(m.cursor, max(0, len(m.r.Findings)-1))
		}
	case progressMsg:
		if msg.seq == m.seq {
			m.progress = msg.p.String()
			return m, msg.next
		}
	case FixedMsg:
		if chs := m.fixedChecks(msg.Fix); len(chs) > 0 && !m.loading {
			return m, m.recheck(chs) // only what the fix touched
		}
		return m, m.Init()
	case common.RefreshMsg:
		if !msg.Auto {
			return m, m.Init()
		}
	case tea.KeyPressMsg:
		n := 0
		if m.r != nil {
			n = len(m.r.Findings)
		}
		return m, rowKeys(m.c, msg, &m.cursor, n, m.Init, m.actions)
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
		return strings.Join(append(lines, "", s.Muted.Render(strings.TrimSuffix("checking… "+m.progress, " "))), "\n")
	}
	if m.loading {
		lines = append(lines, s.Muted.Render(strings.TrimSuffix("checking again… "+m.progress, " ")))
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
	lines = append(lines, "")
	for _, l := range packed("ran: ", m.r.Ran, m.width) {
		lines = append(lines, s.Muted.Render(l))
	}
	if m.cursor == len(m.r.Findings)-1 {
		at = len(lines) // the last finding: down to the end, the checks that ran included
	}
	return window(lines, head, at, m.width, m.height)
}

// SetSize is the room under the header.
func (m *Checkup) SetSize(w, h int) { m.width, m.height = w, h }

// Crumb names the organization.
func (m *Checkup) Crumb() string { return "Doctor: " + common.Clean(m.org.Name) }

// Capturing is false: the screen takes no text.
func (m *Checkup) Capturing() bool { return false }

// Help is the fix, the moves, refresh and back.
func (m *Checkup) Help() help.KeyMap { return rowHelp(m.c, m.actions()) }
