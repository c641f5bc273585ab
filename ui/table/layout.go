package table

// layout shares width among columns: each gets its Min, then the spare
// width goes to flexible columns by their Flex.
func layout(cols []Column, width int) []int {
	ws := make([]int, len(cols))
	shown := 0
	for _, c := range cols {
		if !c.Hidden {
			shown++
		}
	}
	avail := width - (shown - 1) // one space between columns
	need, flex := 0, 0
	for i, c := range cols {
		if c.Hidden {
			continue
		}
		ws[i] = c.Min
		need += c.Min
		flex += c.Flex
	}
	spare := avail - need
	switch {
	case spare > 0 && flex > 0:
		given := 0
		for i, c := range cols {
			if c.Hidden {
				continue
			}
			add := spare * c.Flex / flex
			ws[i] += add
			given += add
		}
		for i := len(cols) - 1; i >= 0; i-- { // rounding leftovers to the last flexible column
			if cols[i].Flex > 0 && !cols[i].Hidden {
				ws[i] += spare - given
				break
			}
		}
	case spare < 0:
		for i := range ws { // shrink everyone in proportion, keeping at least 1
			if !cols[i].Hidden {
				ws[i] = max(1, ws[i]*max(avail, shown)/max(need, 1))
			}
		}
	}
	return ws
}
