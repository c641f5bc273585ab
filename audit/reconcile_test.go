package audit

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

func simClient(t *testing.T, opts sim.Options) (client.Client, client.Organization, []string, *simtest.Tenant) {
	tn := simtest.StartInMemory(t, opts)
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Transport: tn.Transport})
	if err != nil {
		t.Fatal(err)
	}
	o, err := cl.OrganizationByName(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	p, err := cl.Members(context.Background(), o.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range p.Items {
		ids = append(ids, m.UserID)
	}
	return cl, o, ids, tn
}

// Run seconds after a killed removal, reconcile does not call a member
// Auth0 still lists failed: inside the window it is not yet known, and
// waiting the window out tells the removed from the kept.
func TestReconcileWaitsOutTheRemovalWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		cl, o, ids, tn := simClient(t, sim.Options{Orgs: 2, Members: 5, RemovalDelayMin: 5 * time.Second, RemovalDelayMax: 10 * time.Second})
		removed, kept := ids[0], ids[1]
		// the process sent the removal of one, then was killed before the other
		if err := tn.Management(t).Organization.DeleteMembers(ctx, o.ID, []string{removed}); err != nil {
			t.Fatal(err)
		}
		ch := Change{Intent: Entry{Time: time.Now().UTC(), ID: "k", Phase: Intent, Tenant: "t", Action: "remove members", Org: o.ID, Targets: []string{removed, kept}}}
		time.Sleep(3 * time.Second) // reconcile run 3 s after the kill
		if e, v := Reconcile(ctx, cl, ch, false); v != Waiting || e.Outcome == Failed {
			t.Fatalf("3 s after: %v %s %s", v, e.Outcome, e.Error)
		}
		e, v := ReconcileWaiting(ctx, cl, ch, time.Now(), RemovalWindow)
		if v != Verified || e.Outcome != Partial || e.Results[removed] != OK || e.Results[kept] != Failed {
			t.Fatalf("after the window: %v %s %v", v, e.Outcome, e.Results)
		}
	})
}

// Edits of roles, invitations and every field of an organization are
// read back by reconcile, metadata included.
func TestReconcileReadsBackEveryKind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		cl, o, _, _ := simClient(t, sim.Options{Orgs: 2, Members: 5})
		s := client.SpecOf(o)
		s.Metadata = map[string]string{"tier": "never-set"}
		edit := Change{Intent: Entry{Time: time.Now().UTC(), ID: "e", Phase: Intent, Action: "edit organization", Org: o.ID,
			Targets: []string{o.ID}, After: specFields(s)}}
		if e, v := Reconcile(ctx, cl, edit, true); v != Verified || e.Outcome != Failed {
			t.Fatalf("an edit of metadata that did not apply: %v %s %s", v, e.Outcome, e.Error)
		}
		s.Metadata = o.Metadata
		edit.Intent.After = specFields(s)
		if e, v := Reconcile(ctx, cl, edit, true); v != Verified || e.Outcome != OK {
			t.Fatalf("an edit in place: %v %s %s", v, e.Outcome, e.Error)
		}
		invite := Change{Intent: Entry{Time: time.Now().UTC(), ID: "i", Phase: Intent, Action: "invite", Org: o.ID, Targets: []string{"nobody@example.com"}}}
		if e, v := Reconcile(ctx, cl, invite, true); v != Verified || e.Outcome != Failed {
			t.Fatalf("an invitation never made: %v %s %s", v, e.Outcome, e.Error)
		}
	})
}

// A writer holds its lease while its log is open; once it ends (closed,
// or killed: the lock goes with the process), the lease is free and its
// changes are reconciled.
func TestLeaseTellsALiveWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.Writer() == "" || !Live(path, l.Writer()) {
		t.Fatalf("an open log's writer %q is not live", l.Writer())
	}
	l.Close()
	if Live(path, l.Writer()) {
		t.Fatal("a closed log's writer is live")
	}
	// a lease left by a killed process: the file, unlocked
	dead := "4242-dead"
	if err := os.WriteFile(leasePath(path, dead), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if Live(path, dead) {
		t.Fatal("an unlocked lease counts as live")
	}
	if _, err := os.Stat(leasePath(path, dead)); !os.IsNotExist(err) {
		t.Fatal("a free lease was not removed")
	}
}
