package ui

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// callLog is a transport that notes every Management API call the
// dashboard makes, as "GET /organizations?…" without the host.
type callLog struct {
	base  http.RoundTripper
	mu    sync.Mutex
	calls []string
}

func (l *callLog) RoundTrip(r *http.Request) (*http.Response, error) {
	if p, ok := strings.CutPrefix(r.URL.Path, "/api/v2"); ok {
		l.mu.Lock()
		l.calls = append(l.calls, r.Method+" "+p+"?"+r.URL.RawQuery)
		l.mu.Unlock()
	}
	return l.base.RoundTrip(r)
}

// since returns the calls made after the first n.
func (l *callLog) since(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.calls[n:])
}

func (l *callLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

// matching counts the calls whose text starts with prefix and holds every part.
func matching(calls []string, prefix string, parts ...string) int {
	n := 0
	for _, c := range calls {
		if strings.HasPrefix(c, prefix) && !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(c, p) }) {
			n++
		}
	}
	return n
}

// Opening the dashboard reads the first page of organizations once and
// counts them once; opening an organization counts its members once, and
// the Members tab shows that count without asking again: no call is made
// for an answer already held.
func TestFlowNoReadIsMadeTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 150, Members: 60})
		log := &callLog{base: tn.Transport}
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(), Demo: true,
			Transport: log, VerifyInterval: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		s := open(t, cl, 120, 36)
		s.waitFor(time.Minute, "150 organizations", "1 of 150")
		start := log.since(0)
		if n := matching(start, "GET /organizations?", "per_page=1"); n != 1 {
			t.Errorf("%d counts of the organizations at start, want 1: %q", n, start)
		}
		if n := matching(start, "GET /organizations?", "take="); n != 1 {
			t.Errorf("%d reads of the first page at start, want 1: %q", n, start)
		}

		before := log.len()
		s.press("enter")
		s.waitFor(time.Minute, "Members (60)")
		opened := log.since(before)
		if n := matching(opened, "GET /organizations/org_", "/members?", "per_page=1"); n != 1 {
			t.Errorf("%d member counts on opening the organization, want 1: %q", n, opened)
		}

		before = log.len()
		s.press("3")
		s.waitFor(time.Minute, "1 of 60")
		tab := log.since(before)
		if n := matching(tab, "GET /organizations/org_", "/members?", "per_page=1"); n != 0 {
			t.Errorf("the Members tab counted the members again (%d calls): %q", n, tab)
		}
		if n := matching(tab, "GET /organizations/org_", "/members?"); n != 1 {
			t.Errorf("the Members tab made %d member reads, want 1 (its first page): %q", n, tab)
		}
	})
}
