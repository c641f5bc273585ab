package doctor

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
)

// Last is an organization's last checkup in this session and when it
// ended: ! from the list, the org page or :doctor keeps it, so the
// organization's Overview shows it when opened later.
type Last struct {
	Report doctor.Report
	At     time.Time
}

func memoKey(orgID string) string { return "doctor.checkup " + orgID }

// remember keeps r as its organization's last checkup.
func remember(c *common.Common, r doctor.Report, at time.Time) {
	c.Memo.Put(memoKey(r.Org.ID), Last{Report: r, At: at})
}

// LastCheckup is orgID's last checkup in this session, if any ran.
func LastCheckup(c *common.Common, orgID string) (Last, bool) {
	v, ok := c.Memo.Get(memoKey(orgID))
	l, _ := v.(Last)
	return l, ok
}

// Health is the Overview's Health section for orgID: the last checkup's
// summary and problems with when it ran, each wrapped to width with its
// continuation indented; nil when no checkup ran this session.
func Health(c *common.Common, orgID string, width int) []string {
	l, ok := LastCheckup(c, orgID)
	if !ok {
		return nil
	}
	lines := HealthLines(l.Report)
	lines[0] += " (checked " + l.At.Local().Format("15:04:05") + ")"
	var out []string
	for _, h := range lines {
		out = append(out, wrap(common.Clean(h), width, 4)...)
	}
	return out
}

// wrap breaks line at words to width (a word longer than the room is cut
// across lines, never dropped), its continuation lines indented by
// indent more than its own indent; width 0 leaves it whole.
func wrap(line string, width, indent int) []string {
	if width <= 0 || ansi.StringWidth(line) <= width {
		return []string{line}
	}
	plain := ansi.Strip(line) // the indent is in cells, not in the bytes of colour codes
	lead := len(plain) - len(strings.TrimLeft(plain, " "))
	pad := strings.Repeat(" ", min(lead+indent, width/2))
	var out []string
	for rest, w := line, width; rest != ""; w = width - len(pad) {
		piece := firstLine(rest, w)
		if len(out) > 0 {
			piece = pad + piece
		}
		out = append(out, piece)
		// the rest of the text itself, not of the wrapped lines: a word cut
		// in two stays one word (joining wrapped lines put a space in it)
		rest = ansi.Cut(rest, ansi.StringWidth(strings.TrimPrefix(piece, pad)), ansi.StringWidth(rest))
		if strings.TrimLeft(ansi.Strip(rest), " ") == "" {
			break
		}
		rest = trimLeadingSpaces(rest)
	}
	return out
}

// firstLine is the start of s that fits in w cells, ending before a space
// where one is in reach: only spaces break a line, not hyphens (ansi's wrap
// breaks "brute-force" and "Username-Password-Authentication" in two); a
// word wider than w is cut.
func firstLine(s string, w int) string {
	fits := ansi.Truncate(s, w, "")
	plain, whole := ansi.Strip(fits), ansi.Strip(s)
	if len(plain) == len(whole) || whole[len(plain)] == ' ' {
		return fits // all of it, or it ends at a word's end
	}
	if i := strings.LastIndexByte(strings.TrimRight(plain, " "), ' '); i > 0 {
		return ansi.Truncate(s, ansi.StringWidth(plain[:i]), "")
	}
	return fits
}

// trimLeadingSpaces drops the spaces a line would begin with, keeping
// the colour codes before them.
func trimLeadingSpaces(s string) string {
	for ansi.Strip(s) != "" && strings.HasPrefix(ansi.Strip(s), " ") {
		s = ansi.Cut(s, 1, ansi.StringWidth(s))
	}
	return s
}

// packed lists names after lead, comma-separated, as many a line as fit
// in width: a name is never broken (wrap would break one at its hyphens),
// only one wider than a whole line is left for wrap to cut.
func packed(lead string, names []string, width int) []string {
	const pad = "    "
	var out []string
	line := lead
	for i, n := range names {
		item := n
		if i < len(names)-1 {
			item += ","
		}
		switch {
		case line == lead || line == pad:
			line += item
		case width <= 0 || ansi.StringWidth(line)+1+ansi.StringWidth(item) <= width:
			line += " " + item
		default:
			out, line = append(out, line), pad+item
		}
	}
	return append(out, line)
}
