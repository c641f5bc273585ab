package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/ui/cells"
	"github.com/orgdash/orgdash/ui/common"
)

// View draws the whole screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "orgdash · " + m.tenantName()
	return v
}

// Render is the screen as text, exactly width × height.
func (m *Model) Render() string {
	s := m.c.Styles
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("terminal too small: %d×%d, orgdash needs %d×%d", m.width, m.height, minWidth, minHeight)
		return s.Warn.Render(ansi.Wrap(msg, max(m.width, 1), ""))
	}
	var body string
	if m.helpOpen { // over the screen: the screen is not drawn
		body = m.fullHelp()
	} else {
		body = m.top().View()
	}
	var always []key.Binding
	if m.dialog == nil && !m.top().Capturing() { // a dialog or a filter being typed takes ? as any key
		always = append(always, m.c.Keys.Help)
	}
	foot := m.footer.View(s, m.help(), m.now(), always...)
	if m.jumping {
		m.jump.SetWidth(m.width - 2)
		foot = m.jump.View() + "\n" + m.shortHelp(jumpHelp(m.c))
	}
	m.fits.size(m.width, m.height)
	screen := m.fits.clip(m.header(), m.width, m.headerHeight()) + "\n" +
		m.fits.clip(body, m.width, m.bodyHeight()) + "\n" + m.fits.clip(foot, m.width, m.footer.Height())
	if m.dialog != nil { // over the whole screen: a small terminal still has room for it
		screen = m.fits.clip(overlay(screen, m.dialog.View(), m.width, m.height), m.width, m.height)
	}
	return screen
}

// overlay draws box centred over body.
func overlay(body, box string, w, h int) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	return lipgloss.NewCompositor(lipgloss.NewLayer(body), lipgloss.NewLayer(box).X(x).Y(y).Z(1)).Render()
}

func (m *Model) tenantName() string {
	t := m.c.Client.Tenant()
	if t.Demo {
		return "demo tenant"
	}
	return t.Domain
}

func (m *Model) headerHeight() int {
	if m.c.Client.Tenant().Demo {
		return 3
	}
	return 2
}

// readOnly says why this session cannot change the tenant, or "".
func (m *Model) readOnly() string {
	caps := m.c.Client.Capabilities()
	if caps.ReadOnly != "" {
		return caps.ReadOnly
	}
	if !caps.Known {
		return ""
	}
	for a := client.ReadOrganizations; a <= client.ReadInvitations; a++ {
		if a.Mutates() && caps.Can(a).Allowed {
			return ""
		}
	}
	return "read-only: the token grants no write scope"
}

// badges puts the session's read-only lock and the profile's protection
// before the tenant line, in the same place at every width (whatever the
// credentials): in full where the line has room, else each in short, then
// the tenant cut to fit.
func (m *Model) badges(tenant string) string {
	s := m.c.Styles
	ro := m.readOnly()
	var full, short []string
	if ro != "" {
		full = append(full, s.Lock.Render("🔒 "+common.Clean(ro)))
		short = append(short, s.Lock.Render("🔒 read-only"))
	}
	if m.c.Protected {
		full = append(full, s.Danger.Render("⚠ protected: removals and toggles need the organization's name"))
		short = append(short, s.Danger.Render("⚠ protected"))
	}
	line := strings.Join(append(full, tenant), "  ")
	if m.width <= 0 || cells.Width(line) <= m.width {
		return line
	}
	return cells.Truncate(strings.Join(append(short, tenant), "  "), m.width, "…")
}

// header is the tenant line, the demo hint, and the breadcrumb.
func (m *Model) header() string {
	s := m.c.Styles
	t := m.c.Client.Tenant()
	line := s.Brand.Render("orgdash") + s.Muted.Render(" · ")
	if t.Demo {
		line += s.Demo.Render("demo tenant — simulated")
	} else {
		line += s.Title.Render(common.Clean(t.Domain))
	}
	if m.c.Profile != "" {
		line += s.Muted.Render(" · profile ") + s.Value.Render(common.Clean(m.c.Profile))
	}
	line = m.badges(line)
	crumbs := make([]string, len(m.stack))
	for i, sc := range m.stack {
		crumbs[i] = sc.Crumb()
	}
	crumb := s.Breadcrumb.Render(strings.Join(crumbs, " › "))
	if r := m.refreshState(); r != "" {
		crumb += s.Muted.Render("  " + r)
	}
	if m.c.Protected { // the frame in the danger colour: this is the tenant to be careful with
		crumb = s.Danger.Render("▌") + crumb
	}
	if t.Demo {
		hint := s.Muted.Render("Real tenant: set AUTH0_DOMAIN and AUTH0_CLIENT_ID/_SECRET or AUTH0_API_TOKEN")
		return line + "\n" + hint + "\n" + crumb
	}
	return line + "\n" + crumb
}

// fullHelp lays out every binding of what has the focus, with bubbles'
// help from the key map (what is unavailable now is left out), its groups
// side by side as far as the width allows, then on further rows.
func (m *Model) fullHelp() string {
	s := m.c.Styles
	k := m.c.Keys
	groups := append(m.help().FullHelp(), []key.Binding{k.Jump, k.Undo, k.Activity, k.Profile, k.Help, k.Close, k.Quit})
	if later := notNow(groups); len(later) > 0 { // keys of this screen that apply in other states: found here before they are needed
		groups = append(groups, later)
	}
	h := help.New()
	h.Styles = s.Help
	var rows []string
	row, width := []string{}, 0
	for _, g := range groups {
		col := h.FullHelpView([][]key.Binding{g})
		if col == "" {
			continue
		}
		w := lipgloss.Width(col) + 3
		if width+w > m.width && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, width = nil, 0
		}
		row, width = append(row, lipgloss.NewStyle().PaddingRight(3).Render(col)), width+w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return s.Section.Render("Keys") + s.Muted.Render("  (any key closes)") + "\n\n" + strings.Join(rows, "\n\n")
}

// notNow are the disabled bindings of groups (the screen's keys that do
// not apply now: nothing marked, nothing failed, no scope), shown enabled
// with "(not now)" so that the full help lists every key the screen has.
func notNow(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	seen := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			if b.Enabled() || h.Key == "" || seen[h.Key] {
				continue
			}
			seen[h.Key] = true
			b.SetEnabled(true)
			b.SetHelp(h.Key, h.Desc+" (not now)")
			out = append(out, b)
		}
	}
	return out
}

// shortHelp is one line of bindings.
func (m *Model) shortHelp(km help.KeyMap) string {
	h := help.New()
	h.Styles = m.c.Styles.Help
	h.SetWidth(m.width)
	return h.ShortHelpView(km.ShortHelp())
}
