package members

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/uitest"
)

// BenchmarkKeystroke100k types filters into a Members tab holding 100,000
// members and reports the median time from a key press to the next frame:
// the tab's Update, its View and its help (which asks for the action
// table), as the dashboard does on every key. Filters are typed letter by
// letter, deleted back and cleared, as people do; with no row marked, and
// with 1,000 marked (the action table then names the marked members).
func BenchmarkKeystroke100k(b *testing.B) {
	for _, marked := range []int{0, 1000} {
		b.Run(fmt.Sprintf("marked=%d", marked), func(b *testing.B) { keystrokes(b, marked) })
	}
}

func keystrokes(b *testing.B, marked int) {
	f := clienttest.New(1, 0)
	m := New(uitest.Common(b, f), f.Orgs[0])
	m.SetSize(120, 34)
	for i := range 100000 {
		m.List().Put(client.Member{UserID: fmt.Sprintf("auth0|%024d", i), Name: fmt.Sprintf("User %d", i),
			Email: fmt.Sprintf("user%d@example.com", i), Roles: []client.Role{{ID: "rol_1", Name: "Member"}}})
	}
	if m.List().Total() != 100000 {
		b.Fatalf("%d rows loaded", m.List().Total())
	}
	for i := range marked {
		m.List().Mark(fmt.Sprintf("auth0|%024d", i*100))
	}
	var keys []string
	for _, q := range []string{"user9", "example", "User 42", "nobody"} {
		keys = append(keys, "/")
		for _, r := range q {
			keys = append(keys, string(r))
		}
		keys = append(keys, "backspace", "backspace", "esc")
	}
	times := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		k := uitest.Key(keys[i%len(keys)])
		i++
		start := time.Now()
		m.Update(k)
		_ = m.View()
		_ = m.Help()
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms/key")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms/key")
}
