package gov3

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/auth0/go-auth0/v3/management/client"
	"github.com/auth0/go-auth0/v3/management/option"
	"github.com/orgdash/orgdash/sim"
	"github.com/orgdash/orgdash/sim/simtest"
)

// recorder sits under the SDK's transports and remembers the status of
// the last answer, for each call's check.
type recorder struct {
	mu   sync.Mutex
	next http.RoundTripper
	last int
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := r.next.RoundTrip(req)
	if err == nil && strings.HasPrefix(req.URL.Path, "/api/v2/") {
		r.mu.Lock()
		r.last = res.StatusCode
		r.mu.Unlock()
	}
	return res, err
}

func (r *recorder) status() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.last
	r.last = 0
	return s
}

// suite is one run of the SDK against a simulated tenant: every call is
// checked and counted.
type suite struct {
	t     *testing.T
	ctx   context.Context
	m     *client.Management
	tn    *simtest.Tenant
	rec   *recorder
	ids   ids // what the calls created, for the calls after them
	made  int
	as    int // answered as Auth0 would
	fails []string
}

// newSuite starts a demo tenant (so that acme has groups, grants and
// applications) with no rate limit, and an SDK client on it with client
// credentials, retries off.
func newSuite(t *testing.T, opts sim.Options) *suite {
	tn := simtest.Start(t, opts)
	rec := &recorder{next: http.DefaultTransport}
	host := strings.TrimPrefix(tn.URL, "http://")
	m, err := client.New(host, option.WithInsecure(),
		option.WithClientCredentials(context.Background(), tn.ClientID(), tn.ClientSecret()),
		option.WithHTTPClient(&http.Client{Transport: rec}), option.WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	return &suite{t: t, ctx: t.Context(), m: m, tn: tn, rec: rec}
}

// check makes one SDK call: it passes when the call returns no error, the
// answer's status is want and shape finds nothing amiss in what the SDK
// decoded.
func (s *suite) check(name string, want int, call func() error) {
	s.t.Helper()
	s.made++
	err := call()
	got := s.rec.status()
	switch {
	case err != nil:
		s.fail(name, fmt.Sprintf("status %d: %v", got, err))
	case got != want:
		s.fail(name, fmt.Sprintf("status %d, Auth0 answers %d", got, want))
	default:
		s.as++
	}
}

// refused makes a call Auth0 refuses and checks the SDK's error carries
// the status.
func (s *suite) refused(name string, want int, call func() error) {
	s.t.Helper()
	s.made++
	err := call()
	got := s.rec.status()
	if err == nil || got != want || !strings.Contains(err.Error(), fmt.Sprint(want)) {
		s.fail(name, fmt.Sprintf("status %d (%v), Auth0 answers %d", got, err, want))
		return
	}
	s.as++
}

func (s *suite) fail(name, why string) {
	s.t.Helper()
	s.fails = append(s.fails, name+": "+why)
	s.t.Errorf("%s: %s", name, why)
}

// extraProperties is what every type of the SDK offers: the keys of an
// answer its type does not know.
type extraProperties interface {
	GetExtraProperties() map[string]any
}

// shape reports keys an answer had that the SDK's type lacks (except the
// ones named in allowed, which a recorded Auth0 answer also has), and
// required fields the answer left empty.
func shape[T extraProperties](v T, allowed []string, required ...string) error {
	if reflect.ValueOf(v).IsNil() {
		return fmt.Errorf("no answer")
	}
	var extra []string
	for k := range v.GetExtraProperties() {
		if !slices.Contains(allowed, k) {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return fmt.Errorf("keys the SDK's %T does not know: %v", v, extra)
	}
	rv := reflect.ValueOf(v).Elem()
	for _, f := range required {
		fv := rv.FieldByName(f)
		if !fv.IsValid() {
			return fmt.Errorf("%T has no field %s", v, f)
		}
		if fv.IsZero() {
			return fmt.Errorf("%T.%s is empty", v, f)
		}
	}
	return nil
}

// shapes checks every item of a list answer.
func shapes[T extraProperties](items []T, min int, required ...string) error {
	return shapesAllowing(items, min, nil, required...)
}

// shapesAllowing checks every item, allowing the keys a recorded Auth0
// answer has that the SDK's type lacks.
func shapesAllowing[T extraProperties](items []T, min int, allowed []string, required ...string) error {
	if len(items) < min {
		return fmt.Errorf("%d items, want at least %d", len(items), min)
	}
	for i, it := range items {
		if err := shape(it, allowed, required...); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
