package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
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
	body := clip(m.top().View(), m.width, m.bodyHeight())
	if m.helpOpen {
		body = m.fullHelp()
	}
	if m.dialog != nil {
		body = overlay(body, m.dialog.View(), m.width, m.bodyHeight())
	}
	foot := m.footer.View(s, m.top().Help(), m.now())
	if m.jumping {
		m.jump.SetWidth(m.width - 2)
		foot = m.jump.View() + "\n" + s.Muted.Render("enter go · esc cancel")
	}
	return clip(m.header(), m.width, m.headerHeight()) + "\n" +
		clip(body, m.width, m.bodyHeight()) + "\n" + clip(foot, m.width, m.footer.Height())
}

// overlay draws box centred over body.
func overlay(body, box string, w, h int) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	return lipgloss.NewCompositor(lipgloss.NewLayer(body), lipgloss.NewLayer(box).X(x).Y(y).Z(1)).Render()
}

// clip makes s exactly h lines of at most w cells.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
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
	if m.c.Protected {
		line += "  " + s.Danger.Render("⚠ protected: removals and toggles need the organization's name")
	}
	if ro := m.readOnly(); ro != "" {
		line += "  " + s.Lock.Render("🔒 "+ro)
	}
	crumbs := make([]string, len(m.stack))
	for i, sc := range m.stack {
		crumbs[i] = sc.Crumb()
	}
	crumb := s.Breadcrumb.Render(strings.Join(crumbs, " › "))
	if m.c.Protected { // the frame in the danger colour: this is the tenant to be careful with
		crumb = s.Danger.Render("▌") + crumb
	}
	if t.Demo {
		hint := s.Muted.Render("Real tenant: set AUTH0_DOMAIN and AUTH0_CLIENT_ID/_SECRET or AUTH0_API_TOKEN")
		return line + "\n" + hint + "\n" + crumb
	}
	return line + "\n" + crumb
}

// fullHelp lays out every binding of the focused screen, from the key map.
func (m *Model) fullHelp() string {
	s := m.c.Styles
	k := m.c.Keys
	groups := append(m.top().Help().FullHelp(), []key.Binding{k.Jump, k.Help, k.Quit})
	var cols []string
	for _, g := range groups {
		var lines []string
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			lines = append(lines, s.Title.Render(fmt.Sprintf("%-10s", b.Help().Key))+" "+s.Muted.Render(b.Help().Desc))
		}
		cols = append(cols, strings.Join(lines, "\n"))
	}
	return s.Section.Render("Keys") + s.Muted.Render("  (any key closes)") + "\n\n" + joinColumns(cols, 4)
}

// joinColumns puts blocks side by side with gap spaces between.
func joinColumns(blocks []string, gap int) string {
	split := make([][]string, len(blocks))
	widths := make([]int, len(blocks))
	rows := 0
	for i, b := range blocks {
		split[i] = strings.Split(b, "\n")
		rows = max(rows, len(split[i]))
		for _, l := range split[i] {
			widths[i] = max(widths[i], ansi.StringWidth(l))
		}
	}
	var out strings.Builder
	for r := range rows {
		for i := range split {
			cell := ""
			if r < len(split[i]) {
				cell = split[i][r]
			}
			out.WriteString(cell + strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+gap))
		}
		out.WriteByte('\n')
	}
	return strings.TrimRight(out.String(), "\n")
}
