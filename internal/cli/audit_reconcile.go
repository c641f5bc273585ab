package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/table"
	"github.com/spf13/cobra"
)

func reconcileCmd(g *globals) *cobra.Command {
	var file string
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "reconcile",
		Short: "Read the tenant for interrupted changes and record what it shows",
		Long: `reconcile finds the changes whose outcome was never written (the process was
killed mid-change), reads the tenant's current state for each, and appends an
outcome line saying what it verified: ok (the change is in place), failed (it
is not) or partial (target by target). It leaves alone the changes of a
process still running (it holds its lease next to the log), and appends
nothing for a change it cannot settle: a member removal Auth0 still lists
inside its 5-10 second window (waited out with --wait) or a state it cannot
read is shown as "not yet known". It uses the profile (or environment)
given; changes to other tenants are skipped. Torn lines are skipped and
reported.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := g.auditPath(file)
			if err != nil {
				return err
			}
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			t, err := openTenant(cfg, g.profile)
			if err != nil {
				return err
			}
			defer t.stop()
			r := reconciler{path: path, tenant: t, wait: wait, out: cmd.OutOrStdout(), errw: cmd.ErrOrStderr()}
			return r.run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "audit log `FILE` (default $ORGDASH_AUDIT_LOG, the config's audit_log, or $XDG_STATE_HOME/orgdash/audit.jsonl)")
	cmd.Flags().DurationVar(&wait, "wait", audit.RemovalWindow, "how long to wait out Auth0's removal window for members still listed (0: report them not yet known)")
	return cmd
}

// reconciler settles a log's interrupted changes against one tenant.
type reconciler struct {
	path      string
	tenant    tenant
	wait      time.Duration
	out, errw io.Writer
}

// read reads the log, reporting its torn lines.
func (r reconciler) read(report bool) ([]audit.Change, error) {
	file, err := os.Open(r.path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the audit log: %w", err)
	}
	defer file.Close()
	changes, torn, err := audit.ReadAll(file)
	if report {
		for _, t := range torn {
			fmt.Fprintln(r.errw, common.Clean(t.Error()))
		}
	}
	return changes, err
}

func (r reconciler) run(ctx context.Context) error {
	changes, err := r.read(true)
	if err != nil {
		return err
	}
	log, err := audit.Open(r.path)
	if err != nil {
		return err
	}
	defer log.Close()
	domain := r.tenant.client.Tenant().Domain
	var todo []audit.Change
	skipped, live := 0, 0
	for _, ch := range changes {
		switch {
		case ch.State() != audit.Interrupted:
		case ch.Intent.Tenant != domain:
			skipped++
		case audit.Live(r.path, ch.Intent.Writer):
			live++ // still under way in a running process: its own outcome will come
		default:
			todo = append(todo, ch)
		}
	}
	gone := time.Now() // every writer of todo had ended by now
	done, unknown := 0, 0
	for _, ch := range todo {
		e, v := audit.ReconcileWaiting(ctx, r.tenant.client, ch, gone, r.wait)
		if v != audit.Verified {
			unknown++
			e.Outcome = audit.NotYetKnown
			writeChange(r.out, audit.Change{Intent: ch.Intent, Outcome: &e}, false)
			continue
		}
		wrote, err := r.append(log, ch, e)
		if err != nil {
			return err
		}
		if !wrote {
			live++ // its writer ended it meanwhile
			continue
		}
		done++
		writeChange(r.out, audit.Change{Intent: ch.Intent, Outcome: &e}, false)
	}
	fmt.Fprintf(r.out, "%s reconciled", table.Plural(done, "interrupted change"))
	if unknown > 0 {
		fmt.Fprintf(r.out, "; %d not yet known (nothing recorded: run reconcile again)", unknown)
	}
	if live > 0 {
		fmt.Fprintf(r.out, "; %d still under way in a running orgdash (left alone)", live)
	}
	if skipped > 0 {
		fmt.Fprintf(r.out, "; %d belong to another tenant (use --profile for it)", skipped)
	}
	fmt.Fprintln(r.out)
	return nil
}

// append writes e unless ch's outcome was written meanwhile (its writer
// ended it after the log was read).
func (r reconciler) append(log *audit.Log, ch audit.Change, e audit.Entry) (bool, error) {
	now, err := r.read(false)
	if err != nil {
		return false, err
	}
	for _, c := range now {
		if c.Intent.ID == ch.Intent.ID && c.State() != audit.Interrupted {
			return false, nil
		}
	}
	return true, log.Write(e)
}
