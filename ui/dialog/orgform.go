package dialog

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/safetext"
	"github.com/orgdash/orgdash/ui/common"
)

// NewOrgForm asks for a new organization's fields, starting from start
// (empty, or as typed before) with conns to enable at creation (none
// offered when empty), each under Auth0's rules, said before anything is
// sent; submit makes the command to run with them. The fields start with
// start's values without what would act on the terminal (escape
// sequences, controls, bidi and invisible characters: an input holds
// text, not the � a screen shows in their place, so they are left out as
// safetext.Clipboard does); a field left as shown keeps the value the
// tenant holds, so that saving one field does not rewrite the others.
func NewOrgForm(c *common.Common, title string, start client.OrgSpec, conns []client.TenantConnection, submit func(client.OrgSpec) tea.Cmd) *Form {
	fields, spec := orgFields(c, start, conns, false)
	return NewForm(c, title, func() tea.Cmd { return submit(spec()) }, fields...).AskBeforeDiscarding(func() bool {
		s := spec()
		return client.Changed(start, s) != 0 || !slices.Equal(s.Connections, start.Connections)
	})
}

// orgFields are the fields of an organization's form, and the spec they
// hold once filled: of an edit of start when editing (the renaming hint,
// no clearing a display name), else of a new organization.
func orgFields(c *common.Common, start client.OrgSpec, conns []client.TenantConnection, editing bool) ([]huh.Field, func() client.OrgSpec) {
	shown := client.OrgSpec{Name: editable(start.Name), DisplayName: editable(start.DisplayName),
		LogoURL: editable(start.LogoURL), Metadata: map[string]string{}}
	for k, v := range start.Metadata {
		shown.Metadata[editable(k)] = editable(v)
	}
	name, display, logo := shown.Name, shown.DisplayName, shown.LogoURL
	primary, background := editable(start.Colors["primary"]), editable(start.Colors["page_background"])
	shownPrimary, shownBackground := primary, background
	shownMetadata := formatMetadata(shown.Metadata)
	metadata := shownMetadata
	// kept is the value to send for a field: the stored one while the field is as shown
	kept := func(typed, shown, stored string) string {
		if typed == shown {
			typed = stored
		}
		return strings.TrimSpace(typed)
	}
	enable := slices.Clone(start.Connections)
	nameHint := "Lowercase letters, digits, _ and -; up to 50. It is in login URLs."
	if editing {
		nameHint = "Renaming changes every login URL and organization parameter that uses the name."
	}
	field := func(f func(client.OrgSpec) error) func(string) error {
		return func(string) error {
			md, err := parseMetadata(metadata)
			if err != nil {
				return err
			}
			return f(client.OrgSpec{Name: "x", DisplayName: display, LogoURL: logo, Metadata: md,
				Colors: map[string]string{"primary": primary, "page_background": background}})
		}
	}
	spec := func() client.OrgSpec {
		md, _ := parseMetadata(metadata)
		if metadata == shownMetadata && len(start.Metadata) > 0 {
			md = start.Metadata
		}
		colors := map[string]string{}
		for k, v := range map[string]string{"primary": kept(primary, shownPrimary, start.Colors["primary"]),
			"page_background": kept(background, shownBackground, start.Colors["page_background"])} {
			if v != "" {
				colors[k] = v
			}
		}
		return client.OrgSpec{Name: kept(name, shown.Name, start.Name), DisplayName: kept(display, shown.DisplayName, start.DisplayName),
			LogoURL: kept(logo, shown.LogoURL, start.LogoURL), Colors: colors, Metadata: md, Connections: enable}
	}
	swatch := func(v string) string { // the colour as it is now, beside its value
		if v == "" {
			return ""
		}
		return " Now " + c.Styles.Swatched(v, safetext.Terminal(v)) + "."
	}
	cleaned := func(desc, shown, stored string) string {
		if shown != stored {
			desc += " Shown without hidden characters; kept as stored unless changed."
		}
		return desc
	}
	fields := []huh.Field{
		huh.NewInput().Title("Name").Description(nameHint).
			Value(&name).Validate(func(v string) error {
			return client.OrgSpec{Name: strings.TrimSpace(v)}.Check()
		}),
		huh.NewInput().Title("Display name").Description(cleaned("What people see; up to 255 characters. Optional.", shown.DisplayName, start.DisplayName)).
			Value(&display).Validate(func(v string) error {
			if strings.TrimSpace(v) == "" && start.DisplayName != "" && editing {
				// Auth0 takes 1 to 255 characters and documents no way to unset it
				return errors.New("a display name once set cannot be cleared, only changed")
			}
			return field(client.OrgSpec.Check)(v)
		}),
		huh.NewInput().Title("Logo URL").Description("https://…, optional.").Value(&logo).Validate(field(client.OrgSpec.Check)),
		huh.NewInput().Title("Primary colour").Description("#rrggbb, optional." + swatch(primary)).Value(&primary).Validate(field(client.OrgSpec.Check)),
		huh.NewInput().Title("Page background").Description("#rrggbb, optional." + swatch(background)).Value(&background).Validate(field(client.OrgSpec.Check)),
		huh.NewText().Title("Metadata").Description(cleaned("key=value, one a line; at most 25. Optional.", shownMetadata, formatMetadata(start.Metadata))).Lines(3).
			Value(&metadata).Validate(field(client.OrgSpec.Check)),
	}
	if len(conns) > 0 { // a new organization: the connections its people log in with, enabled at creation
		opts := make([]huh.Option[string], len(conns))
		for i, cn := range conns {
			opts[i] = huh.NewOption(common.Clean(cn.Name)+" ("+common.Clean(cn.Strategy)+")", cn.ID)
		}
		fields = append(fields, huh.NewMultiSelect[string]().Title("Connections").Description("Enabled at creation; x picks. Optional.").
			Options(opts...).Value(&enable).Limit(10).Height(min(len(opts), 6)+2))
	}
	return fields, spec
}

// editable is s as an input starts with it: safetext.Clipboard's text, and
// no U+FFFD (which an input drops).
func editable(s string) string { return strings.ReplaceAll(safetext.Clipboard(s), "\uFFFD", "") }

// formatMetadata is "key=value" lines, sorted; a key's own "=" and "\"
// are written "\=" and "\\" (Auth0 allows any key), so that every
// organization's metadata can be edited and saved as it was.
func formatMetadata(md map[string]string) string {
	keys := slices.Sorted(maps.Keys(md))
	lines := make([]string, len(keys))
	escape := strings.NewReplacer(`\`, `\\`, `=`, `\=`)
	for i, k := range keys {
		lines[i] = escape.Replace(k) + "=" + md[k]
	}
	return strings.Join(lines, "\n")
}

// parseMetadata reads "key=value" lines as formatMetadata writes them: the
// key ends at the first "=" not escaped by "\", the value is the rest of
// the line without its surrounding spaces.
func parseMetadata(s string) (map[string]string, error) {
	md := map[string]string{}
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := cutEntry(line)
		if k = strings.TrimSpace(k); !ok || k == "" {
			return nil, fmt.Errorf("metadata line %d: want key=value (write a key's own = as \\=)", i+1)
		}
		md[k] = strings.TrimSpace(v)
	}
	return md, nil
}

// cutEntry cuts line at its first "=" that no "\" escapes, unescaping the key.
func cutEntry(line string) (key, value string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			i++
			b.WriteByte(line[i])
		case c == '=':
			return b.String(), line[i+1:], true
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}
