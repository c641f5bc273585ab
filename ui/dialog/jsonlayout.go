package dialog

// The JSON viewer's size: as wide as the terminal less a margin of two
// columns a side, as tall as its body where the terminal has room, else
// as tall as the terminal less three lines above and below (the header
// and the footer's status and keys stay in sight; on a short terminal, one).

// jsonMargin is the columns left free at each side of the viewer.
const jsonMargin = 2

// layout wraps the body to the box and measures the rows it can show,
// when the terminal's size or the body changed since it last did; the row
// at the top stays the first of its line shown.
func (d *JSONView) layout() {
	now := [3]int{d.c.Width, d.c.Height, len(d.lines)}
	if now == d.laidOut && d.width > 0 {
		return
	}
	d.laidOut = now
	topLine := 0
	if d.top < len(d.rows) {
		topLine = d.rows[d.top].line
	}
	maxWidth := 76
	if d.c.Width > 0 {
		maxWidth = max(d.c.Width-2*jsonMargin-6, 20) // 6: the border and the padding
	}
	d.rows = wrapJSON(d.lines, maxWidth)
	d.width = maxWidth
	d.height = d.room()
	d.top = 0
	for d.top < len(d.rows) && d.rows[d.top].line < topLine {
		d.top++
	}
	d.scroll(0)
}

// room is the rows the body can have: the terminal's height less the
// margins, the border, the padding, the title, the GET line(s), the gaps
// and the key line.
func (d *JSONView) room() int {
	if d.c.Height <= 0 {
		return 16
	}
	chrome := 2 + 2 + 1 + 1 + len(d.getLines()) + 1 + 1
	margin := 3
	if compact(d.c) {
		chrome, margin = 2+1+len(d.getLines())+1, 1
	}
	return max(d.c.Height-2*margin-chrome, 1)
}
