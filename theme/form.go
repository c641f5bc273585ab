package theme

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Form is the huh theme of these styles: the accent on the focused field,
// orgdash's buttons, and under NO_COLOR a marker on the chosen button, as
// colour alone cannot show it.
//
// huh asks for its styles many times a frame; they are built once for
// each look (the terminal's background may change s in place) and read only.
func (s *Styles) Form() huh.Theme {
	var made *huh.Styles
	var madeDark, madeNoColor bool
	return huh.ThemeFunc(func(bool) *huh.Styles {
		if made == nil || madeDark != s.IsDark || madeNoColor != s.NoColor {
			made, madeDark, madeNoColor = s.formStyles(), s.IsDark, s.NoColor
		}
		return made
	})
}

// formStyles builds Form's styles.
func (s *Styles) formStyles() *huh.Styles {
	t := huh.ThemeBase(s.IsDark)
	p := s.palette
	t.Focused.Base = t.Focused.Base.BorderForeground(p.accent)
	if s.NoColor {
		t.Focused.Base = t.Focused.Base.UnsetBorderForeground()
	}
	t.Focused.Card = t.Focused.Base
	t.Focused.Title = s.Section
	t.Focused.Description = s.Muted
	t.Focused.ErrorIndicator = s.Error.SetString(" *")
	t.Focused.ErrorMessage = s.Error
	t.Focused.FocusedButton = s.ButtonFocused.MarginRight(1)
	t.Focused.BlurredButton = s.Button.MarginRight(1)
	if s.NoColor {
		t.Focused.FocusedButton = t.Focused.FocusedButton.Transform(Chosen)
		t.Focused.BlurredButton = t.Focused.BlurredButton.Transform(notChosen)
	}
	t.Focused.TextInput.Placeholder = s.Muted
	t.Focused.TextInput.Prompt = s.Filter
	t.Help = s.Help
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = s.Label
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	return t
}

// Chosen marks the chosen button where colour cannot: "▸Remove".
func Chosen(label string) string { return "▸" + label }

func notChosen(label string) string { return " " + label }
