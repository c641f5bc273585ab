//go:build race

package main

// raceEnabled: the race detector's bookkeeping distorts memory measurements.
const raceEnabled = true
