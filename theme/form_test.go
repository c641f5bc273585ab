package theme

import "testing"

// A form's styles are built once per look and follow a change of the
// terminal's background (the session replaces its styles in place).
func TestFormStylesFollowTheBackground(t *testing.T) {
	s := New(true, false)
	th := s.Form()
	dark := th.Theme(true)
	if th.Theme(true) != dark {
		t.Fatal("the styles were built again for the same look")
	}
	*s = *New(false, false)
	light := th.Theme(true)
	if light == dark || light.Focused.Base.GetBorderTopForeground() == dark.Focused.Base.GetBorderTopForeground() {
		t.Fatal("the form kept the dark styles after the background turned light")
	}
}
