package ui

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// ":why NAME ORG" names the person by name: the one person called that is
// asked about by their email; several are offered to choose from; a name
// no one has is said plainly. Never "no user has the email NAME", never
// sign-up advice, never a link passed for a person not known.
func TestFlowWhyOfANameAsksAboutThePersonCalledThat(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		p := newProbe(t, tn)
		ctx := context.Background()
		if err := p.admin.User.Update(ctx, p.userID, &management.User{Name: auth0.String("Quentin Probe")}); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"zora.one@probe.example", "zora.two@probe.example"} {
			u := &management.User{Connection: auth0.String(dbConn), Email: auth0.String(email), Name: auth0.String("Zora"), Password: auth0.String("correct-Horse-7")}
			if err := p.admin.User.Create(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		f := startFlow(t, tn, "", "")
		f.wait("organizations")
		f.press(":").typed("why quentin " + probeOrg).press("enter")
		f.wait("Why can't " + probeEmail + " log in to probe?")
		f.wait("Every link holds")

		f.press("esc")
		f.press(":").typed("why zora " + probeOrg).press("enter")
		f.wait("Which zora?", "zora.one@probe.example", "zora.two@probe.example")
		f.press("down", "enter")
		f.wait("Why can't zora.two@probe.example log in to probe?", "membership")
		f.wantNot("no user in this tenant", "sign up")

		f.press("esc")
		f.press(":").typed("why nobody-called-this " + probeOrg).press("enter")
		f.wait("nobody-called-this is not an email, and no one in this tenant is called that")
		f.wantNot("no user in this tenant has the email", "sign up", "✓")
	})
}
