package ui

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/safetext/safetexttest"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/common"
)

// A viewer over SSH opens "View JSON" from a row's More options (and J on
// the row): one GET shows what the table does not (acme's metadata, a
// member's identities, a connection's is_enabled); y copies the lines
// shown; esc closes. Nothing is audited: it only reads.
func TestFlowViewJSONOfARow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "", func(c *common.Common) { c.Client = client.ReadOnly(c.Client, "viewer: read-only") })
		acme := f.orgID("acme")
		md := map[string]string{"tier": "platinum-only-in-json"}
		if err := f.admin.Organization.Update(context.Background(), acme, &management.Organization{Metadata: &md}); err != nil {
			t.Fatal(err)
		}
		f.wait("3 organizations", "1 of 3")
		f.wantNot("platinum-only-in-json")
		f.press(".")
		f.wait("More options: acme", "View JSON")
		f.press("J")
		f.wait("Organization acme", "GET /organizations/"+acme, `"id": "`+acme+`"`, `"tier": "platinum-only-in-json"`)
		f.press("y")
		f.wait("copied the JSON of /organizations/" + acme)
		if got := f.Clipboard(); !strings.HasPrefix(got, "{\n") || !strings.Contains(got, `"tier": "platinum-only-in-json"`) {
			t.Fatalf("the copy is %q", got)
		}
		f.press("esc")
		f.wait("1 of 3")
		f.wantNot("GET /organizations/")

		f.press("enter", "3")
		f.wait("Members (3)")
		f.press("J")
		f.wait("GET /users/", `"identities": [`, `"created_at": "`)
		f.press("esc", "2")
		f.wait("Connections (")
		f.press("J")
		f.wait("GET /organizations/"+acme+"/connections/", `"is_enabled": `)
		f.press("esc", "1")
		f.wait("Danger Zone")
		f.press("J") // the Overview's organization too
		f.wait(`"tier": "platinum-only-in-json"`)
		f.audited()
	})
}

// A name built to act on a terminal (escape sequences, OSC 52, bidi
// overrides, separators, C1) shows as \u escapes in the viewer, page by
// page, and never raw.
func TestFlowViewJSONShowsHostileNamesAsEscapes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		md := map[string]string{}
		for i, h := range safetexttest.Corpus() {
			if i < 25 && h.S != "" && !strings.ContainsRune(h.S, 0xff) {
				md[string(rune('a'+i))] = h.S
			}
		}
		if err := f.admin.Organization.Update(context.Background(), acme, &management.Organization{Metadata: &md}); err != nil {
			t.Fatal(err)
		}
		f.wait("3 organizations", "1 of 3")
		f.press("J")
		f.wait(`"metadata": {`, `\u001b[2J`)
		for range 4 {
			raw := f.root().Render()
			for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[201~", "\u202e", "\u2066", "\u2028", "\u200b", "\u009b", "\x00"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("%q reached the terminal:\n%q", bad, raw)
				}
			}
			f.press("pgdown")
		}
		f.want(`\u202e`)
	})
}

// A token without read:users sees why the member's JSON cannot be shown,
// naming the scope, as the lists do; no call is made for it.
func TestFlowViewJSONNamesTheMissingScope(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		tn.AddClient("viewer", "viewer-secret", []string{"read:organizations", "read:organization_members"})
		f := startFlow(t, tn, "viewer", "viewer-secret")
		f.wait("3 organizations", "1 of 3")
		f.press("enter", "3")
		f.wait("Members (3)")
		f.press("J")
		f.wait("cannot view user json: needs read:users")
		f.press(".")
		f.wait("View JSON", "needs read:users")
	})
}

// Secrets a tenant's code left in an organization's metadata (a Stripe
// key under apiKey, a webhook secret under a signing key, a session JWT
// under an innocent name) show as hidden in the viewer, and y copies the
// hidden form, never the secret; a date about a password stays readable.
func TestFlowViewJSONCopiesCredentialsHidden(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 3, Members: 2})
		f := startFlow(t, tn, "", "")
		acme := f.orgID("acme")
		jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2lnbmF0dXJlLXNlY3JldA"
		md := map[string]string{"stripeApiKey": "sk_live_51Hsecret", "webhook_signing_key": "whsec_secret",
			"session": "Bearer " + jwt, "password_set_at": "2026-01-02", "plan": "gold"}
		if err := f.admin.Organization.Update(context.Background(), acme, &management.Organization{Metadata: &md}); err != nil {
			t.Fatal(err)
		}
		f.wait("3 organizations", "1 of 3")
		f.press("J")
		hidden := `"` + client.Hidden + `"`
		f.wait(`"stripeApiKey": `+hidden, `"webhook_signing_key": `+hidden, `"session": `+hidden,
			`"password_set_at": "2026-01-02"`, `"plan": "gold"`)
		f.press("y")
		f.wait("copied the JSON of /organizations/" + acme)
		got := f.Clipboard()
		for _, want := range []string{`"stripeApiKey": ` + hidden, `"webhook_signing_key": ` + hidden, `"session": ` + hidden,
			`"password_set_at": "2026-01-02"`, `"plan": "gold"`} {
			if !strings.Contains(got, want) {
				t.Errorf("the copy lacks %s:\n%s", want, got)
			}
		}
		for _, secret := range []string{"sk_live_", "whsec_", "eyJ", "secret\""} {
			if strings.Contains(got, secret) || strings.Contains(f.root().Render(), secret) {
				t.Errorf("%q was copied or shown:\n%s", secret, got)
			}
		}
	})
}
