package config

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Names are the profiles, sorted.
func (c *Config) Names() []string {
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Chosen is a profile ready to use: the client settings and the level.
type Chosen struct {
	Name  string
	Level Level
	Cfg   client.Config
	// Where names where each setting came from, for messages: "AUTH0_DOMAIN",
	// or "profile prod's domain in /home/a/.config/orgdash/config.yaml".
	Where Where
}

// Where names the sources of a tenant's settings.
type Where struct{ Domain, ClientID, ClientSecret, APIToken string }

func envWhere() Where {
	return Where{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN"}
}

// Choose picks the profile (name, else the default, else none) and lays
// the AUTH0_* variables over it. With no profile and no variables it
// returns client.ErrNoCredentials: the demo tenant.
func (c *Config) Choose(name string, getenv func(string) string) (Chosen, error) {
	if name == "" {
		name = c.DefaultProfile
	}
	var p Profile
	if name != "" {
		var ok bool
		if p, ok = c.Profiles[name]; !ok {
			return Chosen{}, fmt.Errorf("no profile %q (known: %s)", name, strings.Join(c.Names(), ", "))
		}
	}
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	domain, id, secret, token := env("AUTH0_DOMAIN"), env("AUTH0_CLIENT_ID"), env("AUTH0_CLIENT_SECRET"), env("AUTH0_API_TOKEN")
	if name == "" && domain+id+secret+token == "" {
		return Chosen{Name: "demo", Level: Open}, client.ErrNoCredentials
	}
	ch := Chosen{Name: name, Level: p.Protection, Where: envWhere()}
	inFile := func(key string) string { return fmt.Sprintf("profile %s's %s in %s", name, key, c.Path()) }
	if ch.Name == "" {
		ch.Name = "env"
	}
	if ch.Level == "" {
		ch.Level = Protected // a tenant is protected unless its profile says otherwise
	}
	cfg := client.Config{Domain: p.Domain, ClientID: p.ClientID, Plan: p.Plan}
	if plan := env("AUTH0_PLAN"); plan != "" {
		cfg.Plan = plan
	}
	var err error
	if id+secret+token == "" { // the profile's own credentials, unless the environment gives others
		if cfg.ClientSecret, err = p.ClientSecret.resolve(getenv); err != nil {
			return ch, fmt.Errorf("profile %q: client_secret: %w", name, err)
		}
		if cfg.APIToken, err = p.APIToken.resolve(getenv); err != nil {
			return ch, fmt.Errorf("profile %q: api_token: %w", name, err)
		}
		if name != "" {
			ch.Where.ClientID, ch.Where.ClientSecret, ch.Where.APIToken = inFile("client_id"), inFile("client_secret"), inFile("api_token")
		}
	} else {
		cfg.ClientID, cfg.ClientSecret, cfg.APIToken = id, secret, token
	}
	if domain != "" {
		cfg.Domain = domain
	} else if name != "" {
		ch.Where.Domain = inFile("domain")
	}
	ch.Cfg = cfg
	if err := cfg.Validate(); err != nil {
		// the client names the variables; a profile's settings are named where they are
		w := ch.Where
		r := strings.NewReplacer("AUTH0_DOMAIN", w.Domain, "AUTH0_CLIENT_ID", w.ClientID, "AUTH0_CLIENT_SECRET", w.ClientSecret, "AUTH0_API_TOKEN", w.APIToken)
		return ch, errors.New(r.Replace(err.Error()))
	}
	return ch, nil
}

// resolve reads a secret from where it is kept.
func (s Secret) resolve(getenv func(string) string) (string, error) {
	switch {
	case s.Env != "":
		v := getenv(s.Env)
		if v == "" {
			return "", fmt.Errorf("environment variable %s is empty", s.Env)
		}
		return v, nil
	case s.Command != "":
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, "sh", "-c", s.Command).Output()
		if err != nil {
			// neither its text (it may hold a secret) nor its output (it may be one) is shown
			return "", fmt.Errorf("its command: failed (%v)", err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	return s.Value, nil
}

// Label describes profile name for a picker: "prod — acme.eu.auth0.com · read-only".
func (c *Config) Label(name string) string {
	p := c.Profiles[name]
	level := string(p.Protection)
	if level == "" {
		level = string(Protected) + " (the default)"
	}
	return fmt.Sprintf("%s — %s · %s", name, p.Domain, level)
}

// ErrNoProfileChosen means the file has profiles, none is the default, no
// --profile names one and no AUTH0_* variable is set: orgdash must ask (the
// dashboard) or fail saying which there are (export).
type ErrNoProfileChosen struct{ Names []string }

func (e ErrNoProfileChosen) Error() string {
	return fmt.Sprintf("which tenant? the config has profiles (%s) and no default_profile: pass --profile NAME, or set default_profile",
		strings.Join(e.Names, ", "))
}

// MustChoose reports ErrNoProfileChosen where Choose would fall back to the
// demo tenant although the file has profiles.
func (c *Config) MustChoose(name string, getenv func(string) string) error {
	if name != "" || c.DefaultProfile != "" || len(c.Profiles) == 0 {
		return nil
	}
	for _, k := range []string{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN"} {
		if strings.TrimSpace(getenv(k)) != "" {
			return nil
		}
	}
	return ErrNoProfileChosen{Names: c.Names()}
}
