package activity

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/ui/common"
)

// Detail is the whole of one entry: who, what, when, the call and its
// request body, before → after where known, the audit's intent and
// outcome, and the raw events as Auth0 logged them.
type Detail struct {
	c     *common.Common
	entry activity.Entry
	view  viewport.Model
}

var _ common.Screen = (*Detail)(nil)

// NewDetail makes the detail screen of e; withOrg names its organization
// (the tenant's timeline mixes them; an organization's tab does not).
func NewDetail(c *common.Common, e activity.Entry, withOrg bool) *Detail {
	d := &Detail{c: c, entry: e, view: viewport.New()}
	d.view.SoftWrap = true // a long request body wraps within the screen
	d.view.SetContent(DetailText(e, withOrg))
	return d
}

// DetailText is an entry in full, every untrusted string cleaned; withOrg
// names its organization.
func DetailText(e activity.Entry, withOrg bool) string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-10s %s\n", label, common.Clean(v))
		}
	}
	line("When", e.When.Local().Format("2006-01-02 15:04:05 MST"))
	line("Who", e.Who.String())
	if e.Who.ClientID != "" {
		line("Client", e.Who.ClientID)
	}
	line("What", e.What)
	switch {
	case !withOrg:
	case e.OrgName != "" && e.Org != "":
		line("Org", e.OrgName+" ("+e.Org+")")
	default:
		line("Org", e.OrgName+e.Org)
	}
	line("Kind", e.Kind.String())
	line("Outcome", e.Outcome)
	switch e.Where() { // a login is made nowhere else: it is a login
	case "elsewhere":
		line("Made", "elsewhere: not through orgdash (or through one whose audit this is not)")
	case "orgdash":
		line("Made", "through orgdash")
	}
	if e.Through != "" {
		line("Affects", "this organization through "+e.Through)
	}
	if e.Method != "" {
		line("Call", e.Method+" "+e.Path)
	}
	line("Channel", e.Channel())
	if e.Body != nil {
		b.WriteString("\nRequest body\n" + indent(jsonText(e.Body)))
	}
	switch {
	case len(e.Before) > 0:
		b.WriteString("\nBefore → after\n")
		for _, k := range changedKeys(e.Before, e.After) {
			fmt.Fprintf(&b, "  %s: %s → %s\n", common.Clean(k), valueText(e.Before, k), valueText(e.After, k))
		}
	case len(e.After) > 0: // no before known: what the answer said it is now
		b.WriteString("\nAfter (Auth0's answer; what it was before is not logged)\n")
		for _, k := range slices.Sorted(maps.Keys(e.After)) {
			fmt.Fprintf(&b, "  %s: %s\n", common.Clean(k), valueText(e.After, k))
		}
	}
	if a := e.Audit; a != nil {
		b.WriteString("\nAudit\n")
		line("  Intent", a.Intent.Time.Local().Format("15:04:05")+" "+a.Intent.Action)
		if a.Outcome != nil {
			line("  Outcome", a.Outcome.Time.Local().Format("15:04:05")+" "+a.Outcome.Outcome+" "+a.Outcome.Note+" "+a.Outcome.Error)
		} else if e.Outcome == activity.InProgress {
			line("  Outcome", "none written yet: in progress (its orgdash still runs)")
		} else {
			line("  Outcome", "none written: interrupted (orgdash audit reconcile settles it)")
		}
		line("  Key", a.Intent.Key)
		line("  From", a.Intent.Remote)
	}
	for _, l := range e.Logs {
		b.WriteString("\nTenant log " + common.Clean(l.ID) + " (" + common.Clean(l.Type) + ")\n" + indent(jsonText(l)))
	}
	return b.String()
}

// changedKeys are the keys of before and after whose values differ, sorted.
func changedKeys(before, after map[string]any) []string {
	keys := map[string]bool{}
	for k := range maps.Keys(before) {
		keys[k] = true
	}
	for k := range maps.Keys(after) {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		if jsonText(before[k]) != jsonText(after[k]) || before == nil || after == nil {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// valueText is m[k] as compact JSON on one line, cleaned; "–" if absent.
func valueText(m map[string]any, k string) string {
	v, ok := m[k]
	if !ok {
		return "–"
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return common.Clean(fmt.Sprint(v))
	}
	return common.Clean(string(raw))
}

// jsonText is v as indented JSON, cleaned for the terminal.
func jsonText(v any) string {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return common.Clean(fmt.Sprint(v))
	}
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		lines[i] = common.Clean(l)
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}

// Init does nothing: the entry is all here.
func (d *Detail) Init() tea.Cmd { return nil }

// Update scrolls; back closes.
func (d *Detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := d.c.Keys
		switch {
		case key.Matches(k, keys.Up):
			d.view.ScrollUp(1)
			return d, nil
		case key.Matches(k, keys.Down):
			d.view.ScrollDown(1)
			return d, nil
		case key.Matches(k, keys.Top):
			d.view.GotoTop()
			return d, nil
		case key.Matches(k, keys.Bottom):
			d.view.GotoBottom()
			return d, nil
		case key.Matches(k, keys.Back):
			return d, common.Back
		}
		if cmd, took := d.actions().Handle(d.c, k); took {
			return d, cmd
		}
	}
	var cmd tea.Cmd
	d.view, cmd = d.view.Update(msg)
	return d, cmd
}

// View draws the entry.
func (d *Detail) View() string { return d.view.View() }

// SetSize fits the entry to the room.
func (d *Detail) SetSize(w, h int) {
	d.view.SetWidth(w)
	d.view.SetHeight(h)
}

// Crumb names the entry.
func (d *Detail) Crumb() string { return common.Clean(d.entry.What) }

// Capturing reports false: the detail takes no text.
func (d *Detail) Capturing() bool { return false }

// Help is how to move and leave.
func (d *Detail) Help() help.KeyMap {
	k := d.c.Keys
	keys := append(d.actions().Bindings(d.c), k.Up, k.Down, k.Top, k.Bottom, k.Back)
	return common.HelpMap{Short: keys, Full: [][]key.Binding{keys}}
}

// actions are what the entry offers: w on a login asks why it failed.
func (d *Detail) actions() common.Actions { return common.Actions{whyAction(d.c, d.entry, true)} }
