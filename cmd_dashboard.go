package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// runDashboard will start the dashboard. Until it exists, it serves the demo
// tenant on a free loopback port so `go run .` shows what there is.
func runDashboard(cmd *cobra.Command, _ []string) error {
	f := simFlags{addr: "127.0.0.1:0", seed: 1, orgs: 150, members: 5000, removalDelay: "5s-10s", rate: "16:50", faults: "off"}
	opts, err := f.options()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd.Println("The dashboard is not built yet; serving the demo tenant it will show.")
	return runSim(ctx, cmd.OutOrStdout(), f, opts)
}
