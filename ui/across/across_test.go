package across

import (
	"context"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/uitest"
)

// The copied calls run as they are against the tenant once TOKEN is set:
// the tenant's address, the method, the JSON body, the token left as $TOKEN.
func TestCurlLeavesTheTokenToTheShell(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	got := Curl(c, "PATCH", []string{"organizations", "org_1", "connections", "con_1"}, map[string]any{"is_enabled": false})
	want := `curl -sS -X 'PATCH' 'https://fake.example/api/v2/organizations/org_1/connections/con_1' -H "Authorization: Bearer $TOKEN"` +
		` -H 'Content-Type: application/json' -d '{"is_enabled":false}'`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if del := Curl(c, "DELETE", []string{"organizations", "org_1", "members"}, nil); strings.Contains(del, "Content-Type") {
		t.Fatalf("a call without a body sends none: %s", del)
	}
}

// Other sessions hear of each organization a change across organizations
// touched, and the tab it touched there.
func TestOutcomeTellsOfEachOrganization(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	orgs := []client.Organization{{ID: "org_1"}, {ID: "org_2"}, {ID: "org_3"}}
	a := crossorg.NewJob("disable okta", limits.OrgConnectionsWrite, orgs, func(_ context.Context, o client.Organization) error {
		if o.ID == "org_2" {
			return &client.Error{Kind: client.Forbidden, Message: "refused"}
		}
		return nil
	})
	a.Run(context.Background(), func() {})
	out := outcome(c, &Bulk{Verb: "disable okta", Past: "disabled okta", A: a, Tab: common.Connections})
	if len(out.Touches) != 2 || out.Touches[0] != (common.Touched{Org: "org_1", Tab: common.Connections}) || out.Touches[1].Org != "org_3" {
		t.Fatalf("touches %+v", out.Touches)
	}
	if !strings.Contains(out.Status.Text, "disabled okta in 2 of 3 organizations") || !strings.Contains(out.Status.Text, "1 failed") {
		t.Fatalf("status %q", out.Status.Text)
	}
}
