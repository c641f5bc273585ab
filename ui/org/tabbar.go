package org

import "charm.land/lipgloss/v2"

// fitTabs keeps the tab bar within width: when every label does not fit,
// it shows a run of them around the active one (at index active), with
// "…" at a cut end standing for the tabs left out there (a click on it
// shows the nearest of them). Labels are joined by a one-cell separator.
func fitTabs(labels []string, which []int, active, width int) ([]string, []int) {
	total := len(labels) - 1
	for _, l := range labels {
		total += lipgloss.Width(l)
	}
	if width <= 0 || total <= width || active < 0 {
		return labels, which
	}
	const more = "…"
	lo, hi := active, active // the run shown, inclusive
	used := lipgloss.Width(labels[active])
	cost := func(lo, hi int) int { // the markers and their separators
		c := 0
		if lo > 0 {
			c += 2
		}
		if hi < len(labels)-1 {
			c += 2
		}
		return c
	}
	for grew := true; grew; {
		grew = false
		if hi+1 < len(labels) && used+1+lipgloss.Width(labels[hi+1])+cost(lo, hi+1) <= width {
			hi++
			used += 1 + lipgloss.Width(labels[hi])
			grew = true
		}
		if lo > 0 && used+1+lipgloss.Width(labels[lo-1])+cost(lo-1, hi) <= width {
			lo--
			used += 1 + lipgloss.Width(labels[lo])
			grew = true
		}
	}
	outL, outW := []string{}, []int{}
	if lo > 0 {
		outL, outW = append(outL, more), append(outW, which[lo-1])
	}
	outL, outW = append(outL, labels[lo:hi+1]...), append(outW, which[lo:hi+1]...)
	if hi < len(labels)-1 {
		outL, outW = append(outL, more), append(outW, which[hi+1])
	}
	return outL, outW
}
