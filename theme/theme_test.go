package theme

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The key bar and the dialogs' and forms' buttons meet WCAG's 4.5:1 on
// the backgrounds terminals use: white for light; black and GitHub's
// #0d1117 for dark. (The focused button is in reverse video: the
// terminal's own colours.)
func TestKeyBarAndButtonsContrast(t *testing.T) {
	backgrounds := map[bool][]color.Color{
		false: {lipgloss.Color("#ffffff")},
		true:  {lipgloss.Color("#000000"), lipgloss.Color("#0d1117")},
	}
	for _, dark := range []bool{false, true} {
		s := New(dark, false)
		form := s.Form().Theme(dark)
		for name, st := range map[string]lipgloss.Style{
			"key": s.Help.ShortKey, "key description": s.Help.ShortDesc, "separator": s.Help.ShortSeparator,
			"button": s.Button, "form button": form.Focused.BlurredButton, "form title": form.Focused.Title,
			"form description": form.Focused.Description,
		} {
			fg := st.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none || fg == nil {
				t.Errorf("dark=%v %s: no colour of its own", dark, name)
				continue
			}
			for _, bg := range backgrounds[dark] {
				if r := contrast(fg, bg); r < 4.5 {
					t.Errorf("dark=%v %s: %.2f:1 against %v, want 4.5:1", dark, name, r, bg)
				}
			}
		}
	}
}
