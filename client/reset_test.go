package client_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/pace"
)

// nowReset answers at once, as a tenant whose next token is due this very
// second: each answer's reset is its own instant, and each call spends a
// token that comes back at 8 a second.
type nowReset struct {
	mu     sync.Mutex
	tokens float64
	at     time.Time
	calls  atomic.Int32
	over   atomic.Int32 // calls made with no token left
}

func (n *nowReset) RoundTrip(r *http.Request) (*http.Response, error) {
	n.mu.Lock()
	now := time.Now()
	if !n.at.IsZero() {
		n.tokens = min(40, n.tokens+8*now.Sub(n.at).Seconds())
	}
	n.at = now
	n.calls.Add(1)
	if n.tokens < 1 {
		n.over.Add(1)
	} else {
		n.tokens--
	}
	left := int(n.tokens)
	n.mu.Unlock()
	h := http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Limit": {"40"},
		"X-Ratelimit-Remaining": {strconv.Itoa(left)}, "X-Ratelimit-Reset": {strconv.FormatInt(now.Unix(), 10)}}
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader(`{"members":[]}`)), Request: r}, nil
}

// A reset that names the answer's own instant is no licence to send again
// at once: with answers that come back instantly, background work still
// keeps to the refill and leaves its reserve (it once sent a call per
// answer, all in the same instant, into a 429).
func TestAResetOfNowDoesNotLetCallsPour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := &nowReset{tokens: 12}
		c, err := client.New(client.Config{Domain: "http://127.0.0.1:1", APIToken: "t.e.st", Transport: tr})
		ok(t, err)
		bg := pace.Background(ctx)
		start := time.Now()
		for i := 0; time.Since(start) < 10*time.Second && i < 1000; i++ { // a pour never lets time pass
			if _, err := c.Members(bg, "org_1", ""); err != nil {
				t.Fatal(err)
			}
		}
		if n := tr.over.Load(); n != 0 {
			t.Fatalf("%d of %d calls had no token left", n, tr.calls.Load())
		}
		// 12 to start with, 80 refilled, the reserve of 9 left alone (a token of
		// rounding aside)
		if n := tr.calls.Load(); n > 12+80-9+1 {
			t.Fatalf("%d calls in 10 s from a bucket that holds 12 and refills 8 a second, its reserve kept", n)
		}
	})
}
