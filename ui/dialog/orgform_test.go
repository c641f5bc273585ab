package dialog

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// The edit form's fields start with the organization's values as a screen
// shows them: an OSC 52 write, a screen clear or a bidi override in the
// display name or metadata never reaches the terminal through an input.
// Left as shown, a field keeps the stored value: saving does not rewrite it.
func TestOrgFormShowsCleanValuesAndKeepsStoredOnes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		start := client.OrgSpec{Name: "acme", DisplayName: "Acme\x1b]52;c;dG91Y2g=\a Corp\u202E",
			Metadata: map[string]string{"tier": "gold\x1b[2J", "region": "eu"}}
		var saved *client.OrgSpec
		d := NewOrgForm(c, "Edit acme", start, nil, func(s client.OrgSpec) tea.Cmd {
			saved = &s
			return fired
		})
		drv := uitest.NewDriver(t, adapter{d})
		drv.Run(d.Init())
		v := drv.Model().(adapter).d.View()
		for _, bad := range []string{"]52;", "\x07", "[2J", "\u202E"} {
			if strings.Contains(v, bad) {
				t.Fatalf("the form draws %q:\n%q", bad, v)
			}
		}
		if plain := ansi.Strip(v); !strings.Contains(plain, "> Acme Corp") || !strings.Contains(plain, "tier=gold") || !strings.Contains(plain, "kept as stored unless") {
			t.Fatalf("the form does not show the cleaned values:\n%s", plain)
		}
		for range 6 { // through every field, changing none
			drv.Send(uitest.Key("enter"))
		}
		if saved == nil {
			t.Fatalf("the form was not sent:\n%s", ansi.Strip(drv.Model().(adapter).d.View()))
		}
		if saved.DisplayName != start.DisplayName || !maps.Equal(saved.Metadata, start.Metadata) {
			t.Fatalf("saving unchanged fields rewrote them: %q %q", saved.DisplayName, saved.Metadata)
		}
	})
}

// Every key Auth0 allows survives the form: one with "=" or "\" in it is
// written escaped and read back as it was (such an organization could not
// be edited at all: "metadata line 1: want key=value").
func TestMetadataKeysWithEqualsSurviveTheForm(t *testing.T) {
	md := map[string]string{"=cmd": "x", `a\b`: "c=d", "tier": "gold", `\=`: ""}
	back, err := parseMetadata(formatMetadata(md))
	if err != nil {
		t.Fatalf("%q: %v", formatMetadata(md), err)
	}
	if !maps.Equal(back, md) {
		t.Errorf("read back %q from %q, want %q", back, formatMetadata(md), md)
	}
	if _, err := parseMetadata("=value"); err == nil {
		t.Error("a line with no key was taken")
	}
}

// Every yes/no field of a form puts its buttons in the same column.
func TestYesNoButtonsStayInOneColumn(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	c.Width, c.Height = 120, 40
	d := NewSettings(c, "Settings", "auth0", false, client.ConnectionSettings{AssignMembershipOnLogin: true}, func(client.ConnectionSettings) tea.Cmd { return nil })
	d.Init()
	cols := map[int]bool{}
	for _, line := range strings.Split(ansi.Strip(d.View()), "\n") {
		if i := strings.Index(line, "Yes"); i >= 0 && strings.Contains(line, "No") && !strings.Contains(line, "toggle") {
			cols[ansi.StringWidth(line[:i])] = true
		}
	}
	if len(cols) != 1 {
		t.Fatalf("the Yes buttons stand in columns %v:\n%s", cols, ansi.Strip(d.View()))
	}
}

// ctrl+e in a text field never runs an editor: over SSH it would be a
// process on the server. The key is not offered either.
func TestTextFieldsRunNoEditor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		c.Width, c.Height = 120, 40
		d := NewOrgForm(c, "Edit", client.OrgSpec{Name: "acme"}, nil, func(client.OrgSpec) tea.Cmd { return nil })
		d.Init()
		for range 5 { // to the metadata field
			d.Update(uitest.Key("enter"))
			d.Update(huh.NextField())
		}
		if !strings.Contains(ansi.Strip(d.View()), "┃ Metadata") {
			t.Fatalf("not on the metadata field:\n%s", ansi.Strip(d.View()))
		}
		if v := ansi.Strip(d.View()); strings.Contains(v, "editor") {
			t.Fatalf("the form offers an editor:\n%s", v)
		}
		_, cmd := d.Update(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl})
		if name := msgTypes(cmd); strings.Contains(name, "exec") {
			t.Fatalf("ctrl+e in a text field runs a process: %s", name)
		}
	})
}

// msgTypes runs cmd's tree (inside a bubble: timers pass at once) and
// names the types of the messages it yields.
func msgTypes(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var names []string
		for _, c := range msg {
			names = append(names, msgTypes(c))
		}
		return strings.Join(names, " ")
	default:
		return fmt.Sprintf("%T", msg)
	}
}

// The create form says it creates even with no connections to offer (a
// tenant without any, or one refused listing them): no renaming hint, and
// a display name typed before the tenant refused the name can be cleared.
func TestCreateFormWithoutConnectionsIsNoEdit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := uitest.Common(t, clienttest.New(1, 0))
		var saved *client.OrgSpec
		d := NewOrgForm(c, "Create an organization", client.OrgSpec{Name: "acme", DisplayName: "Acme"}, nil, func(s client.OrgSpec) tea.Cmd {
			saved = &s
			return fired
		})
		drv := uitest.NewDriver(t, adapter{d})
		drv.Run(d.Init())
		if v := ansi.Strip(drv.Model().(adapter).d.View()); strings.Contains(v, "Renaming") {
			t.Fatalf("the create form gives the renaming hint:\n%s", v)
		}
		drv.Send(uitest.Key("enter"))
		drv.Send(uitest.Key("ctrl+u"))
		for range 5 {
			drv.Send(uitest.Key("enter"))
		}
		if saved == nil || saved.DisplayName != "" {
			t.Fatalf("the display name typed before could not be cleared: %+v\n%s", saved, ansi.Strip(drv.Model().(adapter).d.View()))
		}
	})
}
