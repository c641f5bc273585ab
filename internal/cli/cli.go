// Package cli is orgdash's command line (cobra): the dashboard, serve, sim,
// export, audit, why, doctor, activity and version, each in a file of its
// own, with the tenant wiring they share.
package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/orgdash/orgdash/internal/app"
	"github.com/spf13/cobra"
)

// usageError is a mistake in the command line: orgdash exits 2 for it.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// Main runs the command line in os.Args and returns the exit code: 0, 1
// for a failure, 2 for a usage error, or the code a command chose.
func Main() int {
	root := rootCmd()
	if err := root.Execute(); err != nil {
		var code exitCode
		if errors.As(err, &code) { // the command has said all it has to
			return int(code)
		}
		fmt.Fprintln(os.Stderr, "orgdash:", err)
		var ue usageError
		var se app.SettingsError
		if errors.As(err, &ue) || errors.As(err, &se) {
			return 2
		}
		return 1
	}
	return 0
}

func rootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "orgdash",
		Short: "A terminal dashboard for Auth0 Organizations",
		Long: `orgdash browses and manages a tenant's Auth0 Organizations from the terminal.

With no credentials it runs against a built-in simulated tenant. To use a real
tenant set AUTH0_DOMAIN and either AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET or
AUTH0_API_TOKEN.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          func(cmd *cobra.Command, _ []string) error { return runDashboard(cmd.Context(), g) },
	}
	root.PersistentFlags().StringVar(&g.configPath, "config", "", "config `FILE` (default $ORGDASH_CONFIG or $XDG_CONFIG_HOME/orgdash/config.yaml)")
	root.Flags().DurationVar(&g.refresh, "refresh", 0, "reload the shown list every `INTERVAL` (such as 1m) unless you are in the middle of something there")
	root.PersistentFlags().StringVar(&g.auditSyslog, "audit-syslog", "", "copy the audit to syslog at `WHERE` (unixgram:///dev/log, udp://host:514, tcp://host:601); the file stays the record")
	root.PersistentFlags().StringVar(&g.profile, "profile", "", "the profile (tenant) `NAME` to use (default: the config's default_profile)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(simCmd(), serveCmd(g), exportCmd(g), auditCmd(g), activityCmd(g), versionCmd(), whyCmd(g), doctorCmd(g))
	info, _ := debug.ReadBuildInfo()
	root.Version = versionLine(info, version, commit) // --version, as the version command says it
	root.SetVersionTemplate("{{.Version}}\n")
	argsAreUsage(root)
	return root
}

// argsAreUsage makes a wrong argument to any command (an unknown command,
// too many arguments) a usage error, exit 2 like a wrong flag.
func argsAreUsage(cmd *cobra.Command) {
	check := cmd.Args
	if check == nil && !cmd.HasSubCommands() {
		check = cobra.ArbitraryArgs
	}
	if check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		argsAreUsage(sub)
	}
}
