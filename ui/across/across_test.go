package across

import (
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// The copied calls run as they are against the tenant once TOKEN is set:
// the tenant's address, the method, the JSON body, the token left as $TOKEN.
func TestCurlLeavesTheTokenToTheShell(t *testing.T) {
	c := uitest.Common(t, clienttest.New(1, 0))
	got := Curl(c, "PATCH", "organizations/org_1/connections/con_1", `{"is_enabled":false}`)
	want := `curl -sS -X PATCH "https://fake.example/api/v2/organizations/org_1/connections/con_1" -H "Authorization: Bearer $TOKEN"` +
		` -H "Content-Type: application/json" -d '{"is_enabled":false}'`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if del := Curl(c, "DELETE", "organizations/org_1/members", ""); strings.Contains(del, "Content-Type") {
		t.Fatalf("a call without a body sends none: %s", del)
	}
}
