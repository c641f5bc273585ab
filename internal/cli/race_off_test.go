//go:build !race

package cli

const raceEnabled = false

// patience: see race_on_test.go.
const patience = 1
