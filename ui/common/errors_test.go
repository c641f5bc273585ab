package common

import (
	"errors"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
)

func TestExplainSaysWhatHappenedOnce(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&client.Error{Kind: client.Unauthorized, Status: 401, Message: "Invalid token.", Token: true},
			"The token was refused: Invalid token. Get a fresh AUTH0_API_TOKEN (Management API tokens expire)."},
		{&client.Error{Kind: client.Unauthorized, Status: 401, Message: "Unauthorized"},
			"The credentials were refused: Unauthorized. Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET."},
		{&client.Error{Kind: client.Unavailable, Status: 500, Message: "An internal server error occurred.."},
			"The tenant answered with an error (500): An internal server error occurred. Press r to retry."},
		{&client.Error{Kind: client.Transport, Message: "connection refused"},
			"Could not reach the tenant: connection refused. Check the network, then press r."},
		{&client.Error{Kind: client.NotFound, Status: 404, Message: "No organization found by that id or name."},
			"No organization found by that id or name (it may have been deleted elsewhere)."},
		{errors.New("plain"), "plain"},
	} {
		if got := Explain(c.err); got != c.want {
			t.Errorf("Explain(%v)\n got %q\nwant %q", c.err, got, c.want)
		}
	}
}

func TestDashboardURL(t *testing.T) {
	for domain, want := range map[string]string{
		"acme.eu.auth0.com":         "https://manage.auth0.com/dashboard/eu/acme/organizations/org_1/overview",
		"acme.auth0.com":            "https://manage.auth0.com/dashboard/us/acme/organizations/org_1/overview",
		"https://acme.au.auth0.com": "https://manage.auth0.com/dashboard/au/acme/organizations/org_1/overview",
		"login.acme.com":            "", // a custom domain does not name the tenant
		"http://127.0.0.1:4000":     "",
	} {
		if got := DashboardURL(domain, "organizations/org_1/overview"); got != want {
			t.Errorf("%s: %q, want %q", domain, got, want)
		}
	}
}

// A list that could not be read names the scope the token lacks, or what
// went wrong: never silence that reads as "none".
func TestCannotListNamesTheScope(t *testing.T) {
	forbidden := &client.Error{Kind: client.Forbidden, Scopes: []string{"read:organization_invitations"}}
	if got := CannotList("invitations", forbidden); got != "cannot list invitations: the token lacks read:organization_invitations" {
		t.Fatalf("got %q", got)
	}
	down := &client.Error{Kind: client.Unavailable, Status: 503, Message: "down"}
	if got := CannotList("members", down); !strings.HasPrefix(got, "cannot list members: The tenant answered with an error (503)") {
		t.Fatalf("got %q", got)
	}
}
