// Package footer is the dashboard's bottom: a status line that clears
// itself, calls in flight, the rate-limit gauge, and short help.
package footer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui/cells"
	"github.com/orgdash/orgdash/ui/common"
)

// statusFor is how long a status line stays.
const statusFor = 6 * time.Second

// Model is the footer.
type Model struct {
	ctx      context.Context // the session's: its timers end with it
	help     help.Model
	status   common.StatusMsg
	statusID int
	budget   pace.Snapshot
	width    int
	undo     string
	undoBy   time.Time
}

// SetUndo shows "z undo <label>" until by; an empty label hides it.
func (m *Model) SetUndo(label string, by time.Time) { m.undo, m.undoBy = label, by }

// New makes an empty footer.
func New(ctx context.Context) Model { return Model{ctx: ctx, help: help.New()} }

// clearMsg clears status statusID if it is still shown.
type clearMsg struct{ id int }

// SetStatus shows a status line and returns the command that clears it.
func (m *Model) SetStatus(s common.StatusMsg) tea.Cmd {
	m.status = s
	m.statusID++
	id := m.statusID
	return common.Tick(m.ctx, statusFor, func(time.Time) tea.Msg { return clearMsg{id} })
}

// ClearInfo drops an informational status ("sorted by name", "copied"):
// it spoke of the screen the user has just left. Outcomes, warnings and
// failures stay their time.
func (m *Model) ClearInfo() {
	if m.status.Level == common.Info {
		m.status = common.StatusMsg{}
	}
}

// Update clears the status line when its time is up.
func (m *Model) Update(msg tea.Msg) {
	if c, ok := msg.(clearMsg); ok && c.id == m.statusID {
		m.status = common.StatusMsg{}
	}
}

// SetBudget records the latest rate-limit snapshot.
func (m *Model) SetBudget(s pace.Snapshot) { m.budget = s }

// SetWidth sets the width.
func (m *Model) SetWidth(w int) {
	m.width = w
	m.help.SetWidth(w)
}

// Height is the footer's height in lines.
func (Model) Height() int { return 2 }

// View draws the status/gauge line and the help line; the always keys
// (the full help's) end the help line at any width, the focus's keys
// before them cut short where the line is too narrow.
func (m Model) View(s *theme.Styles, km help.KeyMap, now time.Time, always ...key.Binding) string {
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
	if room := m.width - cells.Width(right) - 1; cells.Width(left) > room {
		// the status says what happened: the gauge gives up its bar, rate
		// and calls in flight before the status is cut
		right = Compact(s, m.budget, now)
	}
	room := m.width - cells.Width(right) - 1
	left = cells.Truncate(left, max(room, 0), "…")
	gap := max(m.width-cells.Width(left)-cells.Width(right), 1)
	line := left + strings.Repeat(" ", gap) + right
	return cells.Truncate(line, m.width, "") + "\n" + m.helpLine(km.ShortHelp(), always)
}

// helpLine is short, then always (taken out of short where it has them).
func (m Model) helpLine(short, always []key.Binding) string {
	var tail []key.Binding
	for _, a := range always {
		if a.Enabled() {
			tail = append(tail, a)
		}
	}
	short = slices.DeleteFunc(slices.Clone(short), func(b key.Binding) bool {
		return slices.ContainsFunc(tail, func(a key.Binding) bool { return slices.Equal(b.Keys(), a.Keys()) })
	})
	if len(tail) == 0 || m.width <= 0 {
		return fitShort(m.help, short, m.width)
	}
	h := m.help
	end := h.ShortHelpView(tail)
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	main := fitShort(h, short, max(m.width-cells.Width(end)-cells.Width(sep), 0))
	if main == "" {
		return end
	}
	return main + sep + end
}

// fitShort is the short help of as many bindings as fit in width, with an
// ellipsis where some were left out. (bubbles' help v2.2.1 cuts only when
// its ellipsis fits: a line that ends within two cells of the width got
// every later binding, past the edge.)
func fitShort(h help.Model, bindings []key.Binding, width int) string {
	h.SetWidth(0)
	if width <= 0 {
		return h.ShortHelpView(bindings)
	}
	more := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	for n := len(bindings); n > 0; n-- {
		line := h.ShortHelpView(bindings[:n])
		if n < len(bindings) {
			line += more
		}
		if cells.Width(line) <= width {
			return line
		}
	}
	return ""
}

// Gauge draws the budget of the bucket that limits what the user is doing:
// its tokens now (refill since the last answer included, so the figure is
// live between calls) of its limit as a bar coloured by what is left, and
// its refill rate; while calls are held, for how long and for which bucket.
func Gauge(s *theme.Styles, b pace.Snapshot, now time.Time) string {
	if b.Waiting(now) {
		secs := int(b.WaitingUntil.Sub(now).Round(time.Second) / time.Second)
		left := b.RemainingAt(now)
		return s.GaugeEmpty.Render(fmt.Sprintf("%s ▕%s▏ waiting %ds for %s", figures(b.BucketState, left),
			bar(float64(left)/float64(max(b.Limit, 1)), 10), max(secs, 1), pace.BucketLabel(b.WaitingFor)))
	}
	if !b.Known {
		return s.Muted.Render("API budget: not reported yet")
	}
	left := b.RemainingAt(now)
	frac := 0.0
	if b.Limit > 0 {
		frac = float64(left) / float64(b.Limit)
	}
	style := s.GaugeFull
	switch {
	case frac <= 0.1:
		style = s.GaugeEmpty
	case frac <= 0.4:
		style = s.GaugeLow
	}
	rate := ""
	if left < b.Limit {
		rate = refill(b.BucketState)
	}
	if b.HeldUntil.After(now) { // background work (a scan, an export) waits for this bucket
		rate += fmt.Sprintf(" · held %ds", max(int(b.HeldUntil.Sub(now).Round(time.Second)/time.Second), 1))
	}
	return style.Render(fmt.Sprintf("%s ▕%s▏%s", figures(b.BucketState, left), bar(frac, 10), rate))
}

// refill is a bucket's refill rate as far as it is known: the plan's
// documented rate as a fact, else "learning" (a rate measured from a
// few answers is a guess: another client may share the bucket).
func refill(b pace.BucketState) string {
	switch {
	case b.Documented && b.Rate > 0:
		return fmt.Sprintf(" +%.3g/s", b.Rate)
	case b.Documented:
		return ""
	}
	return " refill: learning"
}

// Compact is the gauge in short: the bucket and its tokens, and for how
// long calls wait, for a footer whose status needs the room.
func Compact(s *theme.Styles, b pace.Snapshot, now time.Time) string {
	switch {
	case b.Waiting(now):
		secs := int(b.WaitingUntil.Sub(now).Round(time.Second) / time.Second)
		return s.GaugeEmpty.Render(fmt.Sprintf("%s · waiting %ds", figures(b.BucketState, b.RemainingAt(now)), max(secs, 1)))
	case !b.Known:
		return ""
	}
	return s.Muted.Render(figures(b.BucketState, b.RemainingAt(now)))
}

// figures names a bucket and its tokens: "read members 12/40".
func figures(b pace.BucketState, left int) string {
	return fmt.Sprintf("%s %d/%d", pace.BucketLabel(b.Name), left, b.Limit)
}

// Buckets lists every bucket with its state, for the activity panel.
func Buckets(b pace.Snapshot, now time.Time) []string {
	out := make([]string, 0, len(b.Buckets))
	for _, k := range b.Buckets {
		if !k.Known {
			continue
		}
		line := fmt.Sprintf("%-18s %d/%d", pace.BucketLabel(k.Name), k.RemainingAt(now), k.Limit)
		if k.RemainingAt(now) < k.Limit || k.Documented {
			line += refill(k)
		}
		if k.WaitingUntil.After(now) {
			line += fmt.Sprintf(" · held %ds", int(k.WaitingUntil.Sub(now).Round(time.Second)/time.Second))
		}
		out = append(out, line)
	}
	return out
}

func bar(frac float64, width int) string {
	full := int(frac*float64(width) + 0.5)
	full = max(0, min(full, width))
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}
