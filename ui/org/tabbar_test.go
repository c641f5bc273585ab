package org

import (
	"strings"
	"testing"
)

// A bar too wide for the screen shows the tabs around the active one,
// "…" standing for those cut (a click on it shows the nearest); one that
// fits is left whole.
func TestFitTabs(t *testing.T) {
	labels := []string{" Overview ", " Connections (3) ", " Members (100,001) ", " Invitations (4) ", " Domains (2) ", " Activity "}
	which := []int{0, 1, 2, 3, 4, 5}
	if l, _ := fitTabs(labels, which, 0, 200); len(l) != len(labels) {
		t.Fatalf("a bar that fits was cut: %q", l)
	}
	l, w := fitTabs(labels, which, 4, 50)
	bar := strings.Join(l, "|")
	if len([]rune(bar)) > 50 || !strings.Contains(bar, " Domains (2) ") || l[0] != "…" {
		t.Fatalf("cut to 50 around Domains: %q", bar)
	}
	if w[0] != w[1]-1 {
		t.Fatalf("the left marker stands for tab %d, before %d", w[0], w[1])
	}
	for i, x := range l {
		if x != "…" && labels[w[i]] != x {
			t.Fatalf("label %q is shown for tab %d", x, w[i])
		}
	}
}
