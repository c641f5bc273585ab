package activity

import (
	"cmp"
	"strings"
	"time"

	"github.com/orgdash/orgdash/activity"
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
	return activity.Kinds[m.kind-1].String() + "s only"
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
	where := "orgdash"
	if e.Elsewhere {
		where = "elsewhere"
	}
	what := e.What
	if e.Outcome != "" && e.Outcome != "ok" && e.Kind == activity.Change {
		what += " — " + e.Outcome
	}
	cells := []string{When(e.When, time.Now()), e.Who.String(), what, e.Kind.String()}
	if m.org.ID == "" {
		cells = append(cells, cmp.Or(e.OrgName, e.Org))
	}
	return table.NewRow(e.ID, append(cells, where)...)
}

// When is a time as the timeline shows it: the local date and time to the
// second, "today" for today's.
func When(at, now time.Time) string {
	at = at.Local()
	if sameDay(at, now.Local()) {
		return "today " + at.Format("15:04:05")
	}
	return at.Format("2006-01-02 15:04")
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

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
	if m.err != nil {
		bottom = s.Error.Render(common.Explain(m.err))
	}
	return m.table.View() + "\n" + bottom
}
