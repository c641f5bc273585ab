package activity

import (
	"cmp"
	"errors"
	"strings"
	"time"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// show takes a read's timeline and redraws.
func (m *Model) show(es []activity.Entry) {
	m.entries = es
	m.byID = make(map[string]activity.Entry, len(es))
	for _, e := range es {
		m.byID[e.ID] = e
	}
	m.redraw()
}

// filterNow is the kind and person filter in force.
func (m *Model) filterNow() activity.Filter {
	var f activity.Filter
	if m.kind > 0 {
		f.Kinds = []activity.Kind{activity.Kinds[m.kind-1]}
	}
	f.Person = m.person
	return f
}

func (m *Model) kindLabel() string {
	if m.kind == 0 {
		return "every kind"
	}
	return activity.Kinds[m.kind-1].Plural() + " only"
}

// emptyText is what the timeline says with no rows: that the logs could
// not be read (naming the scope the token lacks), that the filter left
// none of the entries, or that nothing was logged.
func (m *Model) emptyText() string {
	switch {
	case m.err != nil && m.logsUnread():
		return "cannot read the tenant logs: " + common.Unread(m.err)
	case m.kind > 0 || m.person != "":
		what := "entries"
		if m.kind > 0 {
			what = activity.Kinds[m.kind-1].Plural()
		}
		if m.person != "" {
			what += " by " + common.Clean(m.person)
		}
		return "no " + what + " among " + table.Count(len(m.entries))
	case m.loading && !m.loaded:
		return "reading the logs…"
	}
	return "nothing logged in the window the tenant keeps"
}

// logsUnread reports whether the last read's error is the tenant logs'
// (the audit is a local file: its trouble says so itself).
func (m *Model) logsUnread() bool {
	var e *client.Error
	return errors.As(m.err, &e)
}

// redraw puts the entries that pass the filter in the table, newest first.
func (m *Model) redraw() {
	shown := m.filterNow().Apply(m.entries)
	rows := make([]table.Row, 0, len(shown))
	for _, e := range shown {
		rows = append(rows, m.row(e))
	}
	m.table.SetRows(rows)
}

// row is how an entry shows; table.NewRow cleans every cell.
func (m *Model) row(e activity.Entry) table.Row {
	what := e.What
	if e.Outcome != "" && e.Outcome != "ok" && e.Kind == activity.Change {
		what += " — " + e.Outcome
	}
	if e.Through != "" && m.org.ID != "" {
		what += " (affects this organization through " + e.Through + ")"
	}
	cells := []string{When(e.When), e.Who.String(), what, e.Kind.String()}
	if m.org.ID == "" {
		cells = append(cells, cmp.Or(e.OrgName, e.Org, "the tenant"))
	}
	return table.NewRow(e.ID, append(cells, Via(e))...)
}

// Via is how the VIA column says where a change was made: "orgdash", or
// "not orgdash" (the Dashboard, another program, another orgdash whose
// audit this is not); nothing for a login, which is made nowhere else.
func Via(e activity.Entry) string {
	if e.Where() == "elsewhere" {
		return "not orgdash"
	}
	return e.Where()
}

// When is a time as the timeline shows it, always one way: the local date
// and time to the second.
func When(at time.Time) string { return at.Local().Format("2006-01-02 15:04:05") }

// View draws the table and the status line.
func (m *Model) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	var parts []string
	if f := m.filter.View(s, m.width/2); f != "" {
		parts = append(parts, f)
	}
	parts = append(parts, s.Muted.Render(m.table.Position()))
	if m.kind > 0 || m.person != "" {
		note := m.kindLabel()
		if m.person != "" {
			note += " by " + common.Clean(m.person)
		}
		parts = append(parts, s.Marked.Render(note))
	}
	if m.loading {
		parts = append(parts, s.Muted.Render("reading the logs…"))
	}
	if m.following {
		parts = append(parts, s.Marked.Render("● following (f stops)"))
	}
	bottom := strings.Join(parts, "  ")
	switch {
	case m.err != nil && client.KindOf(m.err) == client.Forbidden:
		if m.table.Total() > 0 { // orgdash's own changes show: say what is missing (an empty table says it itself)
			bottom += "  " + s.Warn.Render("cannot read the tenant logs: "+common.Unread(m.err)+" (orgdash's own changes only)")
		}
	case m.err != nil:
		bottom = s.Error.Render(common.Explain(m.err))
	}
	m.table.SetEmpty(m.emptyText())
	return m.table.View() + "\n" + bottom
}
