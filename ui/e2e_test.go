package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// These smoke tests run the real program (teatest) against the simulator
// over loopback HTTP, on the wall clock: the rest of the suite drives the
// model in synctest bubbles (flows_test.go). The renderer writes only what
// changed, so instead of parsing its output they read each frame the root
// rendered, as text, and wait for a frame to show what they expect.

// recorder keeps the last frame the program drew.
type recorder struct {
	*Model
	frame atomic.Pointer[string]
}

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.Model.Update(msg)
	return r, cmd
}

func (r *recorder) View() tea.View {
	v := r.Model.View()
	s := ansi.Strip(v.Content)
	r.frame.Store(&s)
	return v
}

func (r *recorder) Frame() string {
	if f := r.frame.Load(); f != nil {
		return *f
	}
	return ""
}

// waitFor waits until a frame shows every string in want, for within
// (times patience under the race detector).
func waitFor(t *testing.T, r *recorder, within time.Duration, want ...string) string {
	t.Helper()
	within *= patience
	deadline := time.Now().Add(within)
	for {
		f := r.Frame()
		missing := ""
		for _, w := range want {
			if !strings.Contains(f, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return f
		}
		if time.Now().After(deadline) {
			t.Fatalf("no frame showed %q within %s; last frame:\n%s", missing, within, f)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// run starts the dashboard on tn in a w×h terminal.
func run(t *testing.T, tn *simtest.Tenant, w, h int) (*teatest.TestModel, *recorder) {
	t.Helper()
	cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{Model: New(uitest.Common(t, cl))}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() {
		tm.Send(uitest.Key("ctrl+c"))
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second*patience))
	})
	return tm, rec
}

func TestE2EReachTheLastOf5000Members(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	opts := sim.DefaultOptions()
	opts.Orgs = 20
	tm, rec := run(t, simtest.Start(t, opts), 120, 36)
	waitFor(t, rec, 5*time.Second, "20 organizations", "acme", "1 of 20", "list orgs ")
	tm.Send(uitest.Key("enter"))
	waitFor(t, rec, 5*time.Second, "acme › Overview", "Members       5,000")
	tm.Send(uitest.Key("3"))
	waitFor(t, rec, 20*time.Second, "Members (5,000)", "1 of 5,000")
	tm.Send(uitest.Key("G"))
	f := waitFor(t, rec, 5*time.Second, "5,000 of 5,000")
	if !strings.Contains(f, "4999@example.com") {
		t.Fatalf("the last member is not on screen:\n%s", f)
	}
}

func TestE2EFilterTheOrganizations(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	tm, rec := run(t, simtest.Start(t, sim.DefaultOptions()), 100, 30)
	waitFor(t, rec, 5*time.Second, "150 organizations", "1 of 150") // the rows, not only the count
	tm.Type("/zur")
	f := waitFor(t, rec, 5*time.Second, "zurich-re", "1 of 1 (150 in all)")
	if strings.Contains(f, "acme") {
		t.Fatalf("the filter let acme through:\n%s", f)
	}
	tm.Send(uitest.Key("enter"))
	tm.Send(uitest.Key("enter"))
	waitFor(t, rec, 5*time.Second, "zurich-re › Overview", "Zürich Rückversicherung AG")
	tm.Send(uitest.Key("esc"))
	waitFor(t, rec, 5*time.Second, "/zur", "1 of 1 (150 in all)")
}

func TestE2EDeleteOrganizationByTypedName(t *testing.T) {
	t.Parallel() // its own tenant, client and model
	tn := simtest.Start(t, sim.Options{Orgs: 3, Members: 5})
	tm, rec := run(t, tn, 120, 36)
	admin := tn.Management(t)
	waitFor(t, rec, 5*time.Second, "3 organizations", "1 of 3") // the count can come before the rows
	tm.Send(uitest.Key("j"))
	tm.Send(uitest.Key("D"))
	waitFor(t, rec, 5*time.Second, "Delete organization cafe-creme?", "Type cafe-creme to confirm", "enter delete") // armed
	tm.Type("cafe-crem")
	tm.Send(uitest.Key("enter"))
	waitFor(t, rec, 5*time.Second, "That is not “cafe-creme”: nothing was changed.")
	if _, err := admin.Organization.ReadByName(context.Background(), "cafe-creme"); err != nil {
		t.Fatalf("a wrong name deleted the organization: %v", err)
	}
	tm.Type("e")
	tm.Send(uitest.Key("enter"))
	waitFor(t, rec, 5*time.Second, "deleted organization cafe-creme", "2 organizations")
	if _, err := admin.Organization.ReadByName(context.Background(), "cafe-creme"); err == nil {
		t.Fatal("the organization still exists")
	}
}
