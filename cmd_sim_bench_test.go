package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
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
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ORGDASH_RUN_MAIN=1",
		fmt.Sprintf("ORGDASH_ARGS=sim --addr 127.0.0.1:0 --orgs %d --members %d", orgs, members))
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "ready in") {
			secs = time.Since(start).Seconds()
			break
		}
	}
	if secs == 0 {
		tb.Fatal("the simulator never said it was ready")
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		tb.Skip("no /proc to read RSS from")
	}
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			rssMB = float64(kb) / 1024
		}
	}
	return secs, rssMB
}

// The simulator at Auth0's entity limits fits in 300 MB of resident memory.
func TestSimAtEntityLimitsFits(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures a process of a 100,000-organization tenant")
	}
	secs, rss := runSimProcess(t, 100000, 100000)
	t.Logf("100,000 organizations, one of 100,000 members: serving after %.2f s in %.0f MB RSS", secs, rss)
	if rss > 300 {
		t.Fatalf("%.0f MB resident, want under 300 MB", rss)
	}
}
