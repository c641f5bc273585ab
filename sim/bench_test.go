package sim_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/orgdash/orgdash/sim"
)

// benchServe calls the handler in-process (no sockets) and reports the
// median time per request beside Go's mean.
func benchServe(b *testing.B, s *sim.Server, path string) {
	tok, err := s.IssueToken("http://example.com/api/v2/", sim.AllScopes, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(w, req)
		times = append(times, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms/req")
}

func newBench(b *testing.B, orgs, members int) *sim.Server {
	s, err := sim.New(sim.Options{Orgs: orgs, Members: members})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkListOrganizations reads pages of 100 from the middle of 10,000
// organizations with checkpoint paging.
func BenchmarkListOrganizations(b *testing.B) {
	s := newBench(b, 10000, 2000)
	benchServe(b, s, "/api/v2/organizations?take=100&from="+middleCursor(b, s, "/api/v2/organizations?take=100"))
}

// BenchmarkListMembers reads pages of 100 members with roles from the middle
// of a 100,000-member organization.
func BenchmarkListMembers(b *testing.B) {
	s := newBench(b, 10, 100000)
	id := orgID(b, s, "acme")
	base := "/api/v2/organizations/" + id + "/members?take=100&fields=user_id,email,name,picture,roles&include_fields=true"
	benchServe(b, s, base+"&from="+middleCursor(b, s, base))
}

// BenchmarkSearchUsers asks, again and again, for a tenant-wide search of
// 100,000 users (a dashboard's search box), as a tenant between writes
// sees it.
func BenchmarkSearchUsers(b *testing.B) {
	s := newBench(b, 10, 100000)
	benchServe(b, s, "/api/v2/users?per_page=50&q="+url.QueryEscape(`email:"*smith*"`))
}

// BenchmarkDemoTenant builds the default demo tenant: what every test that
// starts a tenant pays.
func BenchmarkDemoTenant(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.New(sim.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMemory100kMembers reports the heap a tenant with a
// 100,000-member organization holds.
func BenchmarkMemory100kMembers(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(heapMB(func() any { return newBench(b, 150, 100000) }), "heap-MB")
	}
}

func TestMemoryAt100kMembers(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures the heap of a 100,000-member tenant")
	}
	mb := heapMB(func() any {
		s, err := sim.New(sim.Options{Orgs: 150, Members: 100000})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
	t.Logf("a 100,000-member tenant holds %.1f MB of heap", mb)
	if mb > 100 {
		t.Fatalf("%.1f MB, want under 100 MB", mb)
	}
}

// heapMB is how much live heap what build returns keeps.
func heapMB(build func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
}

func middleCursor(b *testing.B, s *sim.Server, path string) string {
	tok, _ := s.IssueToken("http://example.com/api/v2/", sim.AllScopes, time.Hour)
	from := ""
	for range 5 {
		req := httptest.NewRequest("GET", path+from, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		var page struct{ Next string }
		if err := jsonInto(w.Body.Bytes(), &page); err != nil || page.Next == "" {
			b.Fatalf("no next: %s", w.Body)
		}
		from = "&from=" + page.Next
	}
	return from[len("&from="):]
}

func orgID(b *testing.B, s *sim.Server, name string) string {
	tok, _ := s.IssueToken("http://example.com/api/v2/", sim.AllScopes, time.Hour)
	req := httptest.NewRequest("GET", "/api/v2/organizations/name/"+name, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	var o struct{ ID string }
	if err := jsonInto(w.Body.Bytes(), &o); err != nil || o.ID == "" {
		b.Fatalf("no %s: %s", name, w.Body)
	}
	return o.ID
}
