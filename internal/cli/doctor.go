package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
	"github.com/spf13/cobra"
)

// exitCode ends orgdash with a code and nothing more to say: the command
// has written its answer.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func doctorCmd(g *globals) *cobra.Command {
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor [ORG…|--all]",
		Short: "Check organizations for what stops their people logging in",
		Long: `doctor checks organizations as Popeye checks a cluster: connections hidden from
the prompt or enabled for no application, applications that require organizations
with no connection they may use, signup without membership, pending discovery
domains, members whose own connection is not enabled in the organization (or off,
or not for the applications requiring organizations), blocked members, expired invitations, nearness to Auth0's limits, and
the last day's failed logins by cause. It reads only the Management API.

ORG is an organization's name or id. --all checks every organization, after
printing the plan: how many calls, and how long the tenant's budget makes them take.
Exit status: 0 healthy, 1 findings (warnings or errors), 2 some check could not run.`,
		Example: `  orgdash doctor acme
  orgdash doctor --all --json | jq '.organizations[] | select(.healthy | not) | .name'`,
		Args: func(_ *cobra.Command, args []string) error {
			if all == (len(args) > 0) {
				return usagef("doctor checks the organizations named, or --all")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openForCheck(g, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer t.stop()
			code, err := runDoctor(cmd.Context(), t.client, args, asJSON, cmd.OutOrStdout(), cmd.ErrOrStderr())
			if err != nil {
				return notAsked(cmd.ErrOrStderr(), err) // 2: could not check
			}
			if code != 0 {
				return exitCode(code)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "check every organization")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the reports as JSON")
	return cmd
}

// openForCheck opens the chosen tenant, or the demo tenant when none is
// configured (saying so on stderr).
func openForCheck(g *globals, stderr io.Writer) (tenant, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return tenant{}, err
	}
	if err := cfg.MustChoose(g.profile, os.Getenv); err != nil {
		fmt.Fprintln(stderr, "orgdash:", err) // and, below, that the demo answers instead
	}
	t, err := openTenant(cfg, g.profile)
	if err == nil && t.client.Tenant().Demo { // an answer about a made-up tenant says so, always
		fmt.Fprintln(stderr, demoNotice)
	}
	return t, err
}

// demoNotice is what a command answering from the demo tenant says first.
const demoNotice = "orgdash: the demo tenant (set AUTH0_DOMAIN and credentials, or --profile, for a real one)"

// doctorJSON is --json's answer.
type doctorJSON struct {
	Plan          *planJSON   `json:"plan,omitempty"`
	Organizations []orgReport `json:"organizations"`
	ExitCode      int         `json:"exit_code"`
}

type planJSON struct {
	Organizations int     `json:"organizations"`
	Calls         int     `json:"calls"`
	Seconds       float64 `json:"seconds"`
	Bucket        string  `json:"bucket,omitempty"`
	Text          string  `json:"text"`
}

type orgReport struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Healthy bool   `json:"healthy"`
	doctor.Report
}

// runDoctor checks the organizations named (or every one, planned first)
// and writes the reports; the code is doctor.ExitCode's.
func runDoctor(ctx context.Context, cl client.Client, names []string, asJSON bool, stdout, stderr io.Writer) (int, error) {
	var orgs []client.Organization
	var plan *doctor.Plan
	if len(names) == 0 {
		all, err := client.All(ctx, cl.Organizations)
		if err != nil {
			return 2, err
		}
		orgs = all
	} else {
		for _, n := range names {
			o, err := doctor.FindOrg(ctx, cl, n)
			if err != nil {
				return 2, orgError(n, err)
			}
			orgs = append(orgs, o)
		}
	}
	s := doctor.NewSurvey(ctx, cl)
	if len(names) == 0 {
		conns := -1
		if tcs, err := cl.TenantConnections(ctx); err == nil {
			conns = len(tcs)
		}
		p := doctor.NewPlan(cl, s, len(orgs), conns)
		plan = &p
		fmt.Fprintln(stderr, "plan:", p)
	}
	var done atomic.Int64
	progress := progressTo(stderr)
	reports := doctor.CheckAll(ctx, cl, s, orgs, func(doctor.Report) {
		fmt.Fprintf(progress, "\rchecked %d of %d organizations…", done.Add(1), len(orgs))
	})
	fmt.Fprint(progress, "\r\033[K")
	if err := ctx.Err(); err != nil {
		return 2, err
	}
	code := doctor.ExitCode(reports)
	if asJSON {
		out := doctorJSON{Organizations: make([]orgReport, len(reports)), ExitCode: code}
		for i, r := range reports {
			out.Organizations[i] = orgReport{ID: r.Org.ID, Name: r.Org.Name, Healthy: r.Healthy(), Report: r}
		}
		if plan != nil {
			out.Plan = &planJSON{Organizations: plan.Orgs, Calls: plan.Calls, Seconds: plan.Takes.Seconds(), Bucket: plan.Limit.Bucket, Text: plan.String()}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return code, enc.Encode(out)
	}
	healthy := 0
	for _, r := range reports {
		if len(names) == 0 && r.Healthy() && len(r.Findings) == 0 {
			healthy++ // --all names only what needs reading
			continue
		}
		writeReport(stdout, r)
	}
	if len(names) == 0 {
		fmt.Fprintf(stdout, "%d of %d organizations healthy, with nothing to note\n", healthy, len(reports))
	}
	return code, nil
}

// writeReport writes one organization's checkup for people.
func writeReport(w io.Writer, r doctor.Report) {
	state := "healthy"
	switch {
	case len(r.Problems()) > 0:
		state = table.Plural(len(r.Problems()), "problem")
	case len(r.Skipped) > 0:
		state = "not fully checked"
	}
	fmt.Fprintf(w, "%s (%s): %s\n", common.Clean(r.Org.Name), r.Org.ID, state)
	for _, f := range r.Findings {
		fmt.Fprintf(w, "  %-7s %s\n", strings.ToUpper(f.Severity.String()), common.Clean(f.Title))
		for _, e := range f.Evidence {
			fmt.Fprintf(w, "          %s\n", common.Clean(e))
		}
		if f.Fix != nil {
			fmt.Fprintf(w, "          fix: %s (! on the organization in the dashboard)\n", common.Clean(f.Fix.Label))
		}
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "  %-7s %s: %s\n", "NOT RUN", s.Check, common.Clean(s.Reason))
	}
}
