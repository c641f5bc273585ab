package table

import (
	"strings"
	"testing"
	"time"
)

// filterQueries are what BenchmarkFilter100k and its bare peer look for.
var filterQueries = []string{"user9", "example", "User 4242", "nothing-here"}

// BenchmarkFilterBareLoop is the floor BenchmarkFilter100k is measured
// against: a bare strings.Contains over the same 100,000 rows' text,
// as the table holds it (lowered, or as typed for a query with a capital),
// keeping the indices that match. Compare their ns/op within one run.
func BenchmarkFilterBareLoop(b *testing.B) {
	m := newTable(100000)
	hay, lower := make([]string, len(m.rows)), make([]string, len(m.rows))
	for i, r := range m.rows {
		hay[i], lower[i] = r.hay, r.lower
	}
	view := make([]int, 0, len(hay))
	i := 0
	for b.Loop() {
		q, in := filterQueries[i%len(filterQueries)], lower
		if strings.ToLower(q) != q {
			in = hay
		}
		view = view[:0]
		for j, h := range in {
			if strings.Contains(h, q) {
				view = append(view, j)
			}
		}
		i++
	}
}

// BenchmarkFilterAgainstBareLoop filters 100,000 rows through the table and
// with the bare loop by turns, the same query each, and reports the ratio
// of their times: on a busy machine a ratio within one run holds where two
// benchmarks' ns/op run apart do not. The floor is 1.
func BenchmarkFilterAgainstBareLoop(b *testing.B) {
	m := newTable(100000)
	bare, exact := make([]string, len(m.rows)), make([]string, len(m.rows))
	for i, r := range m.rows {
		bare[i], exact[i] = r.lower, r.hay
	}
	view := make([]int, 0, len(bare))
	var table, loop time.Duration
	i := 0
	for b.Loop() {
		q := filterQueries[i%len(filterQueries)]
		i++
		start := time.Now()
		m.SetFilter(q)
		table += time.Since(start)

		start = time.Now()
		in := bare
		if strings.ToLower(q) != q {
			in = exact
		}
		view = view[:0]
		for j, h := range in {
			if strings.Contains(h, q) {
				view = append(view, j)
			}
		}
		loop += time.Since(start)
		if len(view) != m.Len() {
			b.Fatalf("%q: the table shows %d rows, the loop found %d", q, m.Len(), len(view))
		}
	}
	b.ReportMetric(float64(table)/float64(loop), "x-bare-loop")
}
