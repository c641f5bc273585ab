package activity_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/activity"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// dropOnce cuts the first event stream after its first `after` messages,
// as a proxy or a network blip would.
type dropOnce struct {
	base    http.RoundTripper
	after   int
	mu      sync.Mutex
	dropped bool
}

func (d *dropOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := d.base.RoundTrip(req)
	if err != nil || !strings.HasSuffix(req.URL.Path, "/api/v2/events") {
		return res, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.dropped {
		d.dropped = true
		res.Body = &cutBody{ReadCloser: res.Body, left: d.after}
	}
	return res, nil
}

// cutBody passes through whole messages until left are through, then fails.
type cutBody struct {
	io.ReadCloser
	left    int
	pending []byte
}

func (c *cutBody) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.left == 0 {
			return 0, errors.New("connection reset by peer")
		}
		buf := make([]byte, 4096)
		n, err := c.ReadCloser.Read(buf)
		if n > 0 {
			c.pending = buf[:n]
		}
		if err != nil && n == 0 {
			return 0, err
		}
	}
	// hand on up to the end of the message that uses up the budget
	n := len(c.pending)
	for i := 0; i+1 < len(c.pending); i++ {
		if c.pending[i] == '\n' && c.pending[i+1] == '\n' {
			c.left--
			if c.left == 0 {
				n = i + 2
				break
			}
		}
	}
	n = copy(p, c.pending[:n])
	c.pending = c.pending[n:]
	return n, nil
}

func TestTheStreamResumesFromItsOffsetAfterADropAndMissesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 8, Plan: "enterprise"})
		drop := &dropOnce{base: tn.Transport, after: 3}
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: drop})
		if err != nil {
			t.Fatal(err)
		}
		admin := tn.Management(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		orgs, err := admin.Organization.List(ctx)
		if err != nil || len(orgs.Organizations) < 2 {
			t.Fatal(err)
		}
		acme, other := orgs.Organizations[0].GetID(), orgs.Organizations[1].GetID()
		theirs, err := admin.Organization.Members(ctx, other)
		if err != nil || len(theirs.Members) < 6 {
			t.Fatal(err)
		}

		live := activity.NewLive(cl)
		var mu sync.Mutex
		var got []string
		live.Subscribe(func(ev client.Event) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, ev.Offset+" "+ev.Type+" "+ev.OrgID())
		})
		live.Start(ctx)
		synctest.Wait() // subscribed: the stream waits for news
		add := func(i int) {
			err := admin.Organization.AddMembers(ctx, acme, []string{theirs.Members[i].GetUserID()},
				management.Header("X-Sim-Actor", "dashboard:ops@example.com"))
			if err != nil {
				t.Fatal(err)
			}
		}
		for i := range 3 {
			add(i)
		}
		synctest.Wait() // the three came, and the stream dropped after them
		if st, _ := live.State(); st != activity.Dropped || live.Offset() == "" {
			t.Fatalf("after the drop: %v at offset %q", st, live.Offset())
		}
		for i := 3; i < 6; i++ { // while it is down
			add(i)
		}
		time.Sleep(activity.MinRetry + time.Millisecond)
		synctest.Wait()

		var want []string
		for _, ev := range tn.Events() {
			want = append(want, ev.Offset()+" "+ev.Type+" "+acme)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(want) != 6 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if st, _ := live.State(); st != activity.Streaming || live.Drops() != 1 {
			t.Errorf("resumed once and streaming: %v, %d drops", st, live.Drops())
		}
	})
}

func TestATenantWithoutTheEventsAPIIsPolled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 1, NoEventsAPI: true})
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: tn.Transport})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		live := activity.NewLive(cl)
		live.Start(ctx)
		synctest.Wait()
		if st, err := live.State(); st != activity.Off || client.KindOf(err) != client.Unsupported {
			t.Errorf("detected as off: %v %v", st, err)
		}
	})
}

// nameless is an update of the display name alone.
func nameless(display string) *management.Organization {
	return &management.Organization{DisplayName: &display}
}

func asAdmin(email string) management.RequestOption {
	return management.Header("X-Sim-Actor", "dashboard:"+email)
}

func TestConnectionEventsKeepTheIndexCurrent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tn := simtest.StartInMemory(t, sim.Options{Orgs: 2, Members: 3, Plan: "enterprise"})
		cl, err := client.New(client.Config{Domain: tn.URL, ClientID: tn.ClientID(), ClientSecret: tn.ClientSecret(),
			Demo: true, Transport: tn.Transport})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		x := crossorg.IndexOf(cl)
		if err := x.Scan(ctx, cl, true, func(crossorg.ScanProgress) {}); err != nil {
			t.Fatal(err)
		}
		acme, err := cl.OrganizationByName(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		conns, err := cl.Connections(ctx, acme.ID)
		if err != nil || len(conns) == 0 {
			t.Fatal(err)
		}
		c := conns[0]
		if uses := usesIn(x, c.ID, acme.ID); len(uses) != 1 || !uses[0].Conn.Enabled {
			t.Fatalf("scanned: %+v", uses)
		}
		live := activity.NewLive(cl)
		live.Subscribe(activity.KeepIndex(x))
		live.Start(ctx)
		synctest.Wait()
		off := false
		if err := tn.Management(t).Request(ctx, "PATCH", tn.Management(t).URI("organizations", acme.ID, "connections", c.ID),
			map[string]any{"is_enabled": off}, asAdmin("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		uses := usesIn(x, c.ID, acme.ID)
		if len(uses) != 1 || uses[0].Conn.Enabled || uses[0].Conn.Name != c.Name {
			t.Fatalf("disabled in the Dashboard: the index says %+v", uses)
		}
		m := tn.Management(t)
		if err := m.Request(ctx, "DELETE", m.URI("organizations", acme.ID, "connections", c.ID), nil, asAdmin("ops@example.com")); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if uses := usesIn(x, c.ID, acme.ID); len(uses) != 0 {
			t.Fatalf("removed in the Dashboard: the index says %+v", uses)
		}
	})
}

func usesIn(x *crossorg.Index, connID, orgID string) []crossorg.Use {
	var out []crossorg.Use
	for _, u := range x.Using(connID) {
		if u.Org.ID == orgID {
			out = append(out, u)
		}
	}
	return out
}
