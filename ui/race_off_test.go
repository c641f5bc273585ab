//go:build !race

package ui

// patience: see race_on_test.go.
const patience = 1
