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
	"github.com/orgdash/orgdash/keymap"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/ui"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/spf13/cobra"
)

// runDashboard starts the dashboard: against the tenant the environment
// names, or against the embedded demo tenant when it names none.
func runDashboard(cmd *cobra.Command, _ []string) error {
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	cl, stop, err := connect(ctx)
	if err != nil {
		return err
	}
	defer stop()
	log, err := openAudit()
	if err != nil {
		return err
	}
	defer log.Close()
	cl = audit.Client(cl, log, audit.Who{User: localUser()})
	c := &common.Common{Ctx: ctx, Client: cl, Keys: keymap.Default(), Styles: ui.DefaultStyles()}
	_, err = tea.NewProgram(ui.New(c), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// openAudit opens the audit log: ORGDASH_AUDIT_LOG, or the default path.
func openAudit() (*audit.Log, error) {
	path := os.Getenv("ORGDASH_AUDIT_LOG")
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

// connect builds the client from AUTH0_* variables, or starts the demo
// tenant on a loopback port when there are none.
func connect(ctx context.Context) (client.Client, func(), error) {
	cfg, err := client.FromEnv(os.Getenv)
	switch {
	case errors.Is(err, client.ErrNoCredentials):
		return startDemo()
	case err != nil:
		return nil, nil, usageError{err}
	}
	cl, err := client.New(cfg)
	return cl, func() {}, err
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
