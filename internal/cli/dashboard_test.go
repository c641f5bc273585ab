package cli

import (
	"context"
	"testing"
	"time"
)

// BenchmarkDemoStartToFirstList measures from nothing to the first page of
// organizations of the demo tenant: building it, serving it on loopback,
// a client credentials token, and the first list call.
func BenchmarkDemoStartToFirstList(b *testing.B) {
	for b.Loop() {
		firstList(b)
	}
}

func firstList(tb testing.TB) time.Duration {
	start := time.Now()
	cl, stop, err := startDemo()
	if err != nil {
		tb.Fatal(err)
	}
	defer stop()
	p, err := cl.Organizations(context.Background(), "")
	if err != nil || len(p.Items) != 100 {
		tb.Fatalf("first page: %d organizations, %v", len(p.Items), err)
	}
	return time.Since(start)
}

func TestDemoStarts(t *testing.T) {
	t.Logf("demo start to first organization list: %s", firstList(t))
}
