package dialog

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
)

// JSONView shows one entity as Auth0 returns it: one GET through the
// session's client (paced, in the entity's bucket), the body indented in
// a read-only pager as wide as the terminal less its margins, long lines
// wrapped (jsonwrap.go), scrolling by rows. It only reads, so it is open
// to a viewer over SSH and on a read-only profile. The body is drawn
// through safetext.IndentJSON (a hostile name shows as \u escapes, never
// raw) and y copies the body's lines, unwrapped; the client has already
// hidden the values it recognises as credentials (client.RawJSON: a best
// effort by key and value shape).
//
// The root does not pass a resize to a dialog: the viewer reads the
// terminal's size from its Common on every draw and lays itself out again
// when it changed (layout).
type JSONView struct {
	c      *common.Common
	title  string
	entity client.Entity
	id     int
	lines  []string // the indented body, once read
	err    error

	rows     []jsonRow // lines wrapped to the width
	top      int       // the first row shown
	height   int       // the rows shown at once
	width    int       // the text width of the box
	laidOut  [3]int    // the terminal's width and height, and len(lines), rows were laid out for
	showHelp bool      // ? shows every key in place of the body, until the next key
}

// readJSONMsg is the body of view id's GET.
type readJSONMsg struct {
	id   int
	body []byte
	err  error
}

// ViewJSON opens the viewer of e, titled by what it is ("Organization acme").
func ViewJSON(c *common.Common, title string, e client.Entity) tea.Cmd {
	return Open(&JSONView{c: c, title: title, entity: e, id: c.NextID()})
}

// Init reads the entity.
func (d *JSONView) Init() tea.Cmd {
	ctx, cl, e, id := d.c.Ctx, d.c.Client, d.entity, d.id
	return func() tea.Msg {
		body, err := cl.RawJSON(ctx, e)
		return readJSONMsg{id: id, body: body, err: err}
	}
}

// Update takes the body, scrolls, copies and closes.
func (d *JSONView) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	d.layout()
	switch msg := msg.(type) {
	case readJSONMsg:
		if msg.id != d.id {
			return d, nil
		}
		d.err = msg.err
		if msg.err == nil {
			text, err := safetext.IndentJSON(msg.body)
			d.err = err
			d.lines = strings.Split(text, "\n")
			d.layout()
		}
		return d, nil
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll(-3)
		case tea.MouseWheelDown:
			d.scroll(3)
		}
		return d, nil
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

// key handles one key: ? shows the keys until the next one.
func (d *JSONView) key(msg tea.KeyPressMsg) tea.Cmd {
	k := d.c.Keys
	if d.showHelp {
		d.showHelp = false
		return nil
	}
	switch {
	case key.Matches(msg, k.Dialog.Cancel), key.Matches(msg, k.Close):
		return Done(nil)
	case key.Matches(msg, k.Help):
		d.showHelp = true
	case key.Matches(msg, k.Copy):
		if d.lines == nil {
			return common.Status(common.Info, "nothing to copy yet")
		}
		return d.copy()
	case key.Matches(msg, k.Down):
		d.scroll(1)
	case key.Matches(msg, k.Up):
		d.scroll(-1)
	case key.Matches(msg, k.PageDown):
		d.scroll(d.height)
	case key.Matches(msg, k.PageUp):
		d.scroll(-d.height)
	case key.Matches(msg, k.Top):
		d.top = 0
	case key.Matches(msg, k.Bottom):
		d.top = d.lastTop()
	}
	return nil
}

// scroll moves the rows shown by n, within the body.
func (d *JSONView) scroll(n int) { d.top = max(min(d.top+n, d.lastTop()), 0) }

// lastTop is the first row shown at the bottom of the body.
func (d *JSONView) lastTop() int { return max(len(d.rows)-d.height, 0) }

// copy puts the body's lines on the clipboard, one a line (not as wrapped).
func (d *JSONView) copy() tea.Cmd {
	text := safetext.ClipboardLines(d.lines)
	st := common.StatusMsg{Level: common.Info, Text: "copied the JSON of " + d.entity.Path() + " (" + strconv.Itoa(len(d.lines)) + " lines)"}
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg { return st })
}

// View draws the body, or what is happening instead, in a box under its
// title (with where the view is) and the GET, over the terminal but for
// its margins.
func (d *JSONView) View() string {
	d.layout()
	s, w := d.c.Styles, d.width
	where := ""
	if d.lines != nil && d.err == nil {
		where = "  " + d.position()
	}
	title := s.DialogTitle.Render(ansi.Truncate(common.Clean(d.title), w-ansi.StringWidth(where), "…")) + s.Muted.Render(where)
	var body []string
	switch {
	case d.showHelp:
		body = d.fullHelp()
	case d.err != nil:
		body = strings.Split(s.Error.Render(ansi.Wrap("cannot "+d.entity.Action.String()+": "+common.Unread(d.err), w, "")), "\n")
	case d.lines == nil:
		body = []string{s.Muted.Render("reading…")}
	default:
		for _, r := range d.rows[d.top:min(d.top+d.height, len(d.rows))] {
			body = append(body, r.text)
		}
	}
	gap := []string{""}
	style := s.Dialog.Width(w + 6)
	if compact(d.c) {
		gap, style = nil, style.Padding(0, 2)
	}
	parts := append(append([]string{title}, gap...), d.getLines()...)
	parts = append(append(append(parts, gap...), body...), d.hint())
	return style.Render(strings.Join(parts, "\n"))
}

// fullHelp is every key of the viewer, for ?.
func (d *JSONView) fullHelp() []string {
	h := help.New()
	h.Styles = d.c.Styles.Help
	closes := d.c.Styles.Muted.Render("(any key closes)")
	lines := append(strings.Split(h.FullHelpView(d.Help().FullHelp()), "\n"), "", closes)
	if len(lines) > max(d.height, 1) { // a short terminal: what fits, and how to go back
		lines = append(lines[:max(d.height-1, 0)], closes)
	}
	return lines
}

// getLines are the call made, "GET /organizations/org_1", cut into lines
// of the box's width.
func (d *JSONView) getLines() []string {
	return strings.Split(ansi.Hardwrap("GET "+common.Clean(d.entity.Path()), d.width, false), "\n")
}

// keys are the viewer's keys that do something now, before esc and ?:
// no way down at the bottom, none up at the top.
func (d *JSONView) keys() []key.Binding {
	k := d.c.Keys
	var out []key.Binding
	if d.top < d.lastTop() {
		out = append(out, k.Down, k.PageDown)
	}
	if d.top > 0 {
		out = append(out, k.Up, k.PageUp)
	}
	if d.lines != nil {
		out = append(out, Named(k.Copy, "copy"))
	}
	return out
}

// hint is the key line: the keys of the moment, esc and, last, ? help;
// the first are cut short where the box is narrow.
func (d *JSONView) hint() string {
	k := d.c.Keys
	h := help.New()
	h.Styles = d.c.Styles.Help
	end := h.ShortHelpView([]key.Binding{k.Dialog.Cancel, k.Help})
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	h.SetWidth(max(d.width-ansi.StringWidth(end)-ansi.StringWidth(sep), 1))
	if keys := h.ShortHelpView(d.keys()); keys != "" {
		return keys + sep + end
	}
	return end
}

// position is where the view is in the body's lines: "12 lines" when all
// of them are shown, else the lines shown whole or in part, "1–17/42".
func (d *JSONView) position() string {
	n := strconv.Itoa(len(d.lines))
	if len(d.rows) <= d.height {
		return n + " lines"
	}
	bottom := min(d.top+d.height, len(d.rows)) - 1
	first, last := d.rows[d.top].line+1, d.rows[bottom].line+1
	return strconv.Itoa(first) + "–" + strconv.Itoa(last) + "/" + n
}

// Help is the viewer's keys.
func (d *JSONView) Help() help.KeyMap {
	d.layout() // the footer may be drawn before the box, after a resize
	k := d.c.Keys
	short := append(d.keys(), k.Dialog.Cancel, k.Help)
	copyKey := Named(k.Copy, "copy")
	copyKey.SetEnabled(d.lines != nil)
	return common.HelpMap{Short: short, Full: [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{copyKey, k.Dialog.Cancel, k.Help},
	}}
}
