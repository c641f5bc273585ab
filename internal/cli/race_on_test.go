//go:build race

package cli

// raceEnabled: the race detector's bookkeeping distorts memory measurements.
const raceEnabled = true
