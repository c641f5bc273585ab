package client_test

import (
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
)

// Validate says in one sentence what to set when the settings are missing
// or contradict each other, and never shows the secret.
func TestValidate(t *testing.T) {
	good := []client.Config{
		{Domain: "example.eu.auth0.com", ClientID: "id", ClientSecret: "secret"},
		{Domain: "https://example.eu.auth0.com/", APIToken: "tok"},
		{Domain: "http://127.0.0.1:4000", APIToken: "tok"},
		{Domain: "http://localhost:4000", APIToken: "tok"},
	}
	for i, g := range good {
		if err := g.Validate(); err != nil {
			t.Errorf("good setting %d: %v", i, err)
		}
	}
	bad := map[string]struct {
		cfg  client.Config
		says string
	}{
		"no domain":         {client.Config{ClientID: "id", ClientSecret: "s"}, "AUTH0_DOMAIN is not set"},
		"no credentials":    {client.Config{Domain: "example.auth0.com"}, "set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET"},
		"id without secret": {client.Config{Domain: "example.auth0.com", ClientID: "id"}, "AUTH0_CLIENT_SECRET is not"},
		"secret without id": {client.Config{Domain: "example.auth0.com", ClientSecret: "very-secret"}, "AUTH0_CLIENT_ID is not"},
		"both":              {client.Config{Domain: "example.auth0.com", ClientID: "id", ClientSecret: "s", APIToken: "t"}, "unset one"},
		"plain http remote": {client.Config{Domain: "http://example.auth0.com", APIToken: "t"}, "plain HTTP"},
		"a path":            {client.Config{Domain: "https://example.auth0.com/api/v2", APIToken: "t"}, "not a domain"},
	}
	for name, b := range bad {
		err := b.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), b.says) {
			t.Errorf("%s: %v, want it to say %q", name, err, b.says)
		}
		if err != nil && strings.Contains(err.Error(), "very-secret") {
			t.Errorf("%s: the message shows the secret", name)
		}
	}
}
