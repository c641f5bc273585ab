// Command orgdash is a keyboard-driven terminal dashboard for Auth0
// Organizations, an SSH server for it, and a simulator of an Auth0 tenant.
// The command line lives in internal/cli.
package main

import (
	"os"

	"github.com/orgdash/orgdash/internal/cli"
)

func main() { os.Exit(cli.Main()) }
