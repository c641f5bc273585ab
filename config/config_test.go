package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/keymap"
)

func write(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

const good = `# orgdash
default_profile: staging
theme: dark
audit_log: /var/log/orgdash/audit.jsonl
keys:
  remove: [x]
profiles:
  prod:
    domain: acme.eu.auth0.com
    client_id: prodid
    client_secret: {env: PROD_SECRET}
    protection: read-only
  staging:
    domain: acme-staging.eu.auth0.com
    client_id: stagingid
    client_secret: {command: "printf 's3cr3t-from-a-command\\n'"}
  dev:
    domain: http://127.0.0.1:4000
    api_token: {value: dev-token}
    protection: open
serve:
  listen: 0.0.0.0:2222
  operator_keys: /etc/orgdash/operators.pub
  idle_timeout: 15m
`

func TestGoodFile(t *testing.T) {
	c, err := Load(write(t, good, 0o600), true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Theme != "dark" || c.Serve.Listen != "0.0.0.0:2222" || c.Serve.IdleTimeout.Minutes() != 15 || c.Keys["remove"][0] != "x" {
		t.Fatalf("%+v", c)
	}
	ch, err := c.Choose("", env())
	if err != nil {
		t.Fatal(err)
	}
	if ch.Name != "staging" || ch.Level != Protected || ch.Cfg.ClientSecret != "s3cr3t-from-a-command" {
		t.Fatalf("default profile %+v (a profile without a level is protected; the secret comes from the command)", ch)
	}
	ch, err = c.Choose("prod", env("PROD_SECRET", "from-env"))
	if err != nil || ch.Level != ReadOnly || ch.Cfg.ClientSecret != "from-env" || ch.Cfg.Domain != "acme.eu.auth0.com" {
		t.Fatalf("prod %+v %v", ch, err)
	}
	if _, err := c.Choose("prod", env()); err == nil || !strings.Contains(err.Error(), "PROD_SECRET is empty") {
		t.Fatalf("missing env secret: %v", err)
	}
	ch, _ = c.Choose("dev", env())
	if ch.Cfg.APIToken != "dev-token" || ch.Level != Open {
		t.Fatalf("dev %+v", ch)
	}
	k := keymap.Default()
	if err := k.Override(c.Keys); err != nil {
		t.Fatal(err)
	}
}

func TestEnvironmentOverridesTheFile(t *testing.T) {
	c, _ := Load(write(t, good, 0o600), true)
	ch, err := c.Choose("staging", env("AUTH0_DOMAIN", "other.auth0.com", "AUTH0_API_TOKEN", "tok"))
	if err != nil || ch.Cfg.Domain != "other.auth0.com" || ch.Cfg.APIToken != "tok" || ch.Cfg.ClientSecret != "" {
		t.Fatalf("%+v %v", ch, err)
	}
	// no file at all: the variables alone
	none, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := none.Choose("", env()); !errors.Is(err, client.ErrNoCredentials) {
		t.Fatalf("nothing set: %v", err)
	}
	ch, err = none.Choose("", env("AUTH0_DOMAIN", "x.auth0.com", "AUTH0_CLIENT_ID", "i", "AUTH0_CLIENT_SECRET", "s"))
	if err != nil || ch.Cfg.ClientSecret != "s" || ch.Level != Protected {
		t.Fatalf("env only: %+v %v", ch, err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), true); err == nil {
		t.Fatal("a --config file that does not exist loaded")
	}
}

func TestBadFiles(t *testing.T) {
	for name, c := range map[string]struct {
		body string
		mode os.FileMode
		want string
	}{
		"syntax":          {"profiles:\n  prod: [unclosed\n", 0o600, ":1: did not find expected"},
		"unknown key":     {"profiles:\n  prod:\n    domain: a.auth0.com\n    colour: blue\n", 0o600, ":4: unknown setting colour in a profile (known: api_token, client_id"},
		"bad level":       {"profiles:\n  prod:\n    domain: a.auth0.com\n    protection: careful\n", 0o600, ":4: protection \"careful\""},
		"no domain":       {"profiles:\n  prod:\n    client_id: x\n", 0o600, ":2: profile \"prod\" has no domain"},
		"default missing": {"default_profile: prod\n", 0o600, ":1: default_profile \"prod\""},
		"theme":           {"theme: neon\n", 0o600, ":1: theme \"neon\""},
		"readable secret": {"profiles:\n  prod:\n    domain: a.auth0.com\n    api_token: {value: t}\n", 0o644, ":4: profile \"prod\": a plaintext api_token is allowed only in a file only you can read (chmod 600"},
		"two sources":     {"profiles:\n  prod:\n    domain: a.auth0.com\n    api_token: {env: A, command: b}\n", 0o600, ":4: profile \"prod\": api_token takes one of env, command or value"},
		"unknown plan":    {"profiles:\n  prod:\n    domain: a.auth0.com\n    plan: gold\n", 0o600, ":4: profile \"prod\": plan \"gold\": want one of enterprise"},
	} {
		p := write(t, c.body, c.mode)
		_, err := Load(p, true)
		if err == nil || !strings.HasPrefix(err.Error(), p+c.want) {
			t.Errorf("%s: %v, want FILE%s", name, err, c.want)
		}
	}
}

func TestUnknownActionNamesItsLine(t *testing.T) {
	c, err := Load(write(t, "theme: auto\nkeys:\n  remove: [x]\n  explode: [e]\n", 0o600), true)
	if err != nil {
		t.Fatal(err)
	}
	if c.KeyLine("explode") != 4 {
		t.Fatalf("line %d", c.KeyLine("explode"))
	}
}

// A profile's mistake is named as the profile's setting, not as a variable.
func TestProfileMistakesNameTheSetting(t *testing.T) {
	p := write(t, "profiles:\n  prod:\n    domain: http://acme.example.com\n    client_id: x\n    client_secret: {env: S}\n", 0o600)
	c, err := Load(p, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Choose("prod", env("S", "secret"))
	if err == nil || !strings.Contains(err.Error(), "profile prod's domain in "+p) || strings.Contains(err.Error(), "AUTH0_DOMAIN") {
		t.Fatalf("plain HTTP in a profile: %v", err)
	}
}
