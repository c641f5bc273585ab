package audit

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
)

// A change of the newer organization pages left without its outcome is
// read back: a grant association and an organization role by what the
// tenant lists, a settings edit by the settings it asked for.
func TestReconcileReadsBackTheNewerPages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		cl, o, _, _ := simClient(t, sim.Options{Orgs: 2, Members: 5})
		gs, err := cl.OrgClientGrants(ctx, o.ID)
		if err != nil || len(gs) != 1 {
			t.Fatalf("acme's grants: %v %v", gs, err)
		}
		intent := func(action, target string, after map[string]any) Change {
			return Change{Intent: Entry{Time: time.Now().UTC(), ID: action, Phase: Intent, Action: action, Org: o.ID,
				Targets: []string{target}, After: after}}
		}
		for _, c := range []struct {
			change Change
			want   string
		}{
			{intent("associate client grant", gs[0].ID, nil), OK},
			{intent("remove client grant", gs[0].ID, nil), Failed},
			{intent("create organization role", "acme-billing-admin", nil), OK},
			{intent("create organization role", "never-made", nil), Failed},
			{intent("delete organization role", "rol_gone", nil), OK},
		} {
			if e, v := Reconcile(ctx, cl, c.change, true); v != Verified || e.Outcome != c.want {
				t.Errorf("%s %v: %v %s (%s), want %s", c.change.Intent.Action, c.change.Intent.Targets, v, e.Outcome, e.Error, c.want)
			}
		}
		after := specFields(client.SpecOf(o))
		after["third_party_client_access"], after["is_app_entitlement_active"] = "allow", false
		if e, v := Reconcile(ctx, cl, intent("edit organization", o.ID, after), true); v != Verified || e.Outcome != Failed {
			t.Fatalf("a settings edit that did not apply: %v %s %s", v, e.Outcome, e.Error)
		}
	})
}
