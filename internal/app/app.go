// Package app wires orgdash together: a profile of the configuration becomes
// a tenant's client (the demo simulator when nothing names a tenant) with its
// protection applied below the UI, the key map gets the file's overrides,
// and a real tenant's credentials are checked before anything opens. The
// command line (internal/cli) and the server use it; it knows no flags.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/ui/common"
)

// SettingsError is a mistake in the configuration or the environment (the
// command line reports it as a usage error).
type SettingsError struct{ Err error }

func (e SettingsError) Error() string { return e.Err.Error() }
func (e SettingsError) Unwrap() error { return e.Err }

func settingsf(format string, args ...any) error { return SettingsError{fmt.Errorf(format, args...)} }

// Keys is the key map with the file's overrides; unknown actions are
// reported with their line.
func Keys(cfg *config.Config) (*keymap.KeyMap, error) {
	k := keymap.Default()
	known := map[string]bool{}
	for _, a := range k.Actions() {
		known[a] = true
	}
	names := make([]string, 0, len(cfg.Keys))
	for n := range cfg.Keys {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !known[n] {
			return nil, settingsf("%s:%d: unknown action %q in keys (known: %s)", cfg.Path(), cfg.KeyLine(n), n, strings.Join(k.Actions(), ", "))
		}
	}
	if err := k.Override(cfg.Keys); err != nil {
		return nil, settingsf("%s: keys: %v", cfg.Path(), err)
	}
	return k, nil
}

// Tenant is a chosen profile's client.
type Tenant struct {
	Client client.Client
	Name   string
	Level  config.Level
	Where  config.Where // where its settings came from, for messages
	Stop   func()
}

// Open builds the client of profile (or the environment's tenant,
// or the demo tenant when neither names one), with its protection level
// applied below the UI.
func Open(cfg *config.Config, profile string) (Tenant, error) {
	ch, err := cfg.Choose(profile, os.Getenv)
	if errors.Is(err, client.ErrNoCredentials) {
		cl, stop, err := StartDemo()
		return Tenant{Client: cl, Name: "demo", Level: config.Open, Stop: stop}, err
	}
	if err != nil {
		return Tenant{}, SettingsError{err}
	}
	cl, err := client.New(ch.Cfg)
	if err != nil {
		return Tenant{}, SettingsError{err}
	}
	// the index of who uses which connection outlives the process; a bad
	// or unwritable file only means the next scan reads everything again
	idx := crossorg.IndexOf(cl)
	if path, err := crossorg.IndexPath(ch.Cfg.Domain); err == nil {
		_ = idx.Keep(path, ch.Cfg.Domain)
	}
	if ch.Level == config.ReadOnly {
		cl = client.ReadOnly(cl, "profile "+ch.Name+" is read-only")
	}
	return Tenant{Client: cl, Name: ch.Name, Level: ch.Level, Where: ch.Where, Stop: func() { _ = idx.Flush() }}, nil
}

// Tenancy is what the dashboard needs to switch to profile name.
func Tenancy(cfg *config.Config, wrap func(client.Client) client.Client) func(string) (common.Tenancy, error) {
	return func(name string) (common.Tenancy, error) {
		t, err := Open(cfg, name)
		if err != nil {
			return common.Tenancy{}, err
		}
		return common.Tenancy{Client: wrap(t.Client), Profile: t.Name, Protected: t.Level == config.Protected}, nil
	}
}

// scopeHint lists the scopes to grant, from the client's table of actions:
// every one, so that no action is found missing later.
func scopeHint() string {
	wrap := func(scopes []string) string {
		var b strings.Builder
		line := 0
		for _, s := range scopes {
			if line > 0 && line+len(s) > 96 {
				b.WriteString("\n   ")
				line = 0
			}
			b.WriteString(" " + s)
			line += len(s) + 1
		}
		return b.String()
	}
	return "  to read:  " + wrap(client.Scopes(true)) + "\n  to change:" + wrap(client.Scopes(false))
}

// SharedFor is how long the first page a preflight read, or a page another
// screen read, is fresh enough to show again without a call.
const SharedFor = 5 * time.Second

// Preflight makes one call to a real tenant before the dashboard opens, so
// wrong credentials, an unreachable domain or missing scopes get one clear
// message instead of a broken screen.
func Preflight(ctx context.Context, cl client.Client, where config.Where) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := cl.Organizations(ctx, "")
	if err == nil {
		return nil
	}
	domain := cl.Tenant().Domain
	var e *client.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("cannot reach %s: %v", domain, err)
	}
	switch e.Kind {
	case client.Unauthorized:
		if e.Token {
			return fmt.Errorf("%s refused the token: %s.\nGet a fresh token for %s (Management API tokens expire)", domain, strings.TrimRight(e.Message, "."), where.APIToken)
		}
		return fmt.Errorf("%s refused the credentials: %s.\nCheck %s and %s (a machine-to-machine application authorized for the Auth0 Management API)",
			domain, strings.TrimRight(e.Message, "."), where.ClientID, where.ClientSecret)
	case client.Forbidden:
		return fmt.Errorf("the application may not read organizations on %s (%s).\nGrant it these scopes under Applications › APIs › Auth0 Management API › Machine to Machine Applications:\n%s", domain, e.Message, scopeHint())
	case client.Transport, client.Unavailable:
		return fmt.Errorf("cannot reach %s: %s.\nCheck %s (your tenant's domain, such as example.eu.auth0.com) and the network", domain, strings.TrimRight(e.Message, "."), where.Domain)
	}
	return fmt.Errorf("%s: %s", domain, e.Message)
}

// StartDemo serves the demo tenant on 127.0.0.1 (real HTTP, real rate
// limits) and returns a client of it.
func StartDemo() (client.Client, func(), error) {
	opts := sim.DefaultOptions()
	s, err := sim.New(opts)
	if err != nil {
		return nil, nil, err
	}
	run, err := s.Start("127.0.0.1:0", "", "")
	if err != nil {
		return nil, nil, fmt.Errorf("starting the demo tenant: %w", err)
	}
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = run.Close(ctx)
	}
	cl, err := client.New(client.Config{Domain: run.URL, ClientID: s.ClientID(), ClientSecret: s.ClientSecret(), Demo: true,
		Plan: opts.Plan}) // the demo's plan is known: its buckets pace calls from the first
	if err != nil {
		stop()
		return nil, nil, err
	}
	return cl, stop, nil
}
