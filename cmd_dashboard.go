package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/config"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/theme"
	"github.com/orgdash/orgdash/ui"
	"github.com/orgdash/orgdash/ui/common"
)

// runDashboard starts the dashboard on the chosen profile, the
// environment's tenant, or the embedded demo tenant.
func runDashboard(ctx context.Context, g *globals) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st, err := g.prepare(ctx)
	if err != nil {
		return err
	}
	defer st.close()
	cfg, t := st.cfg, st.tenant
	activity := &audit.Activity{}
	wrap := func(cl client.Client) client.Client {
		return audit.ClientWithActivity(cl, st.audit, audit.Who{User: localUser()}, activity)
	}
	c := &common.Common{Ctx: ctx, Client: wrap(t.client), Keys: st.keys, Styles: styles(cfg), Profile: t.name,
		Protected: t.level == config.Protected, Activity: activity, Profiles: cfg.Names(), Switch: tenancy(cfg, wrap)}
	_, err = tea.NewProgram(ui.New(c), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// styles follow the config's theme; "auto" (the default) follows the terminal.
func styles(cfg *config.Config) *theme.Styles {
	switch cfg.Theme {
	case "dark", "light":
		s := theme.New(cfg.Theme == "dark", ui.NoColor(os.Environ()))
		s.Fixed = true
		return s
	}
	return ui.DefaultStyles()
}

// openAudit opens the audit log: the first path given, else the default.
func openAudit(paths ...string) (*audit.Log, error) {
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
	log, err := audit.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the audit log %s: %w (set ORGDASH_AUDIT_LOG to another file)", path, err)
	}
	return log, nil
}

// localUser names the person at this terminal for the audit log.
func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// startDemo serves the demo tenant on 127.0.0.1 (real HTTP, real rate
// limits) and returns a client of it.
func startDemo() (client.Client, func(), error) {
	s, err := sim.New(sim.DefaultOptions())
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
	cl, err := client.New(client.Config{Domain: run.URL, ClientID: s.ClientID(), ClientSecret: s.ClientSecret(), Demo: true})
	if err != nil {
		stop()
		return nil, nil, err
	}
	return cl, stop, nil
}
