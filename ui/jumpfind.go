package ui

import (
	"fmt"
	"github.com/orgdash/orgdash/ui/table"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/org"
	"github.com/orgdash/orgdash/ui/orgs"
)

// jumpHistoryMax is how many earlier jumps ↑ recalls.
const jumpHistoryMax = 50

// jumpVerbs are the ":" commands other than an organization's tabs, as
// the line completes them (those taking an argument end in a space) and
// as its hint shows them.
func jumpVerbs() []struct{ complete, hint string } {
	return []struct{ complete, hint string }{
		{"org ", "org NAME"}, {"user ", "user EMAIL"}, {"why ", "why EMAIL [ORG]"}, {"connection ", "connection NAME"},
		{"doctor", "doctor"}, {"activity", "activity"}, {"orgs", "orgs"}, {"quit", "q"},
	}
}

// jumpCommands are what the line completes besides organizations' and
// connections' names: every command, and every tab by its name and its
// longer aliases (the tab specs' own).
func jumpCommands() []string {
	var out []string
	for _, v := range jumpVerbs() {
		out = append(out, v.complete)
	}
	for _, s := range org.Tabs() {
		out = append(out, string(s.Tab))
		for _, a := range s.Aliases {
			if len(a) > 1 { // a letter is quicker typed than completed
				out = append(out, a)
			}
		}
	}
	return out
}

// jumpHint is the ":" line's placeholder: every command, then the tabs.
func jumpHint() string {
	var parts, tabs []string
	for _, v := range jumpVerbs() {
		if v.hint != "q" {
			parts = append(parts, v.hint)
		}
	}
	for _, s := range org.Tabs() {
		tabs = append(tabs, string(s.Tab))
	}
	return strings.Join(append(parts, tabs...), " · ") + " · q   (tab completes)"
}

// loadedOrgs are the organizations the list has loaded.
func (m *Model) loadedOrgs() []client.Organization {
	if o, ok := m.stack[0].(*orgs.Model); ok {
		return o.Loaded()
	}
	return nil
}

// refreshSuggestions gives the line what Tab completes: the commands,
// ":org NAME" for every loaded organization, and ":connection NAME" for
// the tenant's connections once read.
func (m *Model) refreshSuggestions() {
	s := jumpCommands() // first: ":o" tab is "org ", then "orgs", "overview", then the names
	for _, o := range m.loadedOrgs() {
		s = append(s, "org "+o.Name)
	}
	for _, n := range m.connNames {
		s = append(s, "connection "+n)
	}
	m.jump.SetSuggestions(s)
}

// remember keeps line for ↑, the newest last, once.
func (m *Model) remember(line string) {
	if line == "" {
		return
	}
	if n := len(m.history); n > 0 && m.history[n-1] == line {
		return
	}
	m.history = append(m.history, line)
	if len(m.history) > jumpHistoryMax {
		m.history = m.history[1:]
	}
}

// recall steps through the earlier jumps: ↑ older, ↓ newer.
func (m *Model) recall(older bool) {
	switch {
	case older && m.recalled < len(m.history):
		m.recalled++
	case !older && m.recalled > 0:
		m.recalled--
	default:
		return
	}
	if m.recalled == 0 {
		m.jump.SetValue("")
		return
	}
	m.jump.SetValue(m.history[len(m.history)-m.recalled])
	m.jump.CursorEnd()
}

// findOrg opens the organization ref names: an id (org_…), a name, else
// the one loaded organization whose name starts with it or contains its
// letters in order; several are offered to pick from.
func (m *Model) findOrg(ref string) tea.Cmd {
	ctx, cl := m.c.Ctx, m.c.Client
	if strings.HasPrefix(ref, "org_") {
		return func() tea.Msg {
			o, err := cl.Organization(ctx, ref)
			return jumpedMsg{name: ref, org: o, err: err}
		}
	}
	var exact, prefix, fuzzy []client.Organization
	for _, o := range m.loadedOrgs() {
		switch name := strings.ToLower(o.Name); {
		case name == strings.ToLower(ref):
			exact = append(exact, o)
		case strings.HasPrefix(name, strings.ToLower(ref)):
			prefix = append(prefix, o)
		case subsequence(strings.ToLower(ref), name):
			fuzzy = append(fuzzy, o)
		}
	}
	for _, found := range [][]client.Organization{exact, prefix, fuzzy} {
		switch {
		case len(found) == 1:
			o := found[0]
			return func() tea.Msg { return jumpedMsg{name: ref, org: o} }
		case len(found) > 1:
			return m.candidates(ref, found)
		}
	}
	return func() tea.Msg { // not loaded (yet): the tenant knows
		o, err := cl.OrganizationByName(ctx, ref)
		return jumpedMsg{name: ref, org: o, err: err}
	}
}

// candidates offers the organizations ref could mean.
func (m *Model) candidates(ref string, found []client.Organization) tea.Cmd {
	items := make([]dialog.Item, 0, min(len(found), 20))
	for _, o := range found[:min(len(found), 20)] {
		items = append(items, dialog.Item{Label: common.Clean(o.Name) + "  " + m.c.Styles.Muted.Render(common.Clean(o.DisplayName)),
			Then: func() tea.Msg { return jumpedMsg{name: ref, org: o} }, Opens: true})
	}
	title := "Organizations matching “" + common.Clean(ref) + "”"
	if len(found) > len(items) {
		title += " (first 20)"
	}
	if o, ok := m.stack[0].(*orgs.Model); ok && !o.AllLoaded() { // the rest are the tenant's to find: a whole name opens any
		title += fmt.Sprintf(" among the %s loaded", table.Count(len(o.Loaded())))
	}
	return dialog.Open(dialog.NewMenu(m.c, title, items).Filterable())
}

// subsequence reports whether the letters of q appear in s in order.
func subsequence(q, s string) bool {
	for _, r := range q {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+len(string(r)):]
	}
	return true
}
