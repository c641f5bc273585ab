package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/internal/export"
	"github.com/orgdash/orgdash/safetext"
	"github.com/spf13/cobra"
)

func exportCmd(g *globals) *cobra.Command {
	var format, output string
	var demo bool
	cmd := &cobra.Command{
		Use:   "export orgs | members ORG | connections ORG | invitations ORG | usage CONNECTION | user EMAIL|ID",
		Short: "Write organizations, members, connections, invitations, a connection's organizations or a person's as JSON or CSV",
		Long: `export writes a list for scripts and on-call notes, page by page, honouring the
tenant's rate limit (as background work: a dashboard on the same tenant goes first),
with a progress line when standard error is a terminal. ORG is an organization's name
or id. usage CONNECTION lists the organizations that have a connection (its name or
id), which takes reading every organization's connections, one call each; user lists
a person's organizations with their roles. Nothing is written unless the whole list was read: the output goes through a
temporary file: with -o FILE it is renamed into place (an existing
file keeps its mode, a new one is 0600, a symlink's target is written and
the link kept); a device or FIFO (-o /dev/stderr, a named pipe) is written
to, never replaced; -o - is standard output. CSV cells are stripped of control
characters and escape sequences, and a cell a spreadsheet would run as a formula
(starting with = + - @, a tab or CR) gets a leading '.`,
		Example: `  orgdash export orgs --format csv -o orgs.csv
  orgdash export members acme --format json | jq length
  orgdash export orgs --demo
  orgdash export usage okta-workforce --format csv
  orgdash export user jane@example.com`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("export what? orgs, members ORG, connections ORG, invitations ORG, usage CONNECTION or user EMAIL|ID")
			}
			need := map[string]int{"orgs": 1, "members": 2, "connections": 2, "invitations": 2, "usage": 2, "user": 2}[args[0]]
			if need == 0 {
				return usagef("cannot export %q: orgs, members ORG, connections ORG, invitations ORG, usage CONNECTION or user EMAIL|ID", args[0])
			}
			if len(args) != need {
				what := map[string]string{"usage": "the connection's name or id", "user": "the person's email or user id"}[args[0]]
				if what == "" {
					what = "the organization's name or id"
				}
				return usagef("export %s takes %s", args[0], what)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "csv" {
				return usagef("--format %q: json or csv", format)
			}
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			if err := cfg.MustChoose(g.profile, os.Getenv); err != nil && !demo {
				return usageError{err}
			}
			t, err := openTenant(cfg, g.profile)
			if err != nil {
				return err
			}
			defer t.stop()
			if t.name == "demo" && !demo {
				return usagef("no tenant to export from: set AUTH0_DOMAIN with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (or AUTH0_API_TOKEN), or pick a profile with --profile; --demo exports the demo tenant")
			}
			return export.To(output, cmd.OutOrStdout(), func(w io.Writer) error {
				return exportList(cmd.Context(), t.client, args, newWriter(w, format), progressTo(cmd.ErrOrStderr()))
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json or csv")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE (through a temporary file renamed into place; a device or FIFO is written to; - is stdout)")
	cmd.Flags().BoolVar(&demo, "demo", false, "export the built-in demo tenant")
	return cmd
}

// progressTo is where the progress line goes: stderr when it is a
// terminal, else nowhere (a log should not fill with carriage returns).
func progressTo(stderr io.Writer) io.Writer {
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(f.Fd()) {
		return stderr
	}
	return io.Discard
}

// rows writes records as a JSON array or CSV with a header.
type rows interface {
	header(cols ...string) error
	row(record map[string]any, cells ...string) error
	close() error
}

func newWriter(w io.Writer, format string) rows {
	if format == "csv" {
		return &csvRows{w: csv.NewWriter(w)}
	}
	return &jsonRows{w: w}
}

type jsonRows struct {
	w io.Writer
	n int
}

func (j *jsonRows) header(...string) error { _, err := io.WriteString(j.w, "["); return err }

func (j *jsonRows) row(record map[string]any, _ ...string) error {
	b, err := json.Marshal(record)
	if err != nil {
		return err
	}
	sep := "\n  "
	if j.n > 0 {
		sep = ",\n  "
	}
	j.n++
	_, err = io.WriteString(j.w, sep+string(b))
	return err
}

func (j *jsonRows) close() error { _, err := io.WriteString(j.w, "\n]\n"); return err }

type csvRows struct{ w *csv.Writer }

func (c *csvRows) header(cols ...string) error { return c.w.Write(cols) }

func (c *csvRows) row(_ map[string]any, cells ...string) error {
	safe := make([]string, len(cells))
	for i, s := range cells {
		safe[i] = safetext.CSV(s) // no escape or control character, no formula
	}
	return c.w.Write(safe)
}

func (c *csvRows) close() error { c.w.Flush(); return c.w.Error() }

// exportList streams the list args names to out.
func exportList(ctx context.Context, cl client.Client, args []string, out rows, progress io.Writer) error {
	ctx = pace.Background(ctx) // an export leaves a reserve of every bucket to the people at a dashboard
	n := 0
	fmt.Fprint(progress, "\rexporting…") // at once: the first page can take a while
	tick := func(what string) {
		n++
		if n%100 == 0 {
			fmt.Fprintf(progress, "\rexported %d %s…", n, what)
		}
	}
	done := func(what string, err error) error {
		fmt.Fprintf(progress, "\rexported %d %s.   \n", n, what)
		if err != nil {
			return err
		}
		return out.close()
	}
	switch args[0] {
	case "orgs":
		if err := out.header("id", "name", "display_name"); err != nil {
			return err
		}
		for from := ""; ; {
			p, err := cl.Organizations(ctx, from)
			for _, o := range p.Items {
				if err := out.row(map[string]any{"id": o.ID, "name": o.Name, "display_name": o.DisplayName, "metadata": o.Metadata},
					o.ID, o.Name, o.DisplayName); err != nil {
					return err
				}
				tick("organizations")
			}
			if err != nil || p.Next == "" {
				return done("organizations", err)
			}
			from = p.Next
		}
	}
	switch args[0] {
	case "usage":
		return exportUsage(ctx, cl, args[1], out, progress)
	case "user":
		return exportUser(ctx, cl, args[1], out)
	}
	org, err := findOrg(ctx, cl, args[1])
	if err != nil {
		return err
	}
	if args[0] == "invitations" {
		invs, err := cl.Invitations(ctx, org.ID)
		if err := out.header("invitation_id", "invitee", "inviter", "created_at", "expires_at", "roles", "client_id"); err != nil {
			return err
		}
		for _, inv := range invs {
			roles := strings.Join(inv.Roles, ";")
			at := func(t time.Time) string {
				if t.IsZero() {
					return ""
				}
				return t.UTC().Format(time.RFC3339)
			}
			if err := out.row(map[string]any{"invitation_id": inv.ID, "invitee": inv.Invitee, "inviter": inv.Inviter,
				"created_at": at(inv.CreatedAt), "expires_at": at(inv.ExpiresAt), "roles": inv.Roles, "client_id": inv.ClientID},
				inv.ID, inv.Invitee, inv.Inviter, at(inv.CreatedAt), at(inv.ExpiresAt), roles, inv.ClientID); err != nil {
				return err
			}
			tick("invitations")
		}
		return done("invitations", err)
	}
	if args[0] == "connections" {
		conns, err := cl.Connections(ctx, org.ID)
		if err := out.header("connection_id", "name", "strategy", "enabled", "assign_membership_on_login", "show_as_button", "is_signup_enabled"); err != nil {
			return err
		}
		for _, c := range conns {
			if err := out.row(map[string]any{"connection_id": c.ID, "name": c.Name, "strategy": c.Strategy, "enabled": c.Enabled,
				"assign_membership_on_login": c.AssignMembershipOnLogin, "show_as_button": c.ShowAsButton, "is_signup_enabled": c.SignupEnabled},
				c.ID, c.Name, c.Strategy, fmt.Sprint(c.Enabled), fmt.Sprint(c.AssignMembershipOnLogin), fmt.Sprint(c.ShowAsButton), fmt.Sprint(c.SignupEnabled)); err != nil {
				return err
			}
			tick("connections")
		}
		return done("connections", err)
	}
	if err := out.header("user_id", "email", "name", "roles"); err != nil {
		return err
	}
	for from := ""; ; {
		p, err := cl.Members(ctx, org.ID, from)
		for _, m := range p.Items {
			roles := make([]string, len(m.Roles))
			for i, r := range m.Roles {
				roles[i] = r.Name
			}
			if err := out.row(map[string]any{"user_id": m.UserID, "email": m.Email, "name": m.Name, "roles": roles},
				m.UserID, m.Email, m.Name, strings.Join(roles, ";")); err != nil {
				return err
			}
			tick("members")
		}
		if err != nil || p.Next == "" {
			return done("members", err)
		}
		from = p.Next
	}
}

// findOrg takes an organization's id (org_…) or name.
func findOrg(ctx context.Context, cl client.Client, ref string) (client.Organization, error) {
	if strings.HasPrefix(ref, "org_") {
		return cl.Organization(ctx, ref)
	}
	return cl.OrganizationByName(ctx, ref)
}
