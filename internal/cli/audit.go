package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/safetext"
	"github.com/spf13/cobra"
)

// auditFilter selects changes for `orgdash audit`.
type auditFilter struct {
	file, org, who, outcome, since string
	json, follow                   bool
	after                          time.Time
}

func auditCmd(g *globals) *cobra.Command {
	f := &auditFilter{}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Read (and follow) the audit log of changes to tenants",
		Long: `audit lists the changes in the audit log, one a line: when, who, what, where, and
how it ended. A change whose intent was written but whose outcome never was
(the process was killed) shows as "interrupted": run "orgdash audit reconcile"
to read the tenant and record what it found.`,
		Example: `  orgdash audit --since 24h --outcome failed
  orgdash audit --org acme --follow
  orgdash audit --json | jq 'select(.state == "interrupted")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.parse(); err != nil {
				return err
			}
			path, err := g.auditPath(f.file)
			if err != nil {
				return err
			}
			return listAudit(cmd.Context(), path, f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.file, "file", "", "audit log `FILE` (default $ORGDASH_AUDIT_LOG, the config's audit_log, or $XDG_STATE_HOME/orgdash/audit.jsonl)")
	fl.StringVar(&f.org, "org", "", "only changes to the organization with this `NAME` or id")
	fl.StringVar(&f.who, "who", "", "only changes by this `PERSON` (local user name, or SSH key comment or fingerprint)")
	fl.StringVar(&f.outcome, "outcome", "", "only changes that ended so: ok, failed, partial, unverified, cancelled or interrupted")
	fl.StringVar(&f.since, "since", "", "only changes since `WHEN`: a duration (24h, 7d) or a date (2026-12-01)")
	fl.BoolVar(&f.json, "json", false, "one JSON object a change, with its state")
	fl.BoolVar(&f.follow, "follow", false, "keep reading as changes are written (ctrl+c ends)")
	cmd.AddCommand(reconcileCmd(g))
	return cmd
}

func (f *auditFilter) parse() error {
	switch f.outcome {
	case "", audit.OK, audit.Failed, audit.Partial, audit.Unverified, audit.Cancelled, audit.Interrupted:
	default:
		return usagef("--outcome %q: ok, failed, partial, unverified, cancelled or interrupted", f.outcome)
	}
	if f.since == "" {
		return nil
	}
	if d, err := parseAge(f.since); err == nil {
		f.after = time.Now().Add(-d)
		return nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, f.since, time.Local); err == nil {
			f.after = t
			return nil
		}
	}
	return usagef("--since %q: a duration such as 24h or 7d, or a date such as 2026-12-01", f.since)
}

// parseAge is a Go duration, or whole days: "7d", "1d12h".
func parseAge(s string) (time.Duration, error) {
	days, rest, ok := strings.Cut(s, "d")
	if !ok {
		return time.ParseDuration(s)
	}
	n, err := strconv.Atoi(days)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q: not a number of days", days)
	}
	d := time.Duration(n) * 24 * time.Hour
	if rest != "" {
		more, err := time.ParseDuration(rest)
		if err != nil {
			return 0, err
		}
		d += more
	}
	return d, nil
}

// isWho reports whether e was made by --who: over SSH the key names the
// person (its comment or fingerprint), never the login name the client
// chose; locally, the user name.
func (f *auditFilter) isWho(e audit.Entry) bool {
	if e.Key != "" {
		return strings.EqualFold(f.who, e.Comment) || f.who == e.Key
	}
	return strings.EqualFold(f.who, e.User) || strings.EqualFold(f.who, e.Comment)
}

// keep reports whether ch passes the filter.
func (f *auditFilter) keep(ch audit.Change) bool {
	e := ch.Last()
	switch {
	case f.org != "" && f.org != e.Org && !strings.EqualFold(f.org, e.OrgName):
		return false
	case f.who != "" && !f.isWho(e):
		return false
	case f.outcome != "" && f.outcome != ch.State():
		return false
	case !f.after.IsZero() && ch.Intent.Time.Before(f.after):
		return false
	}
	return true
}

// auditPath is the log's path: the flag, $ORGDASH_AUDIT_LOG, the config's, the default.
func (g *globals) auditPath(flag string) (string, error) {
	for _, p := range []string{flag, os.Getenv("ORGDASH_AUDIT_LOG")} {
		if p != "" {
			return p, nil
		}
	}
	if cfg, err := g.loadConfig(); err == nil && cfg.AuditLog != "" {
		return cfg.AuditLog, nil
	}
	return audit.DefaultPath()
}

// listAudit prints the log's changes, then (with --follow) each line as it
// comes. A torn line is skipped and reported on errw; the rest is shown.
func listAudit(ctx context.Context, path string, f *auditFilter, w, errw io.Writer) error {
	file, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !f.follow {
		fmt.Fprintf(w, "no audit log at %s yet: no change has been made\n", path)
		if demo := demoAuditPath(path); fileExists(demo) { // the demo keeps its own record beside it
			fmt.Fprintf(w, "the demo tenant's changes are in its own log: orgdash audit --file %s\n", demo)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the audit log: %w", err)
	}
	defer file.Close()
	r := audit.NewReader()
	in := bufio.NewReader(file)
	var partial []byte
	feed := func(show func(audit.Change)) error {
		for {
			line, err := in.ReadBytes('\n')
			if err != nil { // a line still being written waits for its end
				partial = append(partial, line...)
				return nil
			}
			line = append(partial, line...)
			partial = nil
			if len(strings.TrimSpace(string(line))) == 0 {
				continue
			}
			ch, err := r.Add(line)
			if err != nil {
				fmt.Fprintln(errw, safetext.Terminal(err.Error()))
				continue
			}
			if show != nil {
				show(ch)
			}
		}
	}
	if err := feed(nil); err != nil {
		return err
	}
	if len(bytes.TrimSpace(partial)) > 0 && !f.follow { // a last line without its end
		if _, err := r.Add(partial); err != nil {
			fmt.Fprintln(errw, safetext.Terminal(err.Error()))
		}
		partial = nil
	}
	out := bufio.NewWriter(w)
	var kept []audit.Change
	for _, ch := range r.Changes() {
		if f.keep(ch) {
			kept = append(kept, ch)
		}
	}
	whoWidth := whoColumn(kept) // kept for what --follow adds: the columns stay put
	for _, ch := range kept {
		writeChangeIn(out, ch, f.json, whoWidth)
	}
	if err := out.Flush(); err != nil || !f.follow {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(250 * time.Millisecond):
		}
		err := feed(func(ch audit.Change) {
			if f.keep(ch) {
				writeChangeIn(out, ch, f.json, whoWidth)
			}
		})
		if err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// whoColumn is the width of the who column for chs: the widest, from 12
// to 72 cells, so that a key's comment and its whole SHA256 fingerprint
// (50 cells) fit (a longer one is cut with "…").
func whoColumn(chs []audit.Change) int {
	w := 12
	for _, ch := range chs {
		w = max(w, ansi.StringWidth(safetext.Terminal(who(ch.Last()))))
	}
	return min(w, 72)
}

// who is the person of e: over SSH the key's comment, if any, and its
// fingerprint (never the login name a client sent); else "comment (user)",
// or the user.
func who(e audit.Entry) string {
	switch {
	case e.Key != "":
		return strings.TrimSpace(e.Comment + " " + e.Key)
	case e.Comment != "":
		return e.Comment + " (" + e.User + ")"
	}
	return e.User
}

// writeChange prints one change: a line, and a line per target that did not end ok.
func writeChange(w io.Writer, ch audit.Change, asJSON bool) { writeChangeIn(w, ch, asJSON, 12) }

// writeChangeIn is writeChange with the who column whoWidth cells wide.
func writeChangeIn(w io.Writer, ch audit.Change, asJSON bool, whoWidth int) {
	e := ch.Last()
	state := ch.State()
	if asJSON {
		b, _ := json.Marshal(struct {
			audit.Entry
			State string `json:"state"`
		}{e, state})
		fmt.Fprintf(w, "%s\n", b)
		return
	}
	person := ansi.Truncate(safetext.Terminal(who(e)), whoWidth, "…")
	person += strings.Repeat(" ", max(whoWidth-ansi.StringWidth(person), 0)) // cells, not bytes: names are not ASCII
	where := e.OrgName
	if where == "" {
		where = e.Org
	}
	what := e.Action
	if n := len(e.Targets); n > 1 {
		what += fmt.Sprintf(" (%d)", n)
	} else if n == 1 && e.Names[e.Targets[0]] != "" {
		what += " " + e.Names[e.Targets[0]]
	}
	line := fmt.Sprintf("%s  %s %-11s %s  in %s", ch.Intent.Time.Local().Format("2006-01-02 15:04:05"), person, state, what, where)
	if e.Note != "" {
		line += "  · " + e.Note
	}
	if e.Error != "" {
		line += "  · " + e.Error
	}
	fmt.Fprintln(w, safetext.Terminal(line))
	ids := make([]string, 0, len(e.Results))
	for id, r := range e.Results {
		if r != audit.OK {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintln(w, safetext.Terminal(fmt.Sprintf("    %s %s %s", e.Results[id], id, e.Failed[id])))
	}
}

// fileExists reports whether path names something that can be stat'd.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
