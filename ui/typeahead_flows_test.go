package ui

import (
	"context"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// burst is keys as they arrive over SSH from a fast typist or a paste:
// text runs, and named keys in angle brackets, all in one message batch.
func burst(parts ...string) []tea.Msg {
	var out []tea.Msg
	for _, p := range parts {
		if len(p) > 2 && p[0] == '<' && p[len(p)-1] == '>' {
			out = append(out, uitest.Key(p[1:len(p)-1]))
			continue
		}
		out = append(out, uitest.Keys(p)...)
	}
	return out
}

// Every form takes a whole burst of typed-ahead keys in one go, each key
// in the field that had the focus when the user typed it: huh moves the
// focus asynchronously, and keys arriving before the move wait for it.
// The confirmation (and the tenant, where something is sent) says what
// was typed, field by field.
func TestFormsTakeTypedAheadKeysInTheirFields(t *testing.T) {
	for _, tc := range []struct {
		name  string
		open  []string // keys, one at a time, to the form
		title string   // the form, once open
		burst []string
		want  []string // on the confirmation
	}{
		{"invite", []string{"enter", "4", "i"}, "┃ Emails",
			[]string{"x1@example.net", "<tab>", "Ops Team", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>"},
			[]string{"Invite 1 person?", "x1@example.net", "from Ops Team"}},
		{"create organization", []string{"c"}, "┃ Name",
			[]string{"new-co", "<enter>", "New Co", "<enter>", "<enter>", "#12ab34", "<enter>", "<enter>", "<tab>", "<enter>"},
			[]string{"Create organization new-co?", "display name: New Co", "primary colour: #12ab34"}},
		{"edit organization", []string{"enter", "e"}, "┃ Name",
			[]string{"<enter>", "<ctrl+u>", "Acme Two", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>"},
			[]string{"display name: Acme → Acme Two"}},
		{"organization settings", []string{"enter", "E"}, "┃ Third-party applications",
			[]string{"y", "750", "<enter>", "<enter>", "n"},
			[]string{"third-party applications: block → allow", "token quota: none → 750 a day, logged past it"}},
		{"connection settings", []string{"enter", "2", "e"}, "┃ Auto-membership",
			[]string{"n", "n", "<enter>", "<enter>"},
			[]string{"Save the settings of", "Auto-membership: on → off", "Signup: on → off"}},
		{"add a discovery domain", []string{"enter", "5", "n"}, "┃ Domain",
			[]string{"new.example", "<enter>", "n"},
			[]string{"Add new.example?"}},
		{"edit a discovery domain", []string{"enter", "5", "e"}, "┃ Verified",
			[]string{"n", "n"},
			[]string{"status: verified → pending", "discovery: on → off"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 5})
				f := startFlow(t, tn, "", "")
				f.Send(tea.WindowSizeMsg{Width: 140, Height: 48})
				f.wait("3 organizations", "1 of 3")
				f.press(tc.open...)
				f.want(tc.title)
				f.Type(burst(tc.burst...)...)
				f.want(tc.want...)
			})
		})
	}
}

// The walk that found it: an invitation typed ahead goes to the address
// typed, from the inviter typed, never to "x1@example.netO" from "ps Team".
func TestTypedAheadInvitationReachesThePersonTyped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := demoFlow(t, 120, 36)
		f.press("enter", "4")
		f.wait("Invitations (3)", "1 of 3")
		f.press("i")
		f.want("Invite to acme", "┃ Emails")
		f.Type(burst("x1@example.net", "<tab>", "Ops Team", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>")...)
		f.want("Invite 1 person?", "x1@example.net")
		f.confirm("y")
		f.want("invited 1 person")
		acme, _ := f.admin.Organization.ReadByName(context.Background(), "acme")
		l, err := f.admin.Organization.Invitations(context.Background(), acme.GetID())
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, inv := range l.OrganizationInvitations {
			if inv.GetInvitee().GetEmail() == "x1@example.net" {
				found = true
				if got := inv.GetInviter().GetName(); got != "Ops Team" {
					t.Fatalf("the invitation is from %q, want Ops Team", got)
				}
			}
		}
		if !found {
			t.Fatalf("no invitation to x1@example.net among %d", len(l.OrganizationInvitations))
		}
	})
}
