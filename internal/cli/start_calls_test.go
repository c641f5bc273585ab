package cli

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// Opening the dashboard on a real tenant reads the first page once: the
// preflight's read is the page the first list shows, not a call of its
// own, so start → first list costs one organizations call and one count.
func TestStartReadsTheFirstPageOnce(t *testing.T) {
	tn := simtest.Start(t, sim.Options{Orgs: 150, Members: 5})
	for k, v := range tenantEnv(tn) {
		t.Setenv(k, v)
	}
	t.Setenv("AUTH0_API_TOKEN", "")
	t.Setenv("ORGDASH_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("ORGDASH_AUDIT_LOG", filepath.Join(t.TempDir(), "audit.log"))
	ctx := context.Background()
	before := tn.Stats().ByGroup
	st, err := (&globals{}).prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	cl := st.tenant.client
	// what the organizations screen asks for when it opens
	if p, err := cl.Organizations(ctx, ""); err != nil || len(p.Items) == 0 {
		t.Fatalf("first page: %d organizations, %v", len(p.Items), err)
	}
	if n, err := cl.CountOrganizations(ctx); err != nil || n != 150 {
		t.Fatalf("count %d, %v", n, err)
	}
	after := tn.Stats().ByGroup
	if n := after[string(limits.OrgsRead)] - before[string(limits.OrgsRead)]; n != 2 {
		t.Fatalf("start made %d organizations calls (the preflight's page, the list's page, the count), want 2", n)
	}
}
