package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
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
	c := &common.Common{Ctx: ctx, Client: cl, Keys: keymap.Default(), Styles: ui.DefaultStyles()}
	_, err = tea.NewProgram(ui.New(c), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
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
