package org

import (
	"testing"

	"github.com/orgdash/orgdash/keymap"
)

// Every tab has a key of its own, by a name the keymap knows, and a
// ":" name no other tab takes.
func TestEveryTabHasItsOwnKeyAndName(t *testing.T) {
	k := keymap.Default()
	keys, names := map[string]string{}, map[string]string{}
	for _, s := range Tabs() {
		b := s.Key(k)
		if len(b.Keys()) == 0 {
			t.Errorf("tab %q has no key: its name is not the keymap's", s.Title)
		}
		for _, key := range b.Keys() {
			if other, taken := keys[key]; taken {
				t.Errorf("key %q shows both %q and %q", key, other, s.Title)
			}
			keys[key] = s.Title
		}
		for _, n := range append([]string{string(s.Tab)}, s.Aliases...) {
			if other, taken := names[n]; taken {
				t.Errorf(":%s names both %q and %q", n, other, s.Title)
			}
			names[n] = s.Title
		}
	}
}
