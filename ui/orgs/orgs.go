// Package orgs is the organizations screen: every organization of the
// tenant, streamed page by page, filterable and sortable.
package orgs

import (
	"cmp"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/org"
	"github.com/orgdash/orgdash/ui/table"
)

// sortOrder is how the list is ordered.
type sortOrder int

const (
	byCreation sortOrder = iota // as Auth0 lists them
	byName
	byDisplayName
)

func (s sortOrder) String() string {
	return [...]string{"created", "name", "display name"}[s]
}

// Model is the organizations screen.
type Model struct {
	c       *common.Common
	table   table.Model
	filter  table.Filter
	spinner spinner.Model
	orgs    map[string]client.Organization
	seq     int // the current load; older pages are dropped
	loading bool
	err     error
	order   sortOrder
	width   int
	height  int
}

var _ common.Screen = (*Model)(nil)

// New makes the screen; Init starts loading.
func New(c *common.Common) *Model {
	return &Model{c: c, filter: table.NewFilter(c.Keys), spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		table: table.New(c.Keys, c.Styles, "no organizations yet",
			table.Column{Title: "NAME", Min: 12, Flex: 3},
			table.Column{Title: "DISPLAY NAME", Min: 12, Flex: 4},
			table.Column{Title: "ID", Min: 20}),
		orgs: map[string]client.Organization{}}
}

// pageMsg is one page of organizations for load seq.
type pageMsg struct {
	seq  int
	page client.Page[client.Organization]
	err  error
}

func fetch(c *common.Common, seq int, from string) tea.Cmd {
	ctx, cl := c.Ctx, c.Client
	return func() tea.Msg {
		p, err := cl.Organizations(ctx, from)
		return pageMsg{seq: seq, page: p, err: err}
	}
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.reload() }

func (m *Model) reload() tea.Cmd {
	m.seq = m.c.NextID()
	m.loading, m.err = true, nil
	m.orgs = map[string]client.Organization{}
	m.table.SetRows(nil)
	return tea.Batch(fetch(m.c, m.seq, ""), m.spinner.Tick)
}

// Update handles keys, pages and refreshes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		rows := make([]table.Row, 0, len(msg.page.Items))
		for _, o := range msg.page.Items {
			m.orgs[o.ID] = o
			rows = append(rows, table.NewRow(o.ID, o.Name, o.DisplayName, o.ID))
		}
		m.table.Append(rows...)
		if msg.err != nil {
			m.loading, m.err = false, msg.err
			return m, nil
		}
		if msg.page.Next != "" {
			return m, fetch(m.c, m.seq, msg.page.Next)
		}
		m.loading = false
		m.sort()
		return m, nil
	case org.DeletedMsg: // the list is always in the stack: it reports, wherever the delete began
		if msg.Err != nil {
			return m, common.Status(common.Failure, "delete "+common.Clean(msg.Org.Name)+": "+common.Explain(msg.Err))
		}
		delete(m.orgs, msg.Org.ID)
		m.table.Remove(msg.Org.ID)
		return m, common.Status(common.Success, "deleted organization "+common.Clean(msg.Org.Name))
	case common.RefreshMsg:
		return m, m.reload()
	case spinner.TickMsg:
		if !m.loading {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyPressMsg, tea.PasteMsg:
		return m, m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.table.HandleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.Msg) tea.Cmd {
	if cmd, took := m.filter.Route(msg, &m.table); took {
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := m.c.Keys
	switch {
	case m.table.HandleKey(k):
	case key.Matches(k, keys.Back):
		return common.Back
	case key.Matches(k, keys.Open):
		if o, ok := m.selected(); ok {
			return common.Push(org.New(m.c, o))
		}
	case key.Matches(k, keys.Copy):
		if o, ok := m.selected(); ok {
			return common.Copy(o.ID)
		}
	case key.Matches(k, keys.Sort):
		m.order = (m.order + 1) % 3
		m.sort()
		return common.Status(common.Info, "sorted by "+m.order.String())
	case key.Matches(k, keys.Refresh):
		return m.reload()
	case key.Matches(k, keys.DeleteOrg):
		if o, ok := m.selected(); ok {
			return org.ConfirmDelete(m.c, o)
		}
	case key.Matches(k, keys.More):
		if o, ok := m.selected(); ok {
			return dialog.Open(dialog.NewMenu(m.c, "More options: "+common.Clean(o.Name), []dialog.Item{
				{Label: "Open", Key: "enter", Then: common.Push(org.New(m.c, o))},
				{Label: "Copy organization id", Key: "y", Then: common.Copy(o.ID)},
				{Label: "Delete organization", Key: "D", Reason: m.c.Reason(client.DeleteOrganization), Then: org.ConfirmDelete(m.c, o)},
			}))
		}
	}
	return nil
}

func (m *Model) selected() (client.Organization, bool) {
	r, ok := m.table.Selected()
	if !ok {
		return client.Organization{}, false
	}
	o, ok := m.orgs[r.ID]
	return o, ok
}

// sort orders the rows; creation order is the order Auth0 listed them in.
func (m *Model) sort() {
	if m.order == byCreation {
		return // rows arrive in creation order; a reload restores it
	}
	col := 0
	if m.order == byDisplayName {
		col = 1
	}
	m.table.Sort(func(a, b table.Row) int {
		return cmp.Compare(strings.ToLower(a.Cells[col]), strings.ToLower(b.Cells[col]))
	})
}

// SetSize lays the screen out.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, h-2)
}

// View draws the title line, the table and the filter or position line.
func (m *Model) View() string {
	s := m.c.Styles
	m.table.SetStyles(s)
	noun := " organizations"
	if m.table.Total() == 1 {
		noun = " organization"
	}
	title := s.Title.Render(table.Count(m.table.Total())) + s.Muted.Render(noun)
	if m.loading {
		title += "  " + m.spinner.View() + s.Muted.Render(" loading…")
	}
	if m.order != byCreation {
		title += s.Muted.Render("  · sorted by " + m.order.String())
	}
	bottom := s.Muted.Render(m.table.Position())
	if f := m.filter.View(s, m.width/2); f != "" {
		bottom = f + "  " + bottom
	}
	if m.err != nil {
		bottom = s.Error.Render(common.Explain(m.err))
	}
	return title + "\n" + m.table.View() + "\n" + bottom
}

// Crumb is the breadcrumb's part.
func (m *Model) Crumb() string { return "Organizations" }

// Capturing reports whether the filter is taking keys.
func (m *Model) Capturing() bool { return m.filter.Active() }

// Help lists the bindings usable here.
func (m *Model) Help() help.KeyMap {
	k := m.c.Keys
	return common.HelpMap{
		Short: []key.Binding{k.Open, k.Filter, k.Sort, k.More, k.Copy, k.Jump, k.Help},
		Full: [][]key.Binding{
			{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
			{k.Open, k.Filter, k.Sort, k.Copy, k.Refresh, k.More, m.c.Usable(k.DeleteOrg, client.DeleteOrganization)},
			{k.Back},
		},
	}
}
