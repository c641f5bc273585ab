package cli

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/spf13/cobra"
)

// activityFlags are `orgdash activity`'s flags.
type activityFlags struct {
	since, auditFile string
	kinds            []string
	who              string
	filter           activity.Filter
	json, csv        bool
	follow, archive  bool
}

func activityCmd(g *globals) *cobra.Command {
	f := &activityFlags{}
	cmd := &cobra.Command{
		Use:   "activity ORG",
		Short: "What changed in an organization: orgdash's audit and Auth0's tenant logs, merged",
		Long: `activity lists what happened to an organization, oldest first: changes made
through orgdash (with the person and SSH key from the audit log) and those made
elsewhere (the Auth0 Dashboard with the administrator, Terraform, scripts, the
customer's provisioning, by their application), memberships Auth0 made, logins
and failed logins. A change made through orgdash shows once. ORG is a name or an id;
"-" is the whole tenant. Auth0 keeps logs 1 to 30 days by plan: --archive keeps
what was read on this machine (per tenant, 0600, bounded) so older events still show.
--follow reads on every ` + activity.FollowEvery.String() + ` (a tenth of the logs bucket), as background work.`,
		Example: `  orgdash activity acme --since 24h
  orgdash activity acme --json | jq 'select(.elsewhere)'
  orgdash activity acme --kind change --who admin@example.com
  orgdash activity - --csv --since 2026-12-01
  orgdash activity acme --follow --archive`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.json && f.csv {
				return usagef("--json or --csv, not both")
			}
			for _, k := range f.kinds {
				kind, ok := activity.ParseKind(k)
				if !ok {
					return usagef("--kind %q: changes, memberships, logins or login-failures", k)
				}
				f.filter.Kinds = append(f.filter.Kinds, kind)
			}
			f.filter.Person = f.who
			var since time.Time
			if f.since != "" {
				af := &auditFilter{since: f.since}
				if err := af.parse(); err != nil {
					return err
				}
				since = af.after
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
			path, err := g.tenantAuditPath(f.auditFile, t.client.Tenant())
			if err != nil {
				return err
			}
			src := activity.Source{Client: t.client, AuditPath: path}
			if f.archive && !t.client.Tenant().Demo {
				if src.Archive, err = openArchive(t.client.Tenant().Domain); err != nil {
					fmt.Fprintln(cmd.ErrOrStderr(), "orgdash: the archive:", err)
				}
			}
			return listActivity(cmd.Context(), src, args[0], since, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.since, "since", "", "only what happened since `WHEN`: a duration (24h, 30d) or a date (2026-12-01)")
	fl.BoolVar(&f.json, "json", false, "one JSON object an entry, with the raw events")
	fl.BoolVar(&f.csv, "csv", false, "CSV: time, kind, who, what, organization, where")
	fl.BoolVar(&f.follow, "follow", false, "keep reading as the tenant logs more (ctrl+c ends)")
	fl.BoolVar(&f.archive, "archive", false, "keep what is read on this machine, and show what the tenant no longer keeps")
	fl.StringSliceVar(&f.kinds, "kind", nil, "only entries of these `KINDS`: changes, memberships, logins, login-failures")
	fl.StringVar(&f.who, "who", "", "only entries by this `PERSON`: part of a name, email, SSH key or client id")
	fl.StringVar(&f.auditFile, "audit", "", "audit log `FILE` (default as for orgdash audit)")
	return cmd
}

// openArchive opens tenant domain's archive at its usual place.
func openArchive(domain string) (*activity.Archive, error) {
	path, err := activity.ArchivePath(domain)
	if err != nil {
		return nil, err
	}
	return activity.OpenArchive(path, domain, 0)
}

// listActivity prints org's activity since since, oldest first, then
// (with --follow) what comes.
func listActivity(ctx context.Context, src activity.Source, ref string, since time.Time, f *activityFlags, w, errw io.Writer) error {
	q := activity.Query{Since: since}
	if ref != "-" {
		o, err := findOrg(ctx, src.Client, ref)
		if err != nil {
			return err
		}
		q.Org, q.OrgName = o.ID, o.Name
	}
	if src.Client.Tenant().Demo {
		fmt.Fprintln(errw, demoNotice)
	}
	out := newActivityWriter(w, f)
	feed := activity.NewFeed(src, q)
	es, err := feed.Load(ctx)
	if err != nil && len(es) == 0 {
		return err
	}
	if err != nil {
		fmt.Fprintln(errw, "orgdash: part of the activity could not be read:", common.Explain(err))
	}
	seen := map[string]bool{}
	if err := out.write(es, seen); err != nil || !f.follow {
		return err
	}
	var failure error
	feed.Follow(ctx, nil, func(es []activity.Entry, err error) bool {
		if err != nil {
			fmt.Fprintln(errw, "orgdash:", common.Explain(err))
		}
		failure = out.write(es, seen)
		return failure == nil
	})
	return failure
}

// activityWriter prints entries as text, JSON lines or CSV.
type activityWriter struct {
	w      io.Writer
	f      *activityFlags
	csv    *csv.Writer
	header bool
}

func newActivityWriter(w io.Writer, f *activityFlags) *activityWriter {
	a := &activityWriter{w: w, f: f}
	if f.csv {
		a.csv = csv.NewWriter(w)
	}
	return a
}

// write prints the entries not seen yet, oldest first.
func (a *activityWriter) write(es []activity.Entry, seen map[string]bool) error {
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		key := e.ID + "\x00" + e.Outcome // an interrupted change that ends prints again
		if seen[key] || !a.f.filter.Match(e) {
			continue
		}
		seen[key] = true
		if err := a.one(e); err != nil {
			return err
		}
	}
	if a.csv != nil {
		a.csv.Flush()
		return a.csv.Error()
	}
	return nil
}

func (a *activityWriter) one(e activity.Entry) error {
	where := e.Where()
	switch {
	case a.f.json:
		raw, err := json.Marshal(activityJSON(e))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(a.w, "%s\n", raw)
		return err
	case a.csv != nil:
		if !a.header {
			a.header = true
			if err := a.csv.Write([]string{"time", "kind", "who", "what", "organization", "outcome", "where"}); err != nil {
				return err
			}
		}
		return a.csv.Write([]string{e.When.UTC().Format(time.RFC3339), e.Kind.String(), safetext.CSV(e.Who.String()),
			safetext.CSV(e.What), safetext.CSV(cmp.Or(e.OrgName, e.Org)), e.Outcome, where})
	}
	what := e.What
	if e.Through != "" {
		what += " (through " + e.Through + ")"
	}
	if where != "" {
		what += "  [" + where + "]"
	}
	_, err := fmt.Fprintf(a.w, "%s  %-13s  %-32s  %s\n", e.When.Local().Format("2006-01-02 15:04:05"), e.Kind,
		safetext.Terminal(e.Who.String()), safetext.Terminal(what))
	return err
}

// activityRecord is an entry as --json writes it.
type activityRecord struct {
	ID        string            `json:"id"`
	Time      time.Time         `json:"time"`
	Kind      string            `json:"kind"`
	Who       activityWho       `json:"who"`
	What      string            `json:"what"`
	Org       string            `json:"organization,omitempty"`
	OrgName   string            `json:"organization_name,omitempty"`
	Through   string            `json:"through,omitempty"` // how a change to a shared connection or user affects the organization
	Elsewhere bool              `json:"elsewhere"`
	Outcome   string            `json:"outcome,omitempty"`
	Method    string            `json:"method,omitempty"`
	Path      string            `json:"path,omitempty"`
	Body      any               `json:"body,omitempty"`
	Before    map[string]any    `json:"before,omitempty"`
	After     map[string]any    `json:"after,omitempty"`
	AuditID   string            `json:"audit_id,omitempty"`
	Logs      []client.LogEvent `json:"logs,omitempty"`
}

type activityWho struct {
	Actor    string `json:"actor"`
	Name     string `json:"name,omitempty"`
	Key      string `json:"key,omitempty"`
	ClientID string `json:"client_id,omitempty"`
}

func activityJSON(e activity.Entry) activityRecord {
	r := activityRecord{ID: e.ID, Time: e.When.UTC(), Kind: e.Kind.String(), What: e.What, Org: e.Org, OrgName: e.OrgName, Through: e.Through,
		Who:       activityWho{Actor: e.Who.Actor.String(), Name: e.Who.Name, Key: e.Who.Key, ClientID: e.Who.ClientID},
		Elsewhere: e.Elsewhere, Outcome: e.Outcome, Method: e.Method, Path: e.Path, Body: e.Body,
		Before: e.Before, After: e.After, Logs: e.Logs}
	if e.Audit != nil {
		r.AuditID = e.Audit.Intent.ID
	}
	return r
}
