// Package footer is the dashboard's bottom: a status line that clears
// itself, calls in flight, the rate-limit gauge, and short help.
package footer

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/common"
)

// statusFor is how long a status line stays.
const statusFor = 6 * time.Second

// Model is the footer.
type Model struct {
	help     help.Model
	status   common.StatusMsg
	statusID int
	budget   client.Snapshot
	width    int
	undo     string
	undoBy   time.Time
}

// SetUndo shows "z undo <label>" until by; an empty label hides it.
func (m *Model) SetUndo(label string, by time.Time) { m.undo, m.undoBy = label, by }

// New makes an empty footer.
func New() Model { return Model{help: help.New()} }

// clearMsg clears status statusID if it is still shown.
type clearMsg struct{ id int }

// SetStatus shows a status line and returns the command that clears it.
func (m *Model) SetStatus(s common.StatusMsg) tea.Cmd {
	m.status = s
	m.statusID++
	id := m.statusID
	return tea.Tick(statusFor, func(time.Time) tea.Msg { return clearMsg{id} })
}

// Update clears the status line when its time is up.
func (m *Model) Update(msg tea.Msg) {
	if c, ok := msg.(clearMsg); ok && c.id == m.statusID {
		m.status = common.StatusMsg{}
	}
}

// SetBudget records the latest rate-limit snapshot.
func (m *Model) SetBudget(s client.Snapshot) { m.budget = s }

// SetWidth sets the width.
func (m *Model) SetWidth(w int) {
	m.width = w
	m.help.SetWidth(w)
}

// Height is the footer's height in lines.
func (Model) Height() int { return 2 }

// View draws the status/gauge line and the help line.
func (m Model) View(s *theme.Styles, km help.KeyMap, now time.Time) string {
	m.help.Styles = s.Help
	right := Gauge(s, m.budget, now)
	if n := m.budget.InFlight; n > 0 {
		right = s.Muted.Render(fmt.Sprintf("%d in flight · ", n)) + right
	}
	left := ""
	if m.status.Text != "" {
		st := map[common.Level]func(...string) string{common.Info: s.Info.Render, common.Success: s.OK.Render,
			common.Warning: s.Warn.Render, common.Failure: s.Error.Render}[m.status.Level]
		left = st(common.Clean(m.status.Text))
	}
	if m.undo != "" && now.Before(m.undoBy) {
		secs := int(m.undoBy.Sub(now).Round(time.Second) / time.Second)
		u := s.Warn.Render(fmt.Sprintf("z undo %s (%ds)", common.Clean(m.undo), secs))
		if left != "" {
			left = u + s.Muted.Render(" · ") + left
		} else {
			left = u
		}
	}
	room := m.width - ansi.StringWidth(right) - 1
	left = ansi.Truncate(left, max(room, 0), "…")
	gap := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(right), 1)
	line := left + strings.Repeat(" ", gap) + right
	return ansi.Truncate(line, m.width, "") + "\n" + m.help.ShortHelpView(km.ShortHelp())
}

// Gauge draws the budget: remaining/limit as a bar coloured by what is
// left, seconds to the reset, and the wait while calls are held back.
func Gauge(s *theme.Styles, b client.Snapshot, now time.Time) string {
	if b.Waiting(now) {
		secs := int(b.WaitingUntil.Sub(now).Round(time.Second) / time.Second)
		return s.GaugeEmpty.Render(fmt.Sprintf("API %d/%d ▕%s▏ waiting %ds", b.Remaining, b.Limit, bar(0, 10), max(secs, 1)))
	}
	if !b.Known {
		return s.Muted.Render("API budget: not reported yet")
	}
	if now.After(b.Reset) { // tokens came back since: how many, only the next answer says
		return s.Muted.Render(fmt.Sprintf("API ≥%d/%d ▕%s▏", b.Remaining, b.Limit, bar(float64(b.Remaining)/float64(max(b.Limit, 1)), 10)))
	}
	frac := 0.0
	if b.Limit > 0 {
		frac = float64(b.Remaining) / float64(b.Limit)
	}
	style := s.GaugeFull
	switch {
	case frac <= 0.1:
		style = s.GaugeEmpty
	case frac <= 0.4:
		style = s.GaugeLow
	}
	reset := ""
	if d := b.Reset.Sub(now); d > 0 {
		reset = fmt.Sprintf(" reset %ds", int((d+time.Second-1)/time.Second))
	}
	return style.Render(fmt.Sprintf("API %d/%d ▕%s▏%s", b.Remaining, b.Limit, bar(frac, 10), reset))
}

func bar(frac float64, width int) string {
	full := int(frac*float64(width) + 0.5)
	full = max(0, min(full, width))
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}
