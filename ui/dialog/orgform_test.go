package dialog

import (
	"maps"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
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
