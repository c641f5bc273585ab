package audit

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
)

// An interrupted edit is read back by the fields it sent, as its line
// records them: another session's change of a field it did not send
// meanwhile leaves it applied. A line written before edits sent only what
// changed names every field, and is read back whole.
func TestReconcileReadsBackOnlyTheFieldsSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		cl, o, _, tn := simClient(t, sim.Options{Orgs: 2, Members: 5})
		s := client.SpecOf(o)
		s.DisplayName, s.Send = "Acme Two", client.FieldDisplayName
		after := sentSpecFields(s)
		if len(after) != 1 || after["display_name"] != "Acme Two" {
			t.Fatalf("an edit of the display name logs %v", after)
		}
		edit := Change{Intent: Entry{Time: time.Now().UTC(), ID: "e", Phase: Intent, Action: "edit organization", Org: o.ID,
			Targets: []string{o.ID}, After: after}}
		if e, v := Reconcile(ctx, cl, edit, true); v != Verified || e.Outcome != Failed {
			t.Fatalf("an edit that was not sent: %v %s %s", v, e.Outcome, e.Error)
		}
		// the edit reached the tenant before the process was killed; then
		// another session changed the metadata, which the edit did not send
		admin := tn.Management(t)
		dn, md := "Acme Two", map[string]string{"tier": "set-by-someone-else"}
		if err := admin.Organization.Update(ctx, o.ID, &management.Organization{DisplayName: &dn}); err != nil {
			t.Fatal(err)
		}
		if err := admin.Organization.Update(ctx, o.ID, &management.Organization{Metadata: &md}); err != nil {
			t.Fatal(err)
		}
		if e, v := Reconcile(ctx, cl, edit, true); v != Verified || e.Outcome != OK {
			t.Fatalf("an applied edit, another field changed since: %v %s %s", v, e.Outcome, e.Error)
		}
		whole := edit
		whole.Intent.After = specFields(s) // every field, the metadata as it was
		if e, v := Reconcile(ctx, cl, whole, true); v != Verified || e.Outcome != Failed {
			t.Fatalf("an old line naming every field, one changed since: %v %s %s", v, e.Outcome, e.Error)
		}
	})
}
