// Package invitations is an organization's Invitations tab.
package invitations

import (
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the Invitations tab.
type Model struct {
	c       *common.Common
	org     client.Organization
	table   table.Model
	seq     int
	loading bool
	err     error
}

var _ common.Pane = (*Model)(nil)

// New makes the tab for o.
func New(c *common.Common, o client.Organization) *Model {
	return &Model{c: c, org: o, table: table.New(c.Keys, c.Styles, "no pending invitations",
		table.Column{Title: "INVITEE", Min: 16, Flex: 3},
		table.Column{Title: "INVITER", Min: 10, Flex: 2},
		table.Column{Title: "EXPIRES", Min: 14},
		table.Column{Title: "ROLES", Min: 5})}
}

type loadedMsg struct {
	seq  int
	invs []client.Invitation
	now  time.Time
	err  error
}

// Init loads the invitations.
func (m *Model) Init() tea.Cmd {
	m.seq = m.c.NextID()
	m.loading, m.err = true, nil
	ctx, cl, id, seq := m.c.Ctx, m.c.Client, m.org.ID, m.seq
	return func() tea.Msg {
		invs, err := cl.Invitations(ctx, id)
		return loadedMsg{seq: seq, invs: invs, now: time.Now(), err: err}
	}
}

// Expiry says when an invitation lapses, relative to now, in days or hours.
func Expiry(at, now time.Time) string {
	d := at.Sub(now)
	span := func(d time.Duration) string {
		if d >= 48*time.Hour {
			return strconv.Itoa(int(d/(24*time.Hour))) + " days"
		}
		return strconv.Itoa(max(int(d/time.Hour), 1)) + " h"
	}
	switch {
	case at.IsZero():
		return "–"
	case d < 0:
		return "expired " + span(-d) + " ago"
	}
	return "in " + span(d)
}

// Update handles the list and keys.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading = false
		if gone, ok := common.Gone(msg.err, m.org); ok {
			return m, func() tea.Msg { return gone }
		}
		m.err = msg.err
		rows := make([]table.Row, 0, len(msg.invs))
		for _, inv := range msg.invs {
			rows = append(rows, table.NewRow(inv.ID, inv.Invitee, inv.Inviter, Expiry(inv.ExpiresAt, msg.now), fmt.Sprint(len(inv.Roles))))
		}
		m.table.SetRows(rows)
	case common.RefreshMsg:
		return m, m.Init()
	case tea.MouseWheelMsg:
		m.table.HandleKey(msg)
	case tea.KeyPressMsg:
		k := m.c.Keys
		switch {
		case m.table.HandleKey(msg):
		case key.Matches(msg, k.Back):
			return m, common.Back
		case key.Matches(msg, k.Copy):
			if r, ok := m.table.Selected(); ok {
				return m, common.Copy(r.ID)
			}
		case key.Matches(msg, k.Refresh):
			return m, m.Init()
		}
	}
	return m, nil
}

// SetSize lays the tab out.
func (m *Model) SetSize(w, h int) { m.table.SetSize(w, h-1) }

// View draws the table and a status line.
func (m *Model) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	return m.table.View() + "\n" + m.table.Status(m.loading, m.err)
}

// Title is the tab label with the count once loaded.
func (m *Model) Title() string {
	return table.Title("Invitations", m.table.Total(), m.seq != 0 && !m.loading)
}

// Capturing is always false: the tab takes no text.
func (m *Model) Capturing() bool { return false }

// Help lists the usable bindings.
func (m *Model) Help() help.KeyMap {
	k := m.c.Keys
	return common.HelpMap{Short: []key.Binding{k.Copy, k.Refresh},
		Full: [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Copy, k.Refresh, k.Back}}}
}
