//go:build race

package sim_test

// raceEnabled: the race detector's bookkeeping distorts heap measurements.
const raceEnabled = true
