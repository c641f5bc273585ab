package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version and commit are set at release time with -ldflags "-X main.version=…".
var (
	version = ""
	commit  = ""
)

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and commit",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			info, _ := debug.ReadBuildInfo()
			fmt.Fprintln(cmd.OutOrStdout(), versionLine(info, version, commit))
		},
	}
}

// versionLine is "orgdash VERSION (commit REV, TIME[, modified])": the
// version and commit given at link time, else what `go build` recorded
// (the module's version from its VCS tag or a pseudo-version, and the
// revision). `go run` records neither: it says so.
func versionLine(info *debug.BuildInfo, version, commit string) string {
	var rev, at string
	modified := false
	if info != nil {
		if version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if commit != "" {
		rev = commit
	}
	if version == "" {
		version = "dev"
	}
	if rev == "" {
		return "orgdash " + version + " (no commit recorded: go run and -buildvcs=false record none; go build does)"
	}
	parts := []string{"commit " + rev[:min(len(rev), 12)]}
	if at != "" {
		parts = append(parts, at)
	}
	if modified {
		parts = append(parts, "modified")
	}
	return "orgdash " + version + " (" + strings.Join(parts, ", ") + ")"
}
