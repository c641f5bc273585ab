package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// why on the demo: a globex member's login fails because the portal may
// not use globex's connection (exit 1, the cause and its fix in the JSON);
// the chain of someone who can log in passes (exit 0).
func TestWhyExplainsADemoFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		cl := inMemoryClient(t, tn, tn.ClientID(), tn.ClientSecret(), "")
		var out bytes.Buffer
		code, err := runWhy(context.Background(), cl, doctor.Question{Email: "hank.scorpio@globex.example", Org: "globex"}, true, &out)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Cause *struct {
				Name string `json:"name"`
				Fix  *struct {
					Kind string `json:"kind"`
				} `json:"fix"`
			} `json:"cause"`
			Application map[string]string `json:"application"`
			ExitCode    int               `json:"exit_code"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if code != 1 || got.ExitCode != 1 || got.Cause == nil || got.Cause.Name != doctor.LinkConnApp || got.Cause.Fix == nil ||
			got.Cause.Fix.Kind != string(doctor.EnableForApp) || got.Application["name"] != "Customer Portal" {
			t.Fatalf("exit %d: %s", code, out.String())
		}
		out.Reset()
		code, err = runWhy(context.Background(), cl, doctor.Question{Email: "hank.scorpio@globex.example", Org: "globex", ClientID: got.Application["id"]}, false, &out)
		if err != nil || code != 1 || !strings.Contains(out.String(), "FAIL  connection enabled for the application: globex-sso is not enabled for the application Customer Portal") ||
			!strings.Contains(out.String(), "fix: Enable globex-sso for Customer Portal") {
			t.Fatalf("exit %d, %v:\n%s", code, err, out.String())
		}
	})
}

// A name where the email goes is refused with exit status 2, listing the
// people it finds by that name to ask again; an organization that does
// not exist is exit status 2 too, saying so (1 means a link failed).
func TestWhyRefusesANameAndAMissingOrganization(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 12, Members: 20})
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"why", "Hank Scorpio", "globex"}, []string{`"Hank Scorpio" is not one`, "hank.scorpio@globex.example"}},
		{[]string{"why", "hank.scorpio@globex.example", "nosuchorg"}, []string{`no organization "nosuchorg" in this tenant`}},
		{[]string{"doctor", "nosuchorg"}, []string{`no organization "nosuchorg" in this tenant`}},
	} {
		out, stderr, err := run(t, tenantEnv(tn), c.args...)
		var code exitCode
		if !errors.As(err, &code) || code != 2 {
			t.Errorf("%q: %v, want exit status 2; stdout %q", c.args, err, out)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%q: stderr %q lacks %q", c.args, stderr, w)
			}
		}
	}
}

// Without ORG, why asks about the person's organization when they are in
// one; in several, it names them all (exit status 2) and walks nothing.
func TestWhyWithoutOrgTakesThePersonsOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		cl := inMemoryClient(t, tn, tn.ClientID(), tn.ClientSecret(), "")
		ctx := context.Background()
		var out bytes.Buffer
		code, err := runWhy(ctx, cl, doctor.Question{Email: "hank.scorpio@globex.example"}, false, &out)
		if err != nil || code != 1 || !strings.Contains(out.String(), "Why can't hank.scorpio@globex.example log in to globex?") {
			t.Fatalf("exit %d, %v:\n%s", code, err, out.String())
		}

		admin := tn.Management(t)
		hank, err := admin.User.ListByEmail(ctx, "hank.scorpio@globex.example")
		if err != nil || len(hank) != 1 {
			t.Fatalf("%v %d", err, len(hank))
		}
		acme, err := admin.Organization.ReadByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		if err := admin.Organization.AddMembers(ctx, acme.GetID(), []string{hank[0].GetID()}); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		code, err = runWhy(ctx, cl, doctor.Question{Email: "hank.scorpio@globex.example"}, false, &out)
		if code != 2 || err == nil || out.Len() != 0 {
			t.Fatalf("exit %d, %v, out %q: want exit 2, an error and nothing walked", code, err, out.String())
		}
		for _, w := range []string{"member of 2 organizations", "\n  acme  Acme", "\n  globex  Globex"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q lacks %q", err, w)
			}
		}
	})
}

// Without a tenant, why and doctor answer from the demo tenant and say so
// first, on stderr: an on-call engineer who forgot AUTH0_DOMAIN must not
// take the demo's answer for their tenant's.
func TestWhyAndDoctorSayTheyAnswerFromTheDemo(t *testing.T) {
	for _, args := range [][]string{{"why", "nobody@mycompany.example"}, {"doctor", "acme"}} {
		_, stderr, _ := run(t, nil, args...)
		if !strings.HasPrefix(stderr, "orgdash: the demo tenant (set AUTH0_DOMAIN") {
			t.Errorf("%q: stderr does not begin by naming the demo tenant:\n%s", args, stderr)
		}
		if args[0] == "why" && !strings.Contains(stderr, "no user in this tenant has the email nobody@mycompany.example") {
			t.Errorf("why of someone nobody is: %s", stderr)
		}
	}
}

// Asked about an organization they are not in, the chain names where the
// person is a member: the engineer may have asked about the wrong one.
func TestWhyNamesWhereTheyAreAMember(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20})
		cl := inMemoryClient(t, tn, tn.ClientID(), tn.ClientSecret(), "")
		var out bytes.Buffer
		code, err := runWhy(context.Background(), cl, doctor.Question{Email: "hank.scorpio@globex.example", Org: "acme"}, false, &out)
		if err != nil || code != 1 || !strings.Contains(out.String(), "FAIL  membership: not a member of acme") ||
			!strings.Contains(out.String(), "a member of globex (is that where they log in?)") {
			t.Fatalf("exit %d, %v:\n%s", code, err, out.String())
		}
	})
}

// With profiles but none chosen, doctor says which choice is missing, then
// once that the demo tenant answers instead.
func TestDoctorWithProfilesButNoneChosenSaysSo(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	profiles := "profiles:\n  a:\n    domain: a.eu.auth0.com\n    client_id: x\n    client_secret: {env: NOPE}\n" +
		"  b:\n    domain: b.eu.auth0.com\n    client_id: x\n    client_secret: {env: NOPE}\n"
	if err := os.WriteFile(cfg, []byte(profiles), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := run(t, map[string]string{"ORGDASH_CONFIG": cfg}, "doctor", "acme")
	if !strings.Contains(stderr, "the config has profiles (a, b) and no default_profile") || strings.Count(stderr, "demo") != 1 {
		t.Fatalf("stderr:\n%s", stderr)
	}
}
