package dialog

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

type firedMsg struct{}

func fired() tea.Msg { return firedMsg{} }

// outcome says what a dialog's command does: "" (nothing), "cancel" or "confirm".
func outcome(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	done, ok := cmd().(DoneMsg)
	switch {
	case !ok:
		return ""
	case done.Then == nil:
		return "cancel"
	}
	if _, ok := done.Then().(firedMsg); ok {
		return "confirm"
	}
	return "other"
}

func send(d Dialog, keys ...string) (Dialog, string) {
	var cmd tea.Cmd
	for _, k := range keys {
		d, cmd = d.Update(uitest.Key(k))
	}
	return d, outcome(cmd)
}

func armed(d Dialog, a *arming) Dialog {
	d, _ = d.Update(armedMsg{id: a.id})
	return d
}

func TestConfirmFocusesCancelAndArms(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	d := NewConfirm(c, "Remove 2 members?", "The users stay.", "Remove", fired)
	if d.Init() == nil {
		t.Fatal("no arming timer")
	}
	if _, got := send(d, "y"); got != "" {
		t.Fatalf("y before arming: %s", got)
	}
	if _, got := send(d, "enter"); got != "cancel" {
		t.Fatalf("enter on the default focus: %s, want cancel", got)
	}
	d2 := NewConfirm(c, "t", "b", "Remove", fired)
	d2.Init()
	if _, got := send(d2, "tab", "enter"); got != "" {
		t.Fatalf("enter on Remove before arming: %s", got)
	}
	armed(d2, &d2.arming)
	if _, got := send(d2, "enter"); got != "confirm" {
		t.Fatalf("enter on Remove when armed: %s", got)
	}
	for _, k := range []string{"esc", "n"} {
		d3 := NewConfirm(c, "t", "b", "Remove", fired)
		d3.Init()
		armed(d3, &d3.arming)
		if _, got := send(d3, k); got != "cancel" {
			t.Fatalf("%s: %s", k, got)
		}
	}
	d4 := NewConfirm(c, "t", "b", "Remove", fired)
	d4.Init()
	armed(d4, &d4.arming)
	if _, got := send(d4, "y"); got != "confirm" {
		t.Fatalf("y when armed: %s", got)
	}
	// a timer of another dialog does not arm this one
	d5 := NewConfirm(c, "t", "b", "Remove", fired)
	d5.Init()
	d5.Update(armedMsg{id: d5.id + 1000})
	if _, got := send(d5, "y"); got != "" {
		t.Fatalf("armed by a foreign timer: %s", got)
	}
}

func TestTypeNameNeedsTheExactName(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	d := NewTypeName(c, "Delete organization acme?", "It cannot be undone.", "acme", "Delete", fired)
	d.Init()
	armed(d, &d.arming)
	var got string
	var dd Dialog = d
	for _, k := range uitest.Keys("acm") {
		dd, _ = dd.Update(k)
	}
	if dd, got = send(dd, "enter"); got != "" || !strings.Contains(ansi.Strip(dd.View()), "nothing was changed") {
		t.Fatalf("wrong name: %s\n%s", got, ansi.Strip(dd.View()))
	}
	dd, _ = dd.Update(uitest.Keys("e")[0])
	if _, got = send(dd, "enter"); got != "confirm" {
		t.Fatalf("right name: %s", got)
	}
	if _, got = send(NewTypeName(c, "t", "b", "acme", "Delete", fired), "esc"); got != "cancel" {
		t.Fatalf("esc: %s", got)
	}
}

func TestMenuShowsWhyAndSkipsDisabled(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	m := NewMenu(c, "More options", []Item{
		{Label: "Remove member", Key: c.Keys.Remove, Reason: "needs delete:organization_members", Then: fired},
		{Label: "Copy user id", Key: c.Keys.Copy, Then: fired},
	})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "needs delete:organization_members") {
		t.Fatalf("the reason is not shown:\n%s", v)
	}
	if _, got := send(m, "d"); got != "" {
		t.Fatalf("a disabled item ran: %s", got)
	}
	if _, got := send(m, "enter"); got != "confirm" { // the cursor starts on the first usable item
		t.Fatalf("enter: %s", got)
	}
	if _, got := send(m, "esc"); got != "cancel" {
		t.Fatalf("esc: %s", got)
	}
}

func TestSettingsRefusesSignupWithoutAutoMembership(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		var saved *client.ConnectionSettings
		d := NewSettings(c, "Settings", "auth0", false, client.ConnectionSettings{}, func(s client.ConnectionSettings) tea.Cmd {
			saved = &s
			return fired
		})
		drv := uitest.NewDriver(t, adapter{d})
		drv.Run(d.Init())
		for _, k := range []string{"n", "y"} { // n: no auto-membership (and on to Signup); y: signup on
			drv.Send(uitest.Key(k))
		}
		v := ansi.Strip(drv.Model().(adapter).d.View())
		if saved != nil || !strings.Contains(v, "signup needs a database connection with auto-membership") {
			t.Fatalf("signup without auto-membership was accepted (%v):\n%s", saved, v)
		}
		view := func(strategy string) string {
			d := NewSettings(c, "S", strategy, false, client.ConnectionSettings{}, nil)
			drv := uitest.NewDriver(t, adapter{d})
			drv.Run(d.Init())
			return ansi.Strip(drv.Model().(adapter).d.View())
		}
		if v := view("google-oauth2"); strings.Contains(v, "Signup") || strings.Contains(v, "button") {
			t.Fatalf("signup or the button offered for a social connection:\n%s", v)
		}
		if v := view("samlp"); !strings.Contains(v, "Show as a button") || strings.Contains(v, "Signup") {
			t.Fatalf("enterprise connection settings:\n%s", v)
		}
	})
}

// adapter lets a uitest.Driver run a dialog's commands.
type adapter struct{ d Dialog }

func (a adapter) Init() tea.Cmd { return nil }
func (a adapter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(DoneMsg); ok {
		return a, nil
	}
	d, cmd := a.d.Update(msg)
	return adapter{d}, cmd
}
func (a adapter) View() tea.View { return tea.NewView(a.d.View()) }

// A menu longer than the terminal shows a window of it: its whole frame
// and key line fit 80×24, and a long label stops short of its key.
func TestLongMenuFits80x24(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	c.Width, c.Height = 80, 24
	var items []Item
	for i := range 30 {
		items = append(items, Item{Label: strings.Repeat("a very long label ", 5) + string(rune('A'+i%26)), Key: Named(c.Keys.Copy, "copy")})
	}
	v := ansi.Strip(NewMenu(c, "Budget", items).View())
	if h := strings.Count(v, "\n") + 1; h > 24 {
		t.Fatalf("the menu is %d lines tall at 80×24:\n%s", h, v)
	}
	if !strings.Contains(v, "esc close") || !strings.Contains(v, "╰") {
		t.Fatalf("the menu lacks its key line or its frame:\n%s", v)
	}
	if !strings.Contains(v, "… y") {
		t.Fatalf("a long label runs into its key:\n%s", v)
	}
}
