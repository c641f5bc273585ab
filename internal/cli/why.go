package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/spf13/cobra"
)

func whyCmd(g *globals) *cobra.Command {
	var clientID string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "why EMAIL [ORG]",
		Short: "Explain why a person cannot log in to an organization",
		Long: `why walks the chain a login to an organization takes and says, link by link,
whether it holds: the person and their blocks, the application (--client, or the one
their recent log events name) and how it uses organizations, their connection for
the application and in the organization, the login prompt, membership, discovery
domains, and what Auth0 logged of their attempts. A link that could not be checked
says why (a missing scope, the budget, a feature the tenant lacks). ORG is the
organization's name or id; without it, the person's organization when they are in
one (several are listed, to name one). It reads only the Management API; the fixes it names are
applied from the dashboard (w on the member, or :why EMAIL ORG).
Exit status: 0 nothing failed, 1 a link failed, 2 some link could not be checked.`,
		Example: `  orgdash why ines@acme.example acme
  orgdash why ines@acme.example
  orgdash why ines@acme.example acme --client abc123 --json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("why takes the person's email and, unless they are in one organization only, the organization's name or id")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openForCheck(g, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer t.stop()
			q := doctor.Question{Email: args[0], ClientID: clientID}
			if len(args) == 2 {
				q.Org = args[1]
			}
			code, err := runWhy(cmd.Context(), t.client, q, asJSON, cmd.OutOrStdout())
			if err != nil {
				return notAsked(cmd.ErrOrStderr(), err)
			}
			if code != 0 {
				return exitCode(code)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&clientID, "client", "", "the application's client `ID` (default: the one their recent log events name)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the chain as JSON")
	return cmd
}

// whyJSON is --json's answer.
type whyJSON struct {
	Organization map[string]string `json:"organization"`
	Application  map[string]string `json:"application,omitempty"`
	Cause        *doctor.Link      `json:"cause,omitempty"`
	ExitCode     int               `json:"exit_code"`
	doctor.Explanation
}

// runWhy explains q and writes the chain; the code is 1 when a link
// failed, 2 when none did but some could not be checked. A question that
// cannot be asked (not an email, no such organization) is an error, for
// exit status 2: 1 would say a link failed.
func runWhy(ctx context.Context, cl client.Client, q doctor.Question, asJSON bool, w io.Writer) (int, error) {
	if !doctor.IsEmail(q.Email) {
		return 2, notAnEmail(ctx, cl, q.Email)
	}
	if q.Org == "" {
		org, err := theirOrganization(ctx, cl, q.Email)
		if err != nil {
			return 2, err
		}
		q.Org = org
	}
	ex, err := doctor.Why(ctx, cl, q)
	if err != nil {
		return 2, orgError(q.Org, err)
	}
	code := 0
	switch {
	case ex.Cause() != nil:
		code = 1
	case len(ex.Unchecked()) > 0:
		code = 2
	}
	if asJSON {
		out := whyJSON{Organization: map[string]string{"id": ex.Org.ID, "name": ex.Org.Name}, Cause: ex.Cause(), ExitCode: code, Explanation: ex}
		if ex.App != nil {
			out.Application = map[string]string{"id": ex.App.ID, "name": ex.App.Name, "organization_usage": ex.App.OrgUsage}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return code, enc.Encode(out)
	}
	fmt.Fprintf(w, "Why can't %s log in to %s?\n\n", common.Clean(ex.Email), common.Clean(ex.Org.Name))
	for _, l := range ex.Links {
		mark := map[doctor.Verdict]string{doctor.Passed: "ok  ", doctor.Failed: "FAIL", doctor.Unknown: "??  "}[l.Verdict]
		line := fmt.Sprintf("%s  %s", mark, l.Name)
		if l.Reason != "" {
			line += ": " + common.Clean(l.Reason)
		}
		fmt.Fprintln(w, line)
		for _, e := range l.Evidence {
			fmt.Fprintln(w, "        "+common.Clean(e))
		}
		if l.Fix != nil {
			fmt.Fprintln(w, "        fix: "+common.Clean(l.Fix.Label))
		}
	}
	if c := ex.Cause(); c != nil {
		fmt.Fprintf(w, "\nCause: %s\n", common.Clean(c.Reason))
	}
	return code, nil
}

// notAnEmail is why's answer to a name: the people it finds by it (as
// :user does), to ask again with one's email.
func notAnEmail(ctx context.Context, cl client.Client, text string) error {
	msg := fmt.Sprintf("why takes the person's email, and %q is not one", common.Clean(text))
	found, err := doctor.PeopleCalled(ctx, cl, text)
	if err != nil || len(found) == 0 {
		return errors.New(msg)
	}
	lines := []string{msg + "; people it finds by name or email (ask again with one's email):"}
	for _, u := range found[:min(10, len(found))] {
		lines = append(lines, "  "+common.Clean(u.Email)+"  "+common.Clean(u.Name))
	}
	if len(found) > 10 {
		lines = append(lines, fmt.Sprintf("  … and %d more", len(found)-10))
	}
	return errors.New(strings.Join(lines, "\n"))
}

// orgError says why the organization ref could not be read, plainly where
// it does not exist.
func orgError(ref string, err error) error {
	if client.KindOf(err) == client.NotFound {
		return fmt.Errorf("no organization %q in this tenant (ORG is an organization's name or its id, org_…)", common.Clean(ref))
	}
	return fmt.Errorf("%s: %s", common.Clean(ref), common.Explain(err))
}

// notAsked writes why a question could not be asked and ends with exit
// status 2 (1 is kept for a failed link or a finding).
func notAsked(stderr io.Writer, err error) error {
	fmt.Fprintln(stderr, "orgdash:", err)
	return exitCode(2)
}

// theirOrganization is the one organization the person with email is in,
// for a question without ORG; several are listed, to ask again naming one.
func theirOrganization(ctx context.Context, cl client.Client, email string) (string, error) {
	orgs, people, err := doctor.OrganizationsOf(ctx, cl, email)
	switch {
	case err != nil:
		return "", fmt.Errorf("no ORG was given, and finding %s's organizations failed: %s", common.Clean(email), common.Explain(err))
	case people == 0:
		return "", fmt.Errorf("no user in this tenant has the email %s: name the organization they try to log in to, to see whether they could sign up", common.Clean(email))
	case len(orgs) == 0:
		return "", fmt.Errorf("%s is a member of no organization: name the one they try to log in to", common.Clean(email))
	case len(orgs) == 1:
		return orgs[0].Name, nil
	}
	lines := []string{fmt.Sprintf("%s is a member of %d organizations; ask again naming the one they try to log in to:", common.Clean(email), len(orgs))}
	for _, o := range orgs {
		lines = append(lines, "  "+common.Clean(o.Name)+"  "+common.Clean(o.DisplayName))
	}
	return "", errors.New(strings.Join(lines, "\n"))
}
