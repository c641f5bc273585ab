package doctor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/dialog"
	"github.com/orgdash/orgdash/ui/uitest"
)

// a fake where Ines is blocked by an administrator: every other link holds.
func blockedInes() *clienttest.Fake {
	f := clienttest.New(1, 0)
	id := "auth0|ines"
	f.MemberLists[f.Orgs[0].ID] = []client.Member{{UserID: id, Email: "ines@acme.example"}}
	f.Login.Users = map[string]client.User{id: {UserID: id, Email: "ines@acme.example", Blocked: true,
		Identities: []client.Identity{{Connection: "Username-Password-Authentication", Provider: "auth0"}}}}
	return f
}

// The cause is on top with its fix; f opens the confirmation, and the
// cursor can leave the cause for a link with no fix, where f says so.
func TestWhyShowsTheCauseAndOffersItsFix(t *testing.T) {
	c := uitest.Common(t, blockedInes())
	m := NewWhy(c, doctor.Question{Email: "ines@acme.example", Org: "acme", ClientID: "app_1"})
	m.Update(m.Init()()) // the walk, run here: the fake answers at once
	view := ansi.Strip(m.View())
	for _, want := range []string{"Cause: an administrator blocked auth0|ines", "F  Unblock ines@acme.example", "✗ not blocked", "✓ membership"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	_, cmd := m.Update(uitest.Key("F"))
	if _, ok := cmd().(dialog.OpenMsg); !ok {
		t.Fatal("f on the cause opens no confirmation")
	}
	m.Update(uitest.Key("k"))
	if !strings.Contains(m.Help().ShortHelp()[0].Help().Desc, "fix") || m.Help().ShortHelp()[0].Enabled() {
		t.Fatalf("f is offered on a link with no fix: %+v", m.Help().ShortHelp()[0])
	}
}
