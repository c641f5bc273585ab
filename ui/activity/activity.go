// Package activity is the Activity tab of an organization and the tenant's
// activity screen (":activity"): one timeline, newest first, of orgdash's
// audit and the tenant logs, each entry with who, what and when, and
// whether it was made elsewhere; enter shows the whole event, K and P
// filter by kind and by person, w asks why a login failed, f follows live at background priority
// within a share of the logs bucket (activity.FollowEvery).
package activity

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is an activity timeline: an organization's, or the tenant's.
type Model struct {
	c      *common.Common
	org    client.Organization // ID "": the whole tenant
	id     int
	feed   *activity.Feed
	live   *activity.Live // the tenant's Events API subscription, if any
	table  table.Model
	filter table.Filter

	entries   []activity.Entry
	byID      map[string]activity.Entry
	kind      int    // 0 every kind, else activity.Kinds[kind-1]
	person    string // only this person's entries
	loading   bool
	loaded    bool
	err       error
	following bool
	news      bool      // news came too soon after a read: read on at the pace's next slot
	seq       int       // the follow loop: ticks of an older one are dropped
	polledAt  time.Time // the last read, for the pace of nudges
	settling  bool      // a settleTickMsg is on its way
	width     int
	height    int
}

var _ common.Pane = (*Model)(nil)

// Spec is the Activity tab of an organization's page.
func Spec() common.TabSpec {
	return common.TabSpec{Tab: common.Activity, Title: "Activity",
		Key: keymap.Named("activity-tab"), New: common.MakePane(New)}
}

// New makes the timeline of o (an organization) or, with o's ID empty, of
// the tenant.
func New(c *common.Common, o client.Organization) *Model {
	// WHEN names its zone, as the detail does; KIND fits "login failed";
	// VIA says whether a change came through orgdash
	cols := []table.Column{{Title: "WHEN (" + time.Now().Format("MST") + ")", Min: 19}, {Title: "WHO", Min: 12, Flex: 2},
		{Title: "WHAT", Min: 17, Flex: 4}, {Title: "KIND", Min: 13}, {Title: "VIA", Min: 11}}
	if o.ID == "" {
		cols = append(cols[:4:4], table.Column{Title: "ORGANIZATION", Min: 12, Flex: 1}, cols[4])
	}
	m := &Model{c: c, org: o, id: c.NextID(), filter: table.NewFilter(c.Keys), byID: map[string]activity.Entry{},
		table: table.New(c.Keys, c.Styles, "nothing logged in the window the tenant keeps", cols...)}
	src := c.ActivitySource()
	m.feed, m.live = activity.NewFeed(src, activity.Query{Org: o.ID, OrgName: o.Name}), src.Live
	return m
}

// loadedMsg is a read's timeline.
type loadedMsg struct {
	id      int
	seq     int // the follow loop it belongs to
	entries []activity.Entry
	err     error
	polled  bool
}

// followTickMsg is the follow pace's next slot.
type followTickMsg struct{ id, seq int }

// settleTickMsg is the time to read the audit again for the outcome of a
// change in progress.
type settleTickMsg struct{ id int }

// SettleEvery is how often a timeline showing a change in progress reads
// the audit again (a local file: no call to Auth0) for its outcome.
const SettleEvery = time.Second

// Init reads the timeline (the user asked: at interactive priority).
func (m *Model) Init() tea.Cmd {
	m.loading = true
	return m.read(false)
}

// read loads anew, or polls from the checkpoint at background priority.
func (m *Model) read(poll bool) tea.Cmd {
	ctx, feed, id, seq := m.c.Ctx, m.feed, m.id, m.seq
	m.polledAt = time.Now()
	return func() tea.Msg {
		var es []activity.Entry
		var err error
		if poll {
			es, err = feed.Poll(pace.Background(ctx))
		} else {
			es, err = feed.Load(ctx)
		}
		if ctx.Err() != nil {
			return nil
		}
		return loadedMsg{id: id, seq: seq, entries: es, err: err, polled: poll}
	}
}

// settledMsg is the timeline built again from what was read, with the
// audit read anew.
type settledMsg struct {
	id      int
	entries []activity.Entry
}

// settle reads the audit again in SettleEvery while a change shows in
// progress, until its outcome is written.
func (m *Model) settle() tea.Cmd {
	if m.settling || !slices.ContainsFunc(m.entries, func(e activity.Entry) bool { return e.Outcome == activity.InProgress }) {
		return nil
	}
	m.settling = true
	id := m.id
	return common.Tick(m.c.Ctx, SettleEvery, func(time.Time) tea.Msg { return settleTickMsg{id: id} })
}

// tick waits for the follow pace's next slot.
func (m *Model) tick(after time.Duration) tea.Cmd {
	id, seq := m.id, m.seq
	return common.Tick(m.c.Ctx, after, func(time.Time) tea.Msg { return followTickMsg{id: id, seq: seq} })
}

// every is how often following polls: every FollowEvery, or with the
// Events API streaming, every QuietEvery (its news polls sooner).
func (m *Model) every() time.Duration {
	if m.live != nil {
		if st, _ := m.live.State(); st == activity.Streaming {
			return activity.QuietEvery
		}
	}
	return activity.FollowEvery
}

// Update handles reads, the follow pace, news and keys.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.loading, m.err = false, msg.err
		m.loaded = m.loaded || msg.err == nil || msg.entries != nil // the audit shows even when the logs cannot be read
		if msg.entries != nil || msg.err == nil {
			m.show(msg.entries)
		}
		settle := m.settle()
		if m.following && msg.polled && msg.seq == m.seq { // one follow loop at a time
			return m, tea.Batch(settle, m.tick(m.every()))
		}
		return m, settle
	case settleTickMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.settling = false
		feed, id := m.feed, m.id
		return m, func() tea.Msg {
			es, _ := feed.Settle()
			return settledMsg{id: id, entries: es}
		}
	case settledMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.show(msg.entries)
		return m, m.settle()
	case followTickMsg:
		if msg.id != m.id || msg.seq != m.seq || !(m.following || m.news) {
			return m, nil
		}
		if !m.news && !activity.Room(m.c.Client, time.Now()) && time.Since(m.polledAt) < activity.QuietEvery {
			return m, m.tick(activity.RoomEvery) // nothing new said, and the logs bucket is in use: defer to whoever uses it
		}
		m.news = false
		return m, m.read(true)
	case common.TouchedMsg: // news of a change (another session, the Events API): read on, within the pace
		if (msg.Org != m.org.ID && m.org.ID != "") || !m.loaded {
			return m, nil
		}
		wait := activity.FollowEvery - time.Since(m.polledAt)
		switch {
		case wait <= 0:
			m.seq++ // this read continues the follow loop: the pending tick goes
			return m, m.read(true)
		case !m.news: // at the pace's next slot (not a minute later, when following)
			m.news = true
			m.seq++
			return m, m.tick(wait)
		}
		return m, nil
	case common.RefreshMsg:
		if msg.Auto { // the auto-refresh: read on in the background, unless following does already
			if m.following || !m.loaded {
				return m, nil
			}
			return m, m.read(true)
		}
		m.loading = true
		return m, m.read(false)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles a key: the filter, then the tab's own keys, then the table.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, took := m.filter.Route(msg, &m.table); took {
		return cmd
	}
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Follow):
		return m.toggleFollow()
	case key.Matches(msg, k.Kind):
		m.kind = (m.kind + 1) % (len(activity.Kinds) + 1)
		m.redraw()
		return common.Status(common.Info, "showing "+m.kindLabel())
	case key.Matches(msg, k.Person):
		return m.togglePerson()
	case key.Matches(msg, k.Open):
		if e, ok := m.selected(); ok {
			return common.Push(NewDetail(m.c, e, m.org.ID == ""))
		}
		return nil
	case key.Matches(msg, k.Why):
		cmd, _ := m.actions().Handle(m.c, msg)
		return cmd
	case key.Matches(msg, k.Refresh):
		m.loading = true
		return m.read(false)
	case key.Matches(msg, k.Back): // a kept filter took it first
		return common.Back
	}
	m.table.HandleKey(msg)
	return nil
}

func (m *Model) toggleFollow() tea.Cmd {
	m.following = !m.following
	m.seq++
	if !m.following {
		return common.Status(common.Info, "stopped following")
	}
	note := "following: the tenant logs are read every " + m.every().String() +
		", behind interactive calls (f stops)"
	wait := max(activity.FollowEvery-time.Since(m.polledAt), 0)
	return tea.Batch(m.tick(wait), common.Status(common.Info, note))
}

func (m *Model) togglePerson() tea.Cmd {
	if m.person != "" {
		m.person = ""
		m.redraw()
		return common.Status(common.Info, "everyone's activity")
	}
	e, ok := m.selected()
	if !ok {
		return nil
	}
	if e.Who.Anonymous {
		return common.Status(common.Info, "this login names no one: there is no person to filter by")
	}
	m.person = e.Who.Name
	if m.person == "" {
		m.person = e.Who.ClientID
	}
	m.redraw()
	return common.Status(common.Info, "only "+common.Clean(m.person)+"'s activity ("+m.c.Keys.Person.Help().Key+" again: everyone's)")
}

// actions are what the selected entry offers beyond opening it.
func (m *Model) actions() common.Actions {
	e, ok := m.selected()
	return common.Actions{whyAction(m.c, e, ok)}
}

func (m *Model) selected() (activity.Entry, bool) {
	r, ok := m.table.Selected()
	if !ok {
		return activity.Entry{}, false
	}
	e, ok := m.byID[r.ID]
	return e, ok
}

// Following reports whether the timeline follows the tenant live.
func (m *Model) Following() bool { return m.following }

// Entries are the timeline's entries as read, newest first, unfiltered.
func (m *Model) Entries() []activity.Entry { return m.entries }

// Capturing reports whether the filter line takes the keys.
func (m *Model) Capturing() bool { return m.filter.Active() }

// SetSize gives the timeline its room: the table and a status line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, h-1)
}

// Title is "Activity", with the entries once read: every one, or with a
// filter on, how many of them it shows ("Activity (3 of 9)").
func (m *Model) Title() string {
	if !m.loaded || !m.filtered() {
		return table.Title("Activity", len(m.entries), m.loaded)
	}
	return "Activity (" + table.Count(m.table.Len()) + " of " + table.Count(len(m.entries)) + ")"
}

// filtered reports whether a kind, person or text filter hides entries.
func (m *Model) filtered() bool { return m.kind > 0 || m.person != "" || m.table.Filter() != "" }

// Help is the timeline's keys.
func (m *Model) Help() help.KeyMap {
	if m.filter.Active() {
		return m.filter.Help()
	}
	k := m.c.Keys
	own := append([]key.Binding{k.Open}, m.actions().Bindings(m.c)...)
	own = append(own, k.Follow, k.Kind, k.Person, k.Filter, k.Refresh)
	move := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
	return common.HelpMap{Short: own, Full: [][]key.Binding{move, append(own, k.Back)}}
}
