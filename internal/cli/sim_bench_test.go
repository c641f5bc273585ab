package cli

import (
	"fmt"
	"testing"
)

// BenchmarkSimAtEntityLimits starts `orgdash sim` as a process at Auth0's
// entity limits (100,000 organizations, one with 100,000 members) and
// reports the seconds until it serves and its resident memory (RSS, as
// the kernel counts it: heap, stacks, runtime and all).
//
//	go test -run - -bench SimAtEntityLimits -benchtime 1x .
func BenchmarkSimAtEntityLimits(b *testing.B) {
	for _, size := range [][2]int{{150, 5000}, {10000, 100000}, {100000, 100000}} {
		b.Run(fmt.Sprintf("orgs=%d,members=%d", size[0], size[1]), func(b *testing.B) {
			for b.Loop() {
				secs, rss := runSimProcess(b, size[0], size[1])
				b.ReportMetric(secs, "start-s")
				b.ReportMetric(rss, "rss-MB")
			}
		})
	}
}

// runSimProcess runs the simulator until it says it is ready, then reads its RSS.
func runSimProcess(tb testing.TB, orgs, members int) (secs, rssMB float64) {
	p := startSimProcess(tb, orgs, members)
	return p.ready, p.rssMB(tb)
}
