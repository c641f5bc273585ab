//go:build race

package cli

// raceEnabled: the race detector's bookkeeping distorts memory measurements.
const raceEnabled = true

// patience is how many times longer a test gives a process to show what
// it waits for before failing: the race detector slows everything down.
const patience = 4
