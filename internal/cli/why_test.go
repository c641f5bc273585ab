package cli

import (
	"bytes"
	"context"
	"encoding/json"
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
