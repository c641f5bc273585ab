package keymap

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestDefaultHasNoConflicts(t *testing.T) {
	if err := Default().Override(nil); err != nil {
		t.Fatal(err)
	}
}

func TestOverride(t *testing.T) {
	k := Default()
	if err := k.Override(map[string][]string{"remove": {"x", "delete"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'x', Text: "x"}, k.Remove) || key.Matches(tea.KeyPressMsg{Code: 'd', Text: "d"}, k.Remove) {
		t.Fatalf("remove is bound to %v", k.Remove.Keys())
	}
	if k.Remove.Help().Key != "x/delete" {
		t.Fatalf("help shows %q", k.Remove.Help().Key)
	}
	err := Default().Override(map[string][]string{"explode": {"x"}})
	if err == nil || !strings.Contains(err.Error(), `unknown action "explode"`) {
		t.Fatalf("unknown action: %v", err)
	}
	err = Default().Override(map[string][]string{"remove": {"j"}})
	if err == nil || !strings.Contains(err.Error(), `"j" is bound to both`) {
		t.Fatalf("conflict: %v", err)
	}
}

// A binding taken by name follows a rebinding; a name the keymap does not
// know has no keys.
func TestNamed(t *testing.T) {
	k := Default()
	if err := k.Override(map[string][]string{"domains": {"%"}}); err != nil {
		t.Fatal(err)
	}
	if b := Named("domains")(k); !key.Matches(tea.KeyPressMsg{Code: '%', Text: "%"}, b) {
		t.Fatalf("domains is bound to %v", b.Keys())
	}
	if b := Named("explode")(k); len(b.Keys()) != 0 || b.Enabled() {
		t.Fatalf("an unknown name is bound to %v", b.Keys())
	}
}
