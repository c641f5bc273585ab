package client_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// callLog counts the calls a client makes, by method and path shape.
type callLog struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    map[string]int
}

func (l *callLog) RoundTrip(r *http.Request) (*http.Response, error) {
	key := r.Method + " " + r.URL.Path
	if parts := strings.Split(r.URL.Path, "/"); len(parts) > 5 && parts[3] == "users" {
		key = r.Method + " /users/{id}/" + parts[5]
	} else if len(parts) > 5 {
		key = r.Method + " /organizations/{id}/" + parts[5]
	}
	l.mu.Lock()
	l.n[key]++
	l.mu.Unlock()
	return l.base.RoundTrip(r)
}

func (l *callLog) take() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.n
	l.n = map[string]int{}
	return n
}

// Verifying a removal costs what changed, not the organization's size:
// three members removed from 5,000 are checked by re-reading the one page
// that listed them, never by listing 5,000 members (50 calls a poll), and
// the removal ends confirmed, with or without read:users.
func TestVerifyingRemovalsCostsWhatChanged(t *testing.T) {
	for _, withUsers := range []bool{false, true} {
		name := map[bool]string{false: "pages that listed them", true: "one call per member"}[withUsers]
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				scopes := slices.DeleteFunc(slices.Clone(sim.AllScopes), func(s string) bool { return s == "read:users" })
				if withUsers {
					scopes = sim.AllScopes
				}
				opts := sim.DefaultOptions()
				opts.Orgs, opts.Scopes = 2, scopes
				tn := simtest.StartInMemory(t, opts)
				log := &callLog{base: tn.Transport, n: map[string]int{}}
				c := connect(t, tn, func(c *client.Config) { c.Transport, c.Plan = log, "enterprise" })
				o := orgByName(t, c, "acme")
				first, err := c.Members(ctx, o.ID, "") // the page the user is looking at
				ok(t, err)
				ids := []string{first.Items[3].UserID, first.Items[40].UserID, first.Items[77].UserID}
				log.take()
				res := c.RemoveMembers(ctx, o.ID, ids)
				for _, r := range res {
					if r.Outcome != client.Confirmed {
						t.Fatalf("%s: %s (%v)", r.UserID, r.Outcome, r.Err)
					}
				}
				calls := log.take()
				// one page a poll (every 2 s until the removal shows, 5 to 10 s)
				if calls["GET /organizations/{id}/members"] > 6 || calls["DELETE /organizations/{id}/members"] != 1 {
					t.Fatalf("removing 3 of 5,000 cost %v", calls)
				}
				// with read:users each is asked first whether it is still a member (for an exact undo)
				if want := map[bool]int{true: 3}[withUsers]; calls["GET /users/{id}/organizations"] != want {
					t.Fatalf("%d per-member checks, want %d: %v", calls["GET /users/{id}/organizations"], want, calls)
				}
				if n := tn.Stats().Throttled; n != 0 {
					t.Fatalf("%d × 429", n)
				}
				t.Logf("calls: %v (removal shows after %s–%s)", calls, opts.RemovalDelayMin, opts.RemovalDelayMax)
			})
		})
	}
}
