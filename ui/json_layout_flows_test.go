package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/auth0/go-auth0/management"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// viewerBox is the JSON viewer's box as the screen shows it.
type viewerBox struct {
	top, left, width int      // the cells of its top left corner; its width with the border
	rows             []string // inside the border and the padding, spaces at the right trimmed
	closed           bool     // its bottom border is on the screen
}

// title is the box's first line of text; last the one above its key line.
func (b viewerBox) title() string {
	for _, r := range b.rows {
		if r != "" {
			return r
		}
	}
	return ""
}

func (b viewerBox) last() string {
	for i, r := range b.rows {
		if strings.HasSuffix(r, "? help") && i > 0 {
			return b.rows[i-1]
		}
	}
	return ""
}

// jsonBox finds the viewer's box on screen (the first "╭" from the top).
func jsonBox(t *testing.T, screen string) viewerBox {
	t.Helper()
	lines := strings.Split(screen, "\n")
	var b viewerBox
	b.top = -1
	for i, l := range lines {
		if j := strings.Index(l, "╭"); j >= 0 && b.top < 0 {
			b.top, b.left = i, ansi.StringWidth(l[:j])
			b.width = ansi.StringWidth(l[j:strings.LastIndex(l, "╮")]) + 1
			continue
		}
		if b.top < 0 {
			continue
		}
		row := ansi.Cut(l, b.left, b.left+b.width)
		if strings.HasPrefix(row, "╰") {
			b.closed = true
			break
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(row, "│"), "│")
		b.rows = append(b.rows, strings.TrimRight(strings.TrimPrefix(inner, "  "), " "))
	}
	if b.top < 0 {
		t.Fatalf("no box on screen:\n%s", screen)
	}
	return b
}

// withLongMetadata gives acme metadata whose values do not fit one row.
func withLongMetadata(t *testing.T, f *flow, acme string) {
	t.Helper()
	md := map[string]string{}
	for i := range 2 {
		md["url_"+strconv.Itoa(i)] = "https://cdn.example.com/very/long/path/to/some/asset/number/" + strconv.Itoa(i) + "/" + strings.Repeat("segment-", 12) + "end.png"
	}
	md["token_like"] = strings.Repeat("abcdef0123456789", 9) + "xy" // 146 characters without a break
	if err := f.admin.Organization.Update(context.Background(), acme, &management.Organization{Metadata: &md}); err != nil {
		t.Fatal(err)
	}
}

// The viewer follows the terminal: opened at 120×36 then made 80×24, its
// box fits below the header with its bottom border; opened at 50×12 then
// made 80×24, the lines wrapped at the small width are whole again.
func TestFlowViewJSONFollowsAResize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		f.wait("3 organizations", "1 of 3")
		f.press("J")
		f.wait(`"id": "` + acme + `"`)
		f.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		sc := f.screen()
		b := jsonBox(t, sc)
		if !b.closed || b.top < 3 || b.top+len(b.rows)+2 > 24-3 || b.width > 80 {
			t.Fatalf("at 80×24 the box is at line %d, %d rows, closed %v, %d wide:\n%s", b.top, len(b.rows), b.closed, b.width, sc)
		}
		if !strings.HasPrefix(sc, "orgdash · ") {
			t.Fatalf("the box covers the header:\n%s", sc)
		}
		f.press("esc")

		f.Send(tea.WindowSizeMsg{Width: 50, Height: 12})
		f.press("J")
		f.wait(`"id":`)
		f.wantNot(`"logo_url": "https://cdn.example.com/logos/acme.png",`) // 49 cells: wrapped at 50 columns
		f.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		f.want(`"logo_url": "https://cdn.example.com/logos/acme.png",`, "GET /organizations/"+acme)
		b = jsonBox(t, f.screen())
		if !b.closed {
			t.Fatalf("no bottom border:\n%s", f.screen())
		}
	})
}

// The viewer counts the rows its lines wrap to: where the terminal has
// room for them all, every line shows (the closing brace too, with no
// scrolling) and the title says so; where it has not, G shows the last
// line and the title counts lines, not rows.
func TestFlowViewJSONShowsEveryWrappedRowThereIsRoomFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		withLongMetadata(t, f, acme)
		f.wait("3 organizations", "1 of 3")
		f.press("J")
		f.wait(`"token_like": `)
		b := jsonBox(t, f.screen())
		if b.last() != "}" || !strings.HasSuffix(b.title(), "17 lines") {
			t.Fatalf("at 120×36 the body's last line is not shown with the rest:\n%s", f.screen())
		}
		for _, r := range b.rows {
			if t := strings.TrimSpace(r); t == "," || t == `",` || t == `"` {
				f.t.Fatalf("a row holds only %q:\n%s", t, f.screen())
			}
		}
		if b.width < 110 {
			t.Fatalf("the viewer is %d columns wide at 120: a pager uses the width", b.width)
		}
		f.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		f.want("1–")
		f.press("G")
		b = jsonBox(t, f.screen())
		if b.last() != "}" || !strings.HasSuffix(b.title(), "–17/17") {
			t.Fatalf("G does not show the last of the 17 lines:\n%s", f.screen())
		}
	})
}

// The viewer's key line offers only the keys that move it now and ends
// with "? help", which shows every key until the next one; J on a group
// says why there is no JSON to show rather than doing nothing.
func TestFlowViewJSONKeyLineAndHelp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		withLongMetadata(t, f, acme)
		f.wait("3 organizations", "1 of 3")
		f.press("J")
		f.wait(`"token_like": `)
		hint := func() string { b := jsonBox(t, f.screen()); return b.rows[slicesIndexHelp(b.rows)] }
		if h := hint(); h != "y copy • esc close • ? help" {
			t.Fatalf("everything shows, yet the key line is %q", h)
		}
		f.press("?")
		f.want("(any key closes)", "pgup", "page up", "first", "last")
		f.press("j") // closes the help, not the viewer
		f.wantNot("(any key closes)")
		f.want(`"token_like": `)

		f.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		if h := hint(); !strings.HasPrefix(h, "↓/j down • pgdn page down") || strings.Contains(h, "up") || !strings.HasSuffix(h, "? help") {
			t.Fatalf("at the top the key line is %q", h)
		}
		f.press("G")
		if h := hint(); strings.Contains(h, "down") || !strings.Contains(h, "↑/k up") || !strings.HasSuffix(h, "? help") {
			t.Fatalf("at the bottom the key line is %q", h)
		}
		f.press("esc")
		f.Send(tea.WindowSizeMsg{Width: 120, Height: 36})

		f.press("enter", "0")
		f.wait("Groups (3)", "engineering")
		f.press("J")
		f.wait("cannot view json: orgdash reads a group only in its organization's list")
	})
}

// slicesIndexHelp is the index of the box's key line.
func slicesIndexHelp(rows []string) int {
	for i, r := range rows {
		if strings.HasSuffix(r, "? help") {
			return i
		}
	}
	return 0
}
