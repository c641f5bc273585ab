package across

import (
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Runner is the base of a screen that changes many organizations at once
// over a list of them (a connection's organizations, a person's): a
// list.Tab whose rows are organizations, the change it shows, and what
// every such screen has alike: following the change on the rows, its
// status in the title line, and the rows of the action table around the
// screen's own changes (open, copy, more options, pause, stop, retry).
type Runner[T any] struct {
	list.Tab[T]
	*run[T]
}

// run is a Runner's state, shared by its copies.
type run[T any] struct {
	c    *common.Common
	spec RunnerSpec[T]
	bulk *Bulk
}

// RunnerSpec is what a Runner shows and how it plans.
type RunnerSpec[T any] struct {
	// Scope names the screen's changes: "conn:con_1", "user:auth0|1".
	Scope string
	// Title is what the screen is about in its title line (a connection's
	// name, a person's), Subject in its menu's; Idle is what its title line
	// says while no change runs.
	Title, Subject string
	Idle           func() string
	// Org is the organization a row is: rows are by its id.
	Org func(T) client.Organization
	// Again is how a retry of b plans: the same change, for other organizations.
	Again func(b *Bulk) func([]client.Organization) *Bulk
	// List is the list's spec; its ID and Header are the Runner's.
	List list.Spec[T]
}

// NewRunner is the base of a screen showing spec's organizations, whose
// own action table (without the rows the Runner adds) actions makes.
func NewRunner[T any](c *common.Common, spec RunnerSpec[T], actions func() common.Actions) Runner[T] {
	r := Runner[T]{run: &run[T]{c: c, spec: spec}}
	ls := spec.List
	ls.ID = func(it T) string { return spec.Org(it).ID }
	ls.One = "organization"
	ls.Header = func() string {
		line := spec.Idle()
		if r.bulk.Running() {
			line = r.bulk.Status(c)
		}
		s := c.Styles
		return s.Title.Render(spec.Title) + s.Muted.Render(" in "+table.Plural(r.List().Count(), "organization")+" · "+line)
	}
	r.Tab = list.NewTab(c, ls, func() common.Actions { return r.actions(actions()) })
	return r
}

// Bulk is the change the screen shows (nil before the first).
func (r *Runner[T]) Bulk() *Bulk { return r.bulk }

// Follow is the part of the screen's Update that follows its changes (see
// the function Follow); it reports whether msg was about one of them.
func (r *Runner[T]) Follow(msg tea.Msg) (tea.Cmd, bool) {
	return Follow(r.c, r.List(), &r.bulk, r.spec.Scope, msg)
}

// Idle says why a new change cannot start now: one is running here, or
// no organization is selected; "" when it can.
func (r *Runner[T]) Idle() string {
	if why := r.bulk.Busy(r.c); why != "" {
		return why
	}
	return r.NeedsSelection()()
}

// Plan opens b's plan; once it runs, the rows it was planned from are no
// longer marked, those it leaves out (nothing to change there) included.
func (r *Runner[T]) Plan(b *Bulk) tea.Cmd {
	if r.List().Marked() > 0 {
		for _, it := range r.List().Targets() {
			b.planned = append(b.planned, r.spec.Org(it).ID)
		}
	}
	return Plan(r.c, b)
}

// Orgs are the organizations of items.
func (r *Runner[T]) Orgs(items []T) []client.Organization {
	out := make([]client.Organization, len(items))
	for i, it := range items {
		out[i] = r.spec.Org(it)
	}
	return out
}

// actions are the screen's own between the rows every such screen has.
func (r *Runner[T]) actions(own common.Actions) common.Actions {
	k := r.c.Keys
	it, none := r.Selection()
	out := common.Actions{{Key: k.Open, Label: "Open the organization", Unavailable: none,
		Run: func() tea.Cmd { return func() tea.Msg { return common.OpenOrgMsg{Org: r.spec.Org(it)} } }}}
	out = append(out, own...)
	out = append(out, r.CopyAction(), r.MoreAction("More options: "+r.spec.Subject, nil))
	return append(out, Controls(r.c, r.bulk, r.spec.Again)...)
}
