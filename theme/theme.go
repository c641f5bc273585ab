// Package theme turns a semantic palette into the dashboard's styles, for
// light and dark terminals, and for NO_COLOR.
package theme

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles are every style the dashboard draws with. Build them with New;
// rebuild them when the terminal reports its background.
type Styles struct {
	IsDark, NoColor bool
	Fixed           bool // chosen in the config: the terminal's background does not change it

	Header, Brand, Demo, Breadcrumb, Lock, Danger      lipgloss.Style
	TabActive, TabInactive                             lipgloss.Style
	TableHeader, Selected, Muted, Marked               lipgloss.Style
	Title, Label, Value, Section                       lipgloss.Style
	Info, OK, Warn, Error                              lipgloss.Style
	GaugeFull, GaugeLow, GaugeEmpty                    lipgloss.Style
	Filter, Dialog, DialogTitle, Button, ButtonFocused lipgloss.Style
	Help                                               help.Styles

	palette palette
}

// palette is the semantic colours.
type palette struct {
	fg, muted, subtle, accent, ok, warn, danger, selBg color.Color
}

func colors(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return palette{
		fg:     ld(c("#1f2328"), c("#e6edf3")),
		muted:  ld(c("#6e7781"), c("#8b949e")),
		subtle: ld(c("#d0d7de"), c("#30363d")),
		accent: ld(c("#6f42c1"), c("#bc8cff")),
		ok:     ld(c("#1a7f37"), c("#3fb950")),
		warn:   ld(c("#9a6700"), c("#d29922")),
		danger: ld(c("#cf222e"), c("#f85149")),
		selBg:  ld(c("#ddf4ff"), c("#1f3a5f")),
	}
}

// New builds the styles for a dark or light background; noColor keeps only
// bold, faint and reverse, for NO_COLOR.
func New(isDark, noColor bool) *Styles {
	p := colors(isDark)
	st := lipgloss.NewStyle
	fg := func(c color.Color) lipgloss.Style {
		if noColor {
			return st()
		}
		return st().Foreground(c)
	}
	s := &Styles{IsDark: isDark, NoColor: noColor}
	s.Header = st().Padding(0, 1)
	s.Brand = fg(p.accent).Bold(true)
	s.Demo = fg(p.warn).Bold(true)
	s.Breadcrumb = fg(p.muted)
	s.Lock = fg(p.warn).Bold(true)
	s.Danger = fg(p.danger).Bold(true)
	s.TabActive = fg(p.accent).Bold(true).Underline(true).Padding(0, 1)
	s.TabInactive = fg(p.muted).Padding(0, 1)
	s.TableHeader = fg(p.muted).Bold(true)
	s.Selected = st().Reverse(true)
	if !noColor {
		s.Selected = st().Background(p.selBg).Foreground(p.fg).Bold(true)
	}
	s.Muted = fg(p.muted)
	s.Marked = fg(p.accent).Bold(true)
	s.Title = fg(p.fg).Bold(true)
	s.Label = fg(p.muted)
	s.Value = fg(p.fg)
	s.Section = fg(p.accent).Bold(true)
	s.Info = fg(p.muted)
	s.OK = fg(p.ok)
	s.Warn = fg(p.warn)
	s.Error = fg(p.danger)
	s.GaugeFull = fg(p.ok)
	s.GaugeLow = fg(p.warn)
	s.GaugeEmpty = fg(p.danger).Bold(true)
	s.Filter = fg(p.accent)
	border := st().Border(lipgloss.RoundedBorder()).Padding(1, 2)
	if !noColor {
		border = border.BorderForeground(p.accent)
	}
	s.Dialog = border
	s.DialogTitle = fg(p.fg).Bold(true)
	s.Button = fg(p.muted).Padding(0, 2)
	s.ButtonFocused = st().Reverse(true).Bold(true).Padding(0, 2)
	// the key bar in the palette's text colours, which meet 4.5:1 on the
	// background (bubbles' greys do not: #4A4A4A on black is 2.3:1)
	key, desc := fg(p.fg).Bold(true), fg(p.muted)
	s.Help = help.Styles{ShortKey: key, ShortDesc: desc, ShortSeparator: desc, Ellipsis: desc,
		FullKey: key, FullDesc: desc, FullSeparator: desc}
	s.palette = p
	return s
}

// Swatch draws a colour sample for a "#rrggbb" value; without colour, nothing.
func (s *Styles) Swatch(hex string) string {
	if s.NoColor {
		return ""
	}
	return lipgloss.NewStyle().Background(lipgloss.Color(hex)).Render("   ")
}

// Swatched is text after the sample of colour hex and a space: "███ #5e1778";
// without colour, text alone (no blank where the sample would be).
func (s *Styles) Swatched(hex, text string) string {
	if sw := s.Swatch(hex); sw != "" {
		return sw + " " + text
	}
	return text
}
