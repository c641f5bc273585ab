// Package across is a change made organization by organization, as the
// screens that offer one show it: the plan before (what, in how many
// organizations, the calls and the time at the bucket that limits them,
// the equivalent curl calls to copy), the count typed to confirm, progress
// row by row while it runs (pausable, stoppable), per-organization results
// after, retry of the failed and undo within its window.
package across

import (
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Bulk is one change across organizations.
type Bulk struct {
	Scope string // the screen that shows it: "conn:con_1", "user:auth0|1"
	Verb  string // "disable okta"; Past is "disabled okta"
	Past  string
	Prep  string // "from" in "remove jane from 3 organizations"; "" is "in"
	A     *crossorg.Job
	// Curl is the equivalent call for one organization, the token left as
	// $TOKEN; nil: none to offer.
	Curl func(o client.Organization) string
	// Reverse is the undo of the organizations it applied to; nil: none.
	Reverse func(applied []client.Organization) *Bulk
	// Tab is what it changes in each organization, for other sessions
	// showing one of them to reload.
	Tab common.Tab
	// Caveat, when set, is said first in the plan ("the scan is not done").
	Caveat string
	// Ended, when set, is what its screen does with the organizations it
	// applied to, once it is over (on the UI goroutine).
	Ended func(applied []client.Organization)

	ended   bool
	planned []string    // the marked rows it was planned from, unmarked when it starts
	retries *Bulk       // the run it retries, whose undo is part of its own
	undoes  []*Bulk     // for an undo, the runs it undoes
	undone  atomic.Bool // an undo of it has started: a retry's undo leaves it be (read by the retry's outcome)
}

// StartedMsg is a bulk change begun, for its screen to follow.
type StartedMsg struct{ B *Bulk }

// EndedMsg is a bulk change over, for its screen to show the results.
type EndedMsg struct{ B *Bulk }

// TickMsg asks the screen following b to redraw its progress.
type TickMsg struct{ B *Bulk }

// Plan opens the plan: run it (typing the count) or copy the curl calls;
// for one organization, the ordinary confirmation.
func Plan(c *common.Common, b *Bulk) tea.Cmd {
	steps := b.A.Steps()
	n := len(steps)
	if n == 0 {
		return common.Status(common.Info, "no organization to "+b.Verb+" in")
	}
	est := b.A.Plan(c.Client.Tracker())
	if n == 1 { // one organization: the ordinary confirmation, as a change of one would have on its page
		o := steps[0].Org
		body := fmt.Sprintf("%s; one audit line.", est)
		if b.Caveat != "" {
			body = b.Caveat + "\n\n" + body
		}
		verb := capital(strings.Fields(b.Verb)[0])
		return dialog.Guard(c, capital(b.Verb)+" "+b.prep()+" "+common.Clean(o.Name)+"?", body, verb, o.Name, Start(c, b))
	}
	where := table.Plural(n, "organization")
	names := make([]string, 0, 3)
	for _, s := range steps[:min(3, n)] {
		names = append(names, common.Clean(s.Org.Name))
	}
	list := strings.Join(names, ", ")
	if n > 3 {
		list += fmt.Sprintf(" and %s more", table.Count(n-3))
	}
	body := fmt.Sprintf("In %s.\n\n%s; one audit line per organization. Progress shows row by row: %s pauses, %s stops.",
		list, est, c.Keys.Pause.Help().Key, c.Keys.Stop.Help().Key)
	if b.Caveat != "" {
		body = b.Caveat + "\n\n" + body
	}
	items := []dialog.Item{{Label: fmt.Sprintf("Run in %s…", where), Then: dialog.Open(dialog.NewTypeName(c,
		capital(b.Verb)+" "+b.prep()+" "+where+"?", body+"\n\nType the number of organizations to confirm.", fmt.Sprint(n), "Run", Start(c, b)))}}
	if b.Curl != nil {
		items = append(items, dialog.Item{Label: "Copy as curl (" + table.Plural(n, "command") + ")", Then: copyCurl(b, steps)})
	}
	return dialog.Open(dialog.NewMenu(c, capital(b.Verb)+" "+b.prep()+" "+where+"\n\n"+body, items))
}

func (b *Bulk) prep() string {
	if b.Prep != "" {
		return b.Prep
	}
	return "in"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// copyCurl copies the equivalent calls, one a line, for runbooks and tickets.
func copyCurl(b *Bulk, steps []crossorg.Step) tea.Cmd {
	lines := make([]string, len(steps))
	for i, s := range steps {
		lines[i] = b.Curl(s.Org)
	}
	return tea.Batch(tea.SetClipboard(safetext.ClipboardLines(lines)), common.Status(common.Info, "copied "+table.Plural(len(lines), "curl command")+" (the token is $TOKEN)"))
}

// Curl is one curl call against the tenant, the token left as $TOKEN: the
// path's segments escaped one by one, the body (nil: none) written by
// safetext.JSON, and every word that carries them quoted for the shell
// by safetext.Shell, so that an id a customer chose (a SAML NameID, an
// OIDC sub) arrives at curl as it is and runs nothing.
func Curl(c *common.Common, method string, path []string, body map[string]any) string {
	base := c.Client.Tenant().Domain
	if !strings.Contains(base, "://") {
		base = "https://" + base
	}
	segs := make([]string, len(path))
	for i, p := range path {
		segs[i] = url.PathEscape(p)
	}
	u := strings.TrimSuffix(base, "/") + "/api/v2/" + strings.Join(segs, "/")
	// the token's header alone is in double quotes: the shell fills in $TOKEN
	cmd := "curl -sS -X " + safetext.Shell(method) + " " + safetext.Shell(u) + ` -H "Authorization: Bearer $TOKEN"`
	if body != nil {
		b, err := safetext.JSON(body)
		if err != nil { // not a value JSON can hold (NaN, a channel): a comment, which runs nothing
			return "# " + safetext.Clipboard(method+" "+u+": no JSON body: "+err.Error())
		}
		cmd += " -H " + safetext.Shell("Content-Type: application/json") + " -d " + safetext.Shell(b)
	}
	return cmd
}

// Start runs b as a change: one outcome when it ends, with undo and retry.
func Start(c *common.Common, b *Bulk) tea.Cmd {
	return common.Change(StartedMsg{B: b}, func() common.Outcome {
		b.A.Run(c.Ctx, func() {})
		return outcome(c, b)
	})
}

func outcome(c *common.Common, b *Bulk) common.Outcome {
	t := b.A.Tally()
	n := len(b.A.Steps())
	text := fmt.Sprintf("%s %s %d of %s in %s", b.Past, b.prep(), t[crossorg.Applied], table.Plural(n, "organization"), b.A.Took().Round(time.Second))
	level := common.Success
	var left []string
	for _, s := range []crossorg.StepState{crossorg.StepFailed, crossorg.StepUnverified, crossorg.NotStarted} {
		if t[s] > 0 {
			left = append(left, fmt.Sprintf("%d %s", t[s], s))
		}
	}
	if len(left) > 0 {
		text += "; " + strings.Join(left, ", ") + " · " + c.Keys.Retry.Help().Key + " retries them"
		level = common.Warning
	}
	out := common.Outcome{Status: common.StatusMsg{Level: level, Text: text}, Result: EndedMsg{B: b}}
	for _, o := range b.A.Those(crossorg.Applied, crossorg.StepUnverified) {
		out.Touches = append(out.Touches, common.Touched{Org: o.ID, Tab: b.Tab})
	}
	if rev := b.undo(); rev != nil {
		rev.Reverse = nil                   // an undo is not undone in turn
		if n := len(rev.A.Steps()); n > 0 { // none where there was nothing to do
			out.Undo = &common.UndoMsg{Label: b.Past + " " + b.prep() + " " + table.Plural(n, "organization"), Run: Start(c, rev)}
		}
	}
	return out
}

// undo is the reverse of where b applied and, for a retry, of where the
// runs it retries applied: one undo for the whole run, however often it
// was stopped and retried. Nil: nothing to undo.
func (b *Bulk) undo() *Bulk {
	var parts, from []*Bulk
	for x := b; x != nil; x = x.retries {
		if applied := x.A.Those(crossorg.Applied); x.Reverse != nil && !x.undone.Load() && len(applied) > 0 {
			parts, from = append(parts, x.Reverse(applied)), append(from, x)
		}
	}
	if len(parts) <= 1 {
		if len(parts) == 0 {
			return nil
		}
		parts[0].undoes = from
		return parts[0]
	}
	first := parts[0]
	as := make([]*crossorg.Job, len(parts))
	for i, p := range parts {
		as[i] = p.A
	}
	j := &Bulk{Scope: first.Scope, Verb: first.Verb, Past: first.Past, Prep: first.Prep, Tab: first.Tab, Curl: first.Curl,
		A: crossorg.Join(as...), undoes: from}
	j.Ended = func(applied []client.Organization) {
		for _, p := range parts {
			if p.Ended != nil {
				p.Ended(within(applied, p.A))
			}
		}
	}
	return j
}

// within are those of orgs that a plans.
func within(orgs []client.Organization, a *crossorg.Job) []client.Organization {
	in := map[string]bool{}
	for _, s := range a.Steps() {
		in[s.Org.ID] = true
	}
	var out []client.Organization
	for _, o := range orgs {
		if in[o.ID] {
			out = append(out, o)
		}
	}
	return out
}

// Tick follows b's progress while it runs.
func Tick(c *common.Common, b *Bulk) tea.Cmd {
	return common.Tick(c.Ctx, 200*time.Millisecond, func(time.Time) tea.Msg { return TickMsg{B: b} })
}

// Retry plans b again for the organizations it did not apply to.
func Retry(c *common.Common, b *Bulk, again func(orgs []client.Organization) *Bulk) tea.Cmd {
	orgs := b.A.Those(crossorg.StepFailed, crossorg.StepUnverified, crossorg.NotStarted)
	if len(orgs) == 0 {
		return common.Status(common.Info, "nothing to retry: it applied everywhere")
	}
	next := again(orgs)
	next.retries = b
	return Plan(c, next)
}

// Running reports whether b has not ended yet.
func (b *Bulk) Running() bool { return b != nil && !b.ended }

// End marks b over, once its EndedMsg came, and runs its Ended.
func (b *Bulk) End() {
	b.ended = true
	if b.Ended != nil {
		b.Ended(b.A.Those(crossorg.Applied))
	}
}

// Stop starts no more organizations; the calls under way finish.
func (b *Bulk) Stop() { b.A.Stop() }

// Status is the line a running change shows.
func (b *Bulk) Status(c *common.Common) string {
	t := b.A.Tally()
	n := len(b.A.Steps())
	doing := fmt.Sprintf("%s: %d of %d", b.Verb, n-t[crossorg.Waiting]-t[crossorg.Running], n)
	if b.A.Paused() {
		return doing + " · paused · " + c.Keys.Pause.Help().Key + " resumes, " + c.Keys.Stop.Help().Key + " stops"
	}
	return doing + " · " + c.Keys.Pause.Help().Key + " pauses, " + c.Keys.Stop.Help().Key + " stops"
}

// Show puts each organization's state on its row (rows are by organization id).
func Show[T any](l *list.Model[T], b *Bulk) {
	for _, s := range b.A.Steps() {
		id := s.Org.ID
		switch s.State {
		case crossorg.Waiting:
			l.SetState(id, list.State{Phase: list.Pending, Note: "waiting"})
		case crossorg.Running:
			l.SetState(id, list.State{Phase: list.Pending, Note: b.Verb + "…"})
		case crossorg.Applied:
			l.ClearState(id)
		case crossorg.StepFailed:
			l.SetState(id, list.State{Phase: list.Failed, Note: common.Explain(s.Err)})
		case crossorg.StepUnverified:
			l.SetState(id, list.State{Phase: list.Unverified, Note: common.Explain(s.Err)})
		case crossorg.NotStarted:
			l.SetState(id, list.State{Phase: list.Failed, Note: "not sent: stopped first"})
		}
	}
}
