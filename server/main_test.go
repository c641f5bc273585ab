package server

import (
	"flag"
	"os"
	"testing"
)

// TestMain runs the parallel tests four at a time unless -parallel is
// given, not two at a time on two cores: each is a server, a simulated
// tenant and SSH clients that mostly wait on one another (the package
// spends about 7 s of CPU over 12 s of wall time two at a time).
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		_ = flag.Set("test.parallel", "4")
	}
	os.Exit(m.Run())
}
