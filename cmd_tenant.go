package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/huh/v2"
	"github.com/charmbracelet/x/term"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
)

// globals are the flags every command takes.
type globals struct {
	configPath string
	profile    string
	refresh    time.Duration // the dashboard's auto-refresh (--refresh)
	// auditSyslog copies the audit to syslog: unixgram:///dev/log, udp://host:514
	auditSyslog string
	// ask picks a profile when the config has several and none is the
	// default (the dashboard asks; nil: fail naming them).
	ask func(cfg *config.Config) (string, error)
}

// loadConfig reads --config, $ORGDASH_CONFIG or the default file; a bad
// file is a usage error naming the file, line and problem (exit 2).
func (g *globals) loadConfig() (*config.Config, error) {
	path, required := g.configPath, g.configPath != ""
	if path == "" {
		path = config.DefaultPath(os.Getenv)
		required = os.Getenv("ORGDASH_CONFIG") != ""
	}
	cfg, err := config.Load(path, required)
	if err != nil {
		return nil, usageError{err}
	}
	if _, err := keys(cfg); err != nil { // every command refuses the file the dashboard would
		return nil, err
	}
	return cfg, nil
}

// keys is the key map with the file's overrides; unknown actions are
// reported with their line.
func keys(cfg *config.Config) (*keymap.KeyMap, error) {
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
			return nil, usagef("%s:%d: unknown action %q in keys (known: %s)", cfg.Path(), cfg.KeyLine(n), n, strings.Join(k.Actions(), ", "))
		}
	}
	if err := k.Override(cfg.Keys); err != nil {
		return nil, usagef("%s: keys: %v", cfg.Path(), err)
	}
	return k, nil
}

// tenant is a chosen profile's client.
type tenant struct {
	client client.Client
	name   string
	level  config.Level
	where  config.Where // where its settings came from, for messages
	stop   func()
}

// openTenant builds the client of profile (or the environment's tenant,
// or the demo tenant when neither names one), with its protection level
// applied below the UI.
func openTenant(cfg *config.Config, profile string) (tenant, error) {
	ch, err := cfg.Choose(profile, os.Getenv)
	if errors.Is(err, client.ErrNoCredentials) {
		cl, stop, err := startDemo()
		return tenant{client: cl, name: "demo", level: config.Open, stop: stop}, err
	}
	if err != nil {
		return tenant{}, usageError{err}
	}
	cl, err := client.New(ch.Cfg)
	if err != nil {
		return tenant{}, usageError{err}
	}
	// the index of who uses which connection outlives the process; a bad
	// or unwritable file only means the next scan reads everything again
	idx := client.IndexOf(cl)
	if path, err := client.IndexPath(ch.Cfg.Domain); err == nil {
		_ = idx.Keep(path, ch.Cfg.Domain)
	}
	if ch.Level == config.ReadOnly {
		cl = client.ReadOnly(cl, "profile "+ch.Name+" is read-only")
	}
	return tenant{client: cl, name: ch.Name, level: ch.Level, where: ch.Where, stop: func() { _ = idx.Flush() }}, nil
}

// tenancy is what the dashboard needs to switch to profile name.
func tenancy(cfg *config.Config, wrap func(client.Client) client.Client) func(string) (common.Tenancy, error) {
	return func(name string) (common.Tenancy, error) {
		t, err := openTenant(cfg, name)
		if err != nil {
			return common.Tenancy{}, err
		}
		return common.Tenancy{Client: wrap(t.client), Profile: t.name, Protected: t.level == config.Protected}, nil
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

// sharedFor is how long the first page a preflight read, or a page another
// screen read, is fresh enough to show again without a call.
const sharedFor = 5 * time.Second

// preflight makes one call to a real tenant before the dashboard opens, so
// wrong credentials, an unreachable domain or missing scopes get one clear
// message instead of a broken screen.
func preflight(ctx context.Context, cl client.Client, where config.Where) error {
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

// setup is what the dashboard and the server start from.
type setup struct {
	cfg    *config.Config
	keys   *keymap.KeyMap
	tenant tenant
	audit  *audit.Log
	// sinkFailed is told when the audit's syslog copy fails (the file has
	// the entry): the dashboard shows it, the server logs it
	sinkFailed *notice
}

// notice is a callback set once what should hear of it exists.
type notice struct{ fn atomic.Pointer[func(error)] }

func (n *notice) set(fn func(error)) { n.fn.Store(&fn) }
func (n *notice) tell(err error) {
	if fn := n.fn.Load(); fn != nil {
		(*fn)(err)
	}
}

// prepare reads the config, builds the key map and the chosen tenant's
// client, checks the credentials of a real tenant, and opens the audit log
// (the first of auditPaths given, then $ORGDASH_AUDIT_LOG, the config's,
// the default).
func (g *globals) prepare(ctx context.Context, auditPaths ...string) (setup, error) {
	var s setup
	var err error
	if s.cfg, err = g.loadConfig(); err != nil {
		return s, err
	}
	if s.keys, err = keys(s.cfg); err != nil {
		return s, err
	}
	if err := s.cfg.MustChoose(g.profile, os.Getenv); err != nil {
		if g.ask == nil {
			return s, usageError{err}
		}
		if g.profile, err = g.ask(s.cfg); err != nil {
			return s, err
		}
	}
	if s.tenant, err = openTenant(s.cfg, g.profile); err != nil {
		return s, err
	}
	if !s.tenant.client.Tenant().Demo {
		// the dashboard's first list then reuses the page the preflight read
		s.tenant.client = client.SharePages(s.tenant.client, sharedFor)
		if err := preflight(ctx, s.tenant.client, s.tenant.where); err != nil {
			s.tenant.stop()
			return s, err
		}
	}
	paths := append(auditPaths, os.Getenv("ORGDASH_AUDIT_LOG"), s.cfg.AuditLog)
	if s.tenant.client.Tenant().Demo {
		if paths, err = demoAudit(paths); err != nil {
			s.tenant.stop()
			return s, err
		}
	}
	if s.audit, err = openAudit(paths...); err != nil {
		s.tenant.stop()
		return s, err
	}
	s.sinkFailed = &notice{}
	if where := cmp.Or(g.auditSyslog, os.Getenv("ORGDASH_AUDIT_SYSLOG"), s.cfg.AuditSyslog); where != "" {
		sys, err := audit.DialSyslog(where)
		if err != nil {
			s.tenant.stop()
			return s, usageError{err}
		}
		s.audit.AddSink(sys, s.sinkFailed.tell)
	}
	return s, nil
}

// demoAudit is the demo tenant's own log: "demo-" and the name of the log
// a real tenant would use, beside it, so that changes to a simulator never
// mix with a real tenant's record.
func demoAudit(paths []string) ([]string, error) {
	path := ""
	for _, p := range paths {
		if p != "" {
			path = p
			break
		}
	}
	if path == "" {
		p, err := audit.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return []string{filepath.Join(filepath.Dir(path), "demo-"+filepath.Base(path))}, nil
}

// close ends what prepare began.
func (s setup) close() {
	_ = s.audit.Close()
	s.tenant.stop()
}

// labels are the profiles as a picker shows them.
func labels(cfg *config.Config) map[string]string {
	out := make(map[string]string, len(cfg.Profiles))
	for _, n := range cfg.Names() {
		out[n] = cfg.Label(n)
	}
	return out
}

// askProfile asks on the terminal which profile to open; without a
// terminal it fails naming them. It runs its own small huh program before
// the dashboard starts, on the local terminal only: serve never asks
// (globals.ask is nil there), so no form runs inside a session.
func askProfile(cfg *config.Config) (string, error) {
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		return "", usageError{config.ErrNoProfileChosen{Names: cfg.Names()}}
	}
	var choice string
	opts := make([]huh.Option[string], 0, len(cfg.Profiles))
	for _, n := range cfg.Names() {
		opts = append(opts, huh.NewOption(safetext.Terminal(cfg.Label(n)), n))
	}
	err := huh.NewSelect[string]().Title("Which tenant? (set default_profile to skip this)").Options(opts...).Value(&choice).Run()
	if err != nil {
		return "", fmt.Errorf("no profile chosen: %w", err)
	}
	return choice, nil
}
