package client

import (
	"os"
	"strings"
	"testing"
)

// TestEveryActionHasARow fails when an action is added without its name
// and scope: the table is the one place they are written.
func TestEveryActionHasARow(t *testing.T) {
	for _, a := range Actions() {
		if i := a.Info(); i.Name == "" || !strings.Contains(i.Scope, ":") {
			t.Errorf("action %d has no row in actionTable: %+v", a, i)
		}
	}
}

// TestReadmeScopeTableIsTrue keeps the README's table of scopes the one the
// action table makes.
func TestReadmeScopeTableIsTrue(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := ScopeTable()
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md's table of scopes is not the action table's; put this in it:\n%s", want)
	}
}
