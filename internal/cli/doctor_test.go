package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// planWatch is stderr for runDoctor: it notes the simulator's call count
// when the plan is printed.
type planWatch struct {
	tn     *simtest.Tenant
	at     atomic.Int64
	when   atomic.Int64 // the (fake) clock then, in nanoseconds
	stderr bytes.Buffer
}

func (w *planWatch) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("plan:")) {
		w.at.Store(w.tn.Stats().Calls)
		w.when.Store(time.Now().UnixNano())
	}
	return w.stderr.Write(p)
}

func inMemoryClient(t *testing.T, tn *simtest.Tenant, id, secret, plan string) client.Client {
	t.Helper()
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: id, ClientSecret: secret, Demo: true, Transport: tn.Transport, Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func doctorAll(t *testing.T, tn *simtest.Tenant, cl client.Client) (doctorJSON, *planWatch) {
	t.Helper()
	w := &planWatch{tn: tn}
	var out bytes.Buffer
	code, err := runDoctor(context.Background(), cl, nil, true, &out, w)
	if err != nil {
		t.Fatal(err)
	}
	var got doctorJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if got.ExitCode != code {
		t.Fatalf("exit code %d, JSON says %d", code, got.ExitCode)
	}
	return got, w
}

// On the demo tenant, doctor --all finds the three organizations the
// simulator broke and no other, makes no more calls than it planned
// (beyond a page per 100 members past the first), and exits 1.
func TestDoctorAllFindsTheDemosThreeBrokenOrganizations(t *testing.T) {
	t.Parallel() // an in-memory tenant of its own
	synctest.Test(t, func(t *testing.T) {
		opts := sim.DefaultOptions()
		tn := simtest.StartInMemory(t, opts)
		cl := inMemoryClient(t, tn, tn.ClientID(), tn.ClientSecret(), opts.Plan)
		got, w := doctorAll(t, tn, cl)
		took := time.Since(time.Unix(0, w.when.Load()))
		st := tn.Stats()
		after := st.Calls - w.at.Load()
		var broken []string
		extra := int64(0)
		for _, o := range got.Organizations {
			if !o.Healthy {
				broken = append(broken, o.Name)
			}
			if len(o.Ran) != len(doctor.Checks) {
				t.Errorf("%s: ran %v, skipped %+v", o.Name, o.Ran, o.Skipped)
			}
			n, err := cl.CountMembers(context.Background(), o.ID)
			if err != nil {
				t.Fatal(err)
			}
			extra += int64(max(0, (n+99)/100-1))
		}
		slices.Sort(broken)
		want := slices.Sorted(slices.Values(sim.BrokenDemoOrganizations))
		if !slices.Equal(broken, want) || got.ExitCode != 1 {
			t.Fatalf("broken %v, want %v; exit code %d", broken, want, got.ExitCode)
		}
		if got.Plan == nil || got.Plan.Organizations != len(got.Organizations) || !strings.Contains(w.stderr.String(), "plan: "+got.Plan.Text) {
			t.Fatalf("plan %+v; stderr %q", got.Plan, w.stderr.String())
		}
		if after > int64(got.Plan.Calls)+extra {
			t.Fatalf("%d calls after the plan, which said at most %d (+%d member pages)", after, got.Plan.Calls, extra)
		}
		if planned := time.Duration(got.Plan.Seconds * float64(time.Second)); took > planned+planned/10+5*time.Second {
			t.Errorf("took %s, the plan said %s", took, planned)
		}
		t.Logf("plan %s; %d calls made after it (+%d member pages allowed), in %s; %d answered 429", got.Plan.Text, after, extra, took, st.Throttled)
	})
}

// With only some read scopes, every check runs or says which scope it
// lacks, and no organization is called healthy: exit code 2.
func TestDoctorWithFewReadScopesSaysWhatItCouldNotCheck(t *testing.T) {
	t.Parallel() // an in-memory tenant of its own
	synctest.Test(t, func(t *testing.T) {
		scopes := []string{"read:organizations", "read:organization_connections", "read:organization_invitations", "read:users"}
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 12, Members: 20, Clients: []sim.ClientSpec{{ID: "reader", Secret: "reader-secret", Scopes: scopes}}})
		// the demo's broken organizations are left out: this is about what is not checked
		cl := inMemoryClient(t, tn, "reader", "reader-secret", "")
		var out bytes.Buffer
		code, err := runDoctor(context.Background(), cl, []string{"cafe-creme", "zurich-re"}, true, &out, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		var got doctorJSON
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		for _, o := range got.Organizations {
			skipped := map[string]string{}
			for _, s := range o.Skipped {
				skipped[s.Check] = s.Scope
			}
			for _, ch := range doctor.Checks {
				if slices.Contains(o.Ran, ch) == (skipped[ch] != "") {
					t.Errorf("%s: %s ran %v, skipped for %q", o.Name, ch, slices.Contains(o.Ran, ch), skipped[ch])
				}
			}
			if skipped[doctor.CheckFailedLogins] != "read:logs" || skipped[doctor.CheckConnUnused] != "read:clients" || o.Healthy {
				t.Errorf("%s: skipped %v, healthy %v", o.Name, skipped, o.Healthy)
			}
		}
		if code != 2 || len(got.Organizations) != 2 {
			t.Fatalf("exit code %d for %d organizations not fully checked", code, len(got.Organizations))
		}
	})
}
