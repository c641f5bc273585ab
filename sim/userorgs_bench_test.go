package sim_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// BenchmarkUserOrganizations reads GET /users/{id}/organizations for a
// member of the largest organization, at 150 and at 100,000 organizations
// (Auth0's entity limit): the time should not grow with the tenant.
// Compare the two sizes' median-ms/req within one run.
func BenchmarkUserOrganizations(b *testing.B) {
	for _, orgs := range []int{150, 100000} {
		b.Run(fmt.Sprintf("orgs=%d", orgs), func(b *testing.B) {
			s := newBench(b, orgs, 100000)
			benchServe(b, s, "/api/v2/users/"+memberOf(b, s, "acme")+"/organizations")
		})
	}
}

// memberOf is the user id of the first member of the organization named org.
func memberOf(tb *testing.B, s *sim.Server, org string) string {
	tb.Helper()
	tok, _ := s.IssueToken("http://example.com/api/v2/", sim.AllScopes, time.Hour)
	req := httptest.NewRequest("GET", "/api/v2/organizations/"+orgID(tb, s, org)+"/members?per_page=1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	var members []struct {
		UserID string `json:"user_id"`
	}
	if err := jsonInto(w.Body.Bytes(), &members); err != nil || len(members) == 0 {
		tb.Fatalf("no member of %s: %s", org, w.Body)
	}
	return members[0].UserID
}
