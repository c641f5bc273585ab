package simtest

import (
	"context"
	"net/http"
	"testing"

	"github.com/auth0/go-auth0/management"
)

// SharedConnection makes an Okta connection, shared-okta, and enables it
// through the newer family (/organizations/{id}/connections) in every
// third of the first 3n organizations listed. It returns the connection's
// id and those organizations' ids.
func (t *Tenant) SharedConnection(tb testing.TB, n int) (string, []string) {
	tb.Helper()
	ctx := context.Background()
	admin := t.Management(tb, management.WithRetryStrategy(management.RetryStrategy{MaxRetries: 100, Statuses: []int{http.StatusTooManyRequests}}))
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(admin.Request(ctx, "POST", admin.URI("connections"), &map[string]any{"name": "shared-okta", "strategy": "okta"}))
	var conns []map[string]any
	must(admin.Request(ctx, "GET", admin.URI("connections")+"?name=shared-okta", &conns))
	connID, _ := conns[0]["id"].(string)
	var orgs []*management.Organization
	for page := 0; len(orgs) < 3*n; page++ {
		l, err := admin.Organization.List(ctx, management.Page(page), management.PerPage(100))
		must(err)
		orgs = append(orgs, l.Organizations...)
	}
	var ids []string
	for i := 0; i < 3*n; i += 3 {
		must(admin.Request(ctx, "POST", admin.URI("organizations", orgs[i].GetID(), "connections"),
			&map[string]any{"connection_id": connID, "assign_membership_on_login": true}))
		ids = append(ids, orgs[i].GetID())
	}
	return connID, ids
}
