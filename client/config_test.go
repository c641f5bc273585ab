package client_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
)

func TestFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	if _, err := client.FromEnv(env()); !errors.Is(err, client.ErrNoCredentials) {
		t.Fatalf("no variables: %v", err)
	}
	good := []func(string) string{
		env("AUTH0_DOMAIN", "example.eu.auth0.com", "AUTH0_CLIENT_ID", "id", "AUTH0_CLIENT_SECRET", "secret"),
		env("AUTH0_DOMAIN", "https://example.eu.auth0.com/", "AUTH0_API_TOKEN", "tok"),
		env("AUTH0_DOMAIN", "http://127.0.0.1:4000", "AUTH0_API_TOKEN", "tok"),
		env("AUTH0_DOMAIN", "http://localhost:4000", "AUTH0_API_TOKEN", "tok"),
	}
	for i, g := range good {
		if _, err := client.FromEnv(g); err != nil {
			t.Errorf("good setting %d: %v", i, err)
		}
	}
	bad := map[string]struct {
		env  func(string) string
		says string
	}{
		"no domain":         {env("AUTH0_CLIENT_ID", "id", "AUTH0_CLIENT_SECRET", "s"), "AUTH0_DOMAIN is not set"},
		"no credentials":    {env("AUTH0_DOMAIN", "example.auth0.com"), "set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET"},
		"id without secret": {env("AUTH0_DOMAIN", "example.auth0.com", "AUTH0_CLIENT_ID", "id"), "AUTH0_CLIENT_SECRET is not"},
		"secret without id": {env("AUTH0_DOMAIN", "example.auth0.com", "AUTH0_CLIENT_SECRET", "very-secret"), "AUTH0_CLIENT_ID is not"},
		"both":              {env("AUTH0_DOMAIN", "example.auth0.com", "AUTH0_CLIENT_ID", "id", "AUTH0_CLIENT_SECRET", "s", "AUTH0_API_TOKEN", "t"), "unset one"},
		"plain http remote": {env("AUTH0_DOMAIN", "http://example.auth0.com", "AUTH0_API_TOKEN", "t"), "plain HTTP"},
		"a path":            {env("AUTH0_DOMAIN", "https://example.auth0.com/api/v2", "AUTH0_API_TOKEN", "t"), "not a domain"},
	}
	for name, b := range bad {
		_, err := client.FromEnv(b.env)
		if err == nil || !strings.Contains(err.Error(), b.says) {
			t.Errorf("%s: %v, want it to say %q", name, err, b.says)
		}
		if err != nil && strings.Contains(err.Error(), "very-secret") {
			t.Errorf("%s: the message shows the secret", name)
		}
	}
}
