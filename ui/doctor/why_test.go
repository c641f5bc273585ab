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

// The cause is on top with its fix; F opens the confirmation, and on a
// link with no fix of its own F still fixes the cause, as help says.
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
	if b := m.Help().ShortHelp()[0]; b.Help().Desc != "fix the cause" || !b.Enabled() {
		t.Fatalf("help on a passed link: %+v", b.Help())
	}
	_, cmd = m.Update(uitest.Key("F"))
	open, ok := cmd().(dialog.OpenMsg)
	if !ok || !strings.Contains(ansi.Strip(open.Dialog.View()), "Unblock ines@acme.example?") {
		t.Fatalf("F on a passed link: %#v", open)
	}
}
