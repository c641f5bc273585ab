package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/safetext"
)

// scanProgress is a scan's progress line: "read 120 of 5,000
// organizations, about 2m30s left…", padded over a longer line before it.
func scanProgress(p crossorg.ScanProgress, left pace.Estimate) string {
	line := fmt.Sprintf("read %d of %d organizations", p.Read, p.Total)
	if left.Known && p.Read < p.Total {
		line += fmt.Sprintf(", about %s left", left.Takes.Round(time.Second))
	}
	return line + "…" + strings.Repeat(" ", max(0, 48-len(line)))
}

// exportUsage writes the organizations that have connection ref (its name
// or id), with its settings in each: a fresh scan of every organization's
// connections, one call each (an export says what is true now, not what a
// kept index last read), its progress on the progress writer.
func exportUsage(ctx context.Context, cl client.Client, ref string, out rows, progress io.Writer) error {
	tcs, err := cl.TenantConnections(ctx)
	if err != nil {
		return err
	}
	var tc *client.TenantConnection
	for i := range tcs {
		if tcs[i].Name == ref || tcs[i].ID == ref {
			tc = &tcs[i]
		}
	}
	if tc == nil {
		return fmt.Errorf("the tenant has no connection named %q", ref)
	}
	idx := crossorg.IndexOf(cl)
	fmt.Fprint(progress, "\rlisting the organizations (then one call each)…") // said at once: the listing takes a while
	err = idx.Scan(ctx, cl, true, func(p crossorg.ScanProgress) {
		fmt.Fprint(progress, "\r"+scanProgress(p, cl.Tracker().Estimate(limits.OrgConnectionsRead, p.Total-p.Read)))
	})
	if err != nil {
		return err
	}
	uses := idx.Using(tc.ID)
	fmt.Fprintf(progress, "\r%s: %d organizations.          \n", safetext.Terminal(tc.Name), len(uses))
	if err := out.header("organization_id", "organization", "enabled", "assign_membership_on_login", "show_as_button", "is_signup_enabled"); err != nil {
		return err
	}
	for _, u := range uses {
		c := u.Conn
		if err := out.row(map[string]any{"organization_id": u.Org.ID, "organization": u.Org.Name, "connection_id": tc.ID, "enabled": c.Enabled,
			"assign_membership_on_login": c.AssignMembershipOnLogin, "show_as_button": c.ShowAsButton, "is_signup_enabled": c.SignupEnabled},
			u.Org.ID, u.Org.Name, fmt.Sprint(c.Enabled), fmt.Sprint(c.AssignMembershipOnLogin), fmt.Sprint(c.ShowAsButton), fmt.Sprint(c.SignupEnabled)); err != nil {
			return err
		}
	}
	return out.close()
}

// exportUser writes a person's organizations (ref: their user id or
// email) with their roles in each.
func exportUser(ctx context.Context, cl client.Client, ref string, out rows) error {
	id := ref
	if !strings.Contains(ref, "|") {
		found, err := cl.FindUsers(ctx, ref)
		if err != nil {
			return err
		}
		if len(found) != 1 {
			return fmt.Errorf("%d people match %q: give their user id or email", len(found), ref)
		}
		id = found[0].UserID
	}
	ms, err := client.Memberships(ctx, cl, id)
	if err != nil {
		return err
	}
	if err := out.header("organization_id", "organization", "user_id", "roles"); err != nil {
		return err
	}
	for _, m := range ms {
		names := client.RoleNames(m.Roles)
		if err := out.row(map[string]any{"organization_id": m.Org.ID, "organization": m.Org.Name, "user_id": id, "roles": names},
			m.Org.ID, m.Org.Name, id, strings.Join(names, ";")); err != nil {
			return err
		}
	}
	return out.close()
}
