package dialog

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
)

// JSONView shows one entity as Auth0 returns it: one GET through the
// session's client (paced, in the entity's bucket), the body indented in
// a read-only viewer that scrolls. It only reads, so it is open to a
// viewer over SSH and on a read-only profile. The body is drawn through
// safetext.IndentJSON (a hostile name shows as \u escapes, never raw) and
// y copies exactly the lines shown; the client has already hidden any
// credential-like value (client.RawJSON).
type JSONView struct {
	c      *common.Common
	title  string
	entity client.Entity
	id     int
	lines  []string // the indented body, once read
	err    error
	vp     viewport.Model
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
	d.vp = viewport.New()
	d.vp.SoftWrap = true
	k := d.c.Keys
	d.vp.KeyMap = viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}
	d.size()
	ctx, cl, e, id := d.c.Ctx, d.c.Client, d.entity, d.id
	return func() tea.Msg {
		body, err := cl.RawJSON(ctx, e)
		return readJSONMsg{id: id, body: body, err: err}
	}
}

// size fits the viewport to the terminal (the box's border and padding,
// its title, the path and the gaps, and the key line) and to the body.
func (d *JSONView) size() {
	h := 16
	if d.c.Height > 0 {
		h = d.c.Height - 4 - 4 - 1
		if compact(d.c) {
			h = d.c.Height - 2 - 2 - 1
		}
	}
	w := textWidth(d.c)
	h -= lipgloss.Height(d.getLine()) - 1 // a long path takes more lines
	if d.lines != nil {
		h = min(h, len(d.lines))
	}
	d.vp.SetWidth(w)
	d.vp.SetHeight(max(h, 3))
}

// Update takes the body, scrolls, copies and closes.
func (d *JSONView) Update(msg tea.Msg) (Dialog, tea.Cmd) {
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
			d.vp.SetContentLines(d.lines)
			d.size()
		}
		return d, nil
	case tea.WindowSizeMsg:
		d.size()
		return d, nil
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(msg)
		return d, cmd
	case tea.KeyPressMsg:
		k := d.c.Keys
		switch {
		case key.Matches(msg, k.Dialog.Cancel), key.Matches(msg, k.Close):
			return d, Done(nil)
		case key.Matches(msg, k.Copy):
			if d.lines == nil {
				return d, common.Status(common.Info, "nothing to copy yet")
			}
			return d, d.copy()
		case key.Matches(msg, k.Top):
			d.vp.GotoTop()
			return d, nil
		case key.Matches(msg, k.Bottom):
			d.vp.GotoBottom()
			return d, nil
		}
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(msg)
		return d, cmd
	}
	return d, nil
}

// copy puts the lines shown on the clipboard, one a line.
func (d *JSONView) copy() tea.Cmd {
	text := safetext.ClipboardLines(d.lines)
	st := common.StatusMsg{Level: common.Info, Text: "copied the JSON of " + d.entity.Path() + " (" + strconv.Itoa(len(d.lines)) + " lines)"}
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg { return st })
}

// View draws the body, or what is happening instead, in a dialog box
// under its title (cut to the width, with where the view is) and the GET.
func (d *JSONView) View() string {
	s, w := d.c.Styles, textWidth(d.c)
	where := ""
	if d.lines != nil && d.err == nil {
		where = "  " + d.position()
	}
	title := s.DialogTitle.Render(ansi.Truncate(common.Clean(d.title), w-ansi.StringWidth(where), "…")) + s.Muted.Render(where)
	var body string
	switch {
	case d.err != nil:
		body = s.Error.Render(ansi.Wrap("cannot "+d.entity.Action.String()+": "+common.Unread(d.err), w, ""))
	case d.lines == nil:
		body = s.Muted.Render("reading…")
	default:
		body = d.vp.View()
	}
	return box(d.c, title, d.getLine(), body, "", hintEndingWith(d.c, d.keys(), d.c.Keys.Dialog.Cancel))
}

// getLine is the call made, "GET /organizations/org_1", cut into lines
// of the dialog's width.
func (d *JSONView) getLine() string {
	return ansi.Hardwrap("GET "+common.Clean(d.entity.Path()), textWidth(d.c), false)
}

// keys are the viewer's keys before esc.
func (d *JSONView) keys() []key.Binding {
	k := d.c.Keys
	copyKey := Named(k.Copy, "copy")
	copyKey.SetEnabled(d.lines != nil)
	return []key.Binding{k.Down, k.PageDown, copyKey}
}

// position is the lines shown of all: "1–17/42".
func (d *JSONView) position() string {
	first := d.vp.YOffset() + 1
	last := min(d.vp.YOffset()+d.vp.VisibleLineCount(), d.vp.TotalLineCount())
	return strconv.Itoa(first) + "–" + strconv.Itoa(last) + "/" + strconv.Itoa(d.vp.TotalLineCount())
}

// Help is the viewer's keys.
func (d *JSONView) Help() help.KeyMap {
	k := d.c.Keys
	short := append(d.keys(), k.Up, k.PageUp, k.Top, k.Bottom, d.c.Keys.Dialog.Cancel)
	return common.HelpMap{Short: short, Full: [][]key.Binding{short}}
}
