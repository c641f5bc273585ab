//go:build race

package ui

// patience is how much longer a test waits on the wall clock for a frame:
// the race detector slows rendering several times over, more so with the
// whole suite running beside it.
const patience = 4
