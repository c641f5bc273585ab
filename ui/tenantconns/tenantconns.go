// Package tenantconns is the tenant's Connections screen (C): every
// connection of the tenant, how many organizations use each, and for one,
// those organizations (Usage), found by a scan of every organization's
// connections that is paid once per tenant, resumes where it stopped and
// says how old it is.
package tenantconns

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/list"
	"github.com/orgdash/orgdash/ui/table"
)

// Model is the tenant's Connections screen.
type Model struct {
	list.Tab[client.TenantConnection]
	c    *common.Common
	list *list.Model[client.TenantConnection]
	idx  *crossorg.Index
	// the index's counts and progress as the rows last drew them: read
	// once per redraw, not once per row
	counts map[string]int
	read   crossorg.ScanProgress
	id     int // owns its scan ticks
}

var _ common.Screen = (*Model)(nil)

// New makes the screen.
func New(c *common.Common) *Model {
	m := &Model{c: c, idx: crossorg.IndexOf(c.Client), id: c.NextID()}
	m.Tab = list.NewTab(c, list.Spec[client.TenantConnection]{
		One: "connection", Header: m.header,
		Noun:  "connections",
		Empty: "the tenant has no connections",
		Columns: []table.Column{{Title: "NAME", Min: 14, Flex: 3}, {Title: "STRATEGY", Min: 9, Flex: 1},
			{Title: "ORGANIZATIONS", Min: 13}, {Title: "ID", Min: 20}},
		ID:  func(tc client.TenantConnection) string { return tc.ID },
		Row: m.row,
		Fetch: func(ctx context.Context, cl client.Client, _ string) (client.Page[client.TenantConnection], error) {
			tcs, err := cl.TenantConnections(ctx)
			return client.Page[client.TenantConnection]{Items: tcs}, err
		},
		Copy: func(tc client.TenantConnection) []common.Copyable {
			return []common.Copyable{{Label: "ID", Value: tc.ID}, {Label: "Name", Value: tc.Name},
				{Label: "Dashboard URL", Value: common.DashboardURL(c.Client.Tenant().Domain, "connections")}}
		},
	}, m.actions)
	m.list = m.List()
	return m
}

// row shows how many organizations the index has seen with tc: "12" once
// every organization is read, "12+" while some are not.
func (m *Model) row(tc client.TenantConnection) table.Row {
	n := m.counts[tc.ID]
	orgs := "–"
	switch {
	case m.read.Done:
		orgs = table.Count(n)
	case m.read.Read > 0:
		orgs = table.Count(n) + "+"
	}
	return table.NewRow(tc.ID, tc.Name, tc.Strategy, orgs, tc.ID)
}

// Init loads the connections.
func (m *Model) Init() tea.Cmd {
	m.counts, m.read = m.idx.Counts(), m.idx.Progress()
	return tea.Batch(m.list.Init(), again(m.c, m.idx, m.id))
}

// redraw shows the index as it is now on every row.
func (m *Model) redraw() {
	m.counts, m.read = m.idx.Counts(), m.idx.Progress()
	for _, tc := range m.list.Items() {
		m.list.Put(tc)
	}
}

// Update follows the scan, then the list, then the action table.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case scanTickMsg:
		if msg.idx != m.idx {
			return m, nil
		}
		m.redraw() // the counts grow as the scan reads
		if msg.owner != m.id {
			return m, nil
		}
		return m, again(m.c, m.idx, m.id)
	case scannedMsg:
		m.redraw()
		return m, scanStatus(msg)
	}
	return m, m.Route(msg)
}

func (m *Model) actions() common.Actions {
	k := m.c.Keys
	tc, none := m.Selection()
	return common.Actions{
		{Key: k.Open, Label: "Organizations using it", Needs: []client.Action{client.ReadConnections}, Unavailable: none,
			Run: func() tea.Cmd { return common.Push(NewUsage(m.c, tc)) }},
		{Key: dialog.Named(k.LoadAll, scanVerb(m.idx)), Label: "Scan every organization" + map[bool]string{true: " again"}[m.idx.Progress().Done], Needs: []client.Action{client.ReadConnections},
			Run: func() tea.Cmd { return Scan(m.c, m.idx, m.idx.Progress().Done, m.id) }},
		m.CopyAction(),
		m.MoreAction("More options: "+common.Clean(tc.Name), none),
	}
}

// header is the title line over the list.
func (m *Model) header() string {
	s := m.c.Styles
	return s.Title.Render(table.Plural(m.list.Count(), "connection")) + s.Muted.Render(" · "+ScanLine(m.c, m.idx))
}

// ScanLine says how far the index is, how old, or what a scan would cost.
func ScanLine(c *common.Common, idx *crossorg.Index) string {
	p := idx.Progress()
	switch {
	case p.Done:
		age := time.Since(idx.Oldest()).Round(time.Second)
		if c.Width > 0 && c.Width < 100 {
			return fmt.Sprintf("%s scans again · read %s ago", c.Keys.LoadAll.Help().Key, age) // the key first: it is what a cut keeps
		}
		return fmt.Sprintf("every organization read %s ago · %s scans again", age, c.Keys.LoadAll.Help().Key)
	case idx.Scanning():
		left := c.Client.Tracker().Estimate(limits.OrgConnectionsRead, p.Total-p.Read)
		return fmt.Sprintf("scanning: %s of %s read, about %s left", table.Count(p.Read), table.Count(p.Total),
			left.Takes.Round(time.Second))
	case p.Total > 0:
		return fmt.Sprintf("%s of %s organizations read · %s goes on", table.Count(p.Read), table.Count(p.Total), c.Keys.LoadAll.Help().Key)
	}
	long := "which organizations use a connection takes a scan of all of them (one call each) · enter or " + c.Keys.LoadAll.Help().Key + " starts it"
	if c.Width > 0 && c.Width < 40+len(long) { // the keys first: they are what a narrow line must keep
		return "enter or " + c.Keys.LoadAll.Help().Key + " scans who uses each (a call per organization)"
	}
	return long
}

// scanVerb names L by what it would do now: start, go on, or scan again.
func scanVerb(idx *crossorg.Index) string {
	p := idx.Progress()
	switch {
	case p.Done:
		return "scan again"
	case p.Total > 0:
		return "scan on"
	}
	return "scan"
}

// Crumb is the breadcrumb's part.
func (m *Model) Crumb() string { return "Connections" }
