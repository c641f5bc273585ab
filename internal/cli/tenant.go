package cli

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"charm.land/huh/v2"
	"github.com/charmbracelet/x/term"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/internal/app"
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/safetext"
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
	if _, err := app.Keys(cfg); err != nil { // every command refuses the file the dashboard would
		return nil, usageError{err}
	}
	return cfg, nil
}

// setup is what the dashboard and the server start from.
type setup struct {
	cfg    *config.Config
	keys   *keymap.KeyMap
	tenant tenant
	audit  *audit.Log
	// auditPath is the file audit writes: where the Activity tabs read
	// what was changed through orgdash
	auditPath string
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
	if s.keys, err = app.Keys(s.cfg); err != nil {
		return s, usageError{err}
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
		s.tenant.client = client.SharePages(s.tenant.client, app.SharedFor)
		if err := app.Preflight(ctx, s.tenant.client, s.tenant.where); err != nil {
			s.tenant.stop()
			return s, err
		}
	}
	if s.auditPath, err = g.tenantAuditPath(firstGiven(auditPaths), s.tenant.client.Tenant()); err != nil {
		s.tenant.stop()
		return s, err
	}
	if s.audit, err = openAudit(s.auditPath); err != nil {
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

// tenantAuditPath is the audit log of tenant t: the flag's,
// $ORGDASH_AUDIT_LOG, the config's or the default; for the demo tenant,
// "demo-" and that file's name, beside it, so that changes to a simulator
// never mix with a real tenant's record. What writes the audit and what
// reads it (the Activity tab, orgdash activity) both ask here, so they
// name the same file.
func (g *globals) tenantAuditPath(flag string, t client.Tenant) (string, error) {
	path, err := g.auditPath(flag)
	if err != nil || !t.Demo {
		return path, err
	}
	return demoAuditPath(path), nil
}

// demoAuditPath is the demo's log beside the log at path.
func demoAuditPath(path string) string {
	return filepath.Join(filepath.Dir(path), "demo-"+filepath.Base(path))
}

// firstGiven is the first of paths that is not empty.
func firstGiven(paths []string) string {
	for _, p := range paths {
		if p != "" {
			return p
		}
	}
	return ""
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

// tenant is a chosen profile's client (see app.Open).
type tenant struct {
	client client.Client
	name   string
	level  config.Level
	where  config.Where // where its settings came from, for messages
	stop   func()
}

// openTenant is app.Open under the command line's names.
func openTenant(cfg *config.Config, profile string) (tenant, error) {
	t, err := app.Open(cfg, profile)
	return tenant{client: t.Client, name: t.Name, level: t.Level, where: t.Where, stop: t.Stop}, err
}

// startDemo serves the demo tenant (see app.StartDemo).
func startDemo() (client.Client, func(), error) { return app.StartDemo() }
