package client

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"unicode/utf8"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/limits"
)

// OrgSpec is what a new organization says.
type OrgSpec struct {
	Name        string            // lowercase letters, digits, _ and -; 1..50; unique
	DisplayName string            // 1..255, or none
	LogoURL     string            // https, or none
	Colors      map[string]string // primary, page_background: #rrggbb
	Metadata    map[string]string // at most 25 keys, values at most 255 characters
	Connections []string          // tenant connections to enable at creation (at most 10)
	// Settings, when set, are the newer settings an edit sets too (see
	// org_settings.go); nil leaves them as they are.
	Settings *OrgSettings
	// Send, when not zero, are the only fields an edit sends and reads
	// back (org_fields.go); zero sends them all.
	Send OrgFields
}

var (
	orgNameRe = regexp.MustCompile(`^[a-z0-9_-]{1,50}$`)
	colorRe   = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// IsOrgName reports whether s is a valid organization name: 1 to 50
// lowercase letters, digits, _ or -.
func IsOrgName(s string) bool { return orgNameRe.MatchString(s) }

// Check applies Auth0's rules for an organization (shared API.md, from the
// Management API's schema) before any call: a mistake is said in words,
// and costs no budget.
func (s OrgSpec) Check() error {
	switch {
	case !orgNameRe.MatchString(s.Name):
		return fmt.Errorf("the name must be 1 to 50 lowercase letters, digits, _ or - (it is used in login URLs)")
	case utf8.RuneCountInString(s.DisplayName) > 255:
		return fmt.Errorf("the display name is at most 255 characters")
	case len(s.Metadata) > 25:
		return fmt.Errorf("metadata takes at most 25 keys, not %d", len(s.Metadata))
	case len(s.Connections) > limits.MaxOrgConnections:
		return fmt.Errorf("an organization has at most %d connections", limits.MaxOrgConnections)
	}
	if s.LogoURL != "" {
		if u, err := url.Parse(s.LogoURL); err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("the logo URL must be an https:// address")
		}
	}
	for k, v := range s.Colors {
		if k != "primary" && k != "page_background" {
			return fmt.Errorf("colour %q: only primary and page_background", k)
		}
		if v != "" && !colorRe.MatchString(v) {
			return fmt.Errorf("colour %s: %q is not #rrggbb", k, v)
		}
	}
	for k, v := range s.Metadata {
		if k == "" || utf8.RuneCountInString(k) > 255 || utf8.RuneCountInString(v) > 255 {
			return fmt.Errorf("metadata %q: keys and values are 1 to 255 characters", k)
		}
	}
	if s.Settings != nil {
		return s.Settings.Check()
	}
	return nil
}

func (c *auth0Client) CreateOrganization(ctx context.Context, s OrgSpec) (Organization, error) {
	if err := s.Check(); err != nil {
		return Organization{}, &Error{Kind: Invalid, Op: "create organization", Message: err.Error()}
	}
	o := &management.Organization{Name: &s.Name}
	if s.DisplayName != "" {
		o.DisplayName = &s.DisplayName
	}
	if s.LogoURL != "" || len(s.Colors) > 0 {
		o.Branding = &management.OrganizationBranding{}
		if s.LogoURL != "" {
			o.Branding.LogoURL = &s.LogoURL
		}
		o.Branding.Colors = colorScheme(s.Colors)
	}
	if len(s.Metadata) > 0 {
		md := s.Metadata
		o.Metadata = &md
	}
	for _, id := range s.Connections {
		o.EnabledConnections = append(o.EnabledConnections, &management.OrganizationConnection{ConnectionID: &id})
	}
	err := c.classify("create organization", c.m.Organization.Create(ctx, o))
	if err != nil {
		// a lost answer is read back: the name says whether it was made
		err = c.settle(ctx, "create organization", err, func(ctx context.Context) (bool, error) {
			found, err := c.OrganizationByName(ctx, s.Name)
			if err == nil {
				o.ID = &found.ID
				return true, nil
			}
			if KindOf(err) == NotFound {
				return false, nil
			}
			return false, err
		})
		if err != nil {
			return Organization{}, err
		}
	}
	return c.readMade(ctx, o.GetID(), s), nil
}

// readMade reads an organization just made or edited as s; when that read
// fails the change still happened, so it is s as sent.
func (c *auth0Client) readMade(ctx context.Context, id string, s OrgSpec) Organization {
	if o, err := c.Organization(ctx, id); err == nil {
		return o
	}
	return Organization{ID: id, Name: s.Name, DisplayName: s.DisplayName, LogoURL: s.LogoURL, Colors: nonEmpty(s.Colors), Metadata: s.Metadata}
}

func nonEmpty(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// Holds reports whether o carries every field s sends (all of them
// unless s.Send says which): name, display name, logo, colors and metadata
// (branding and metadata whole, as an edit replaces them), and the
// settings. A read-back compares them all, so an edit of one metadata
// value is confirmed only when that value is there.
func (s OrgSpec) Holds(o Organization) bool {
	send := s.Sends()
	return (!send.Has(FieldName) || o.Name == s.Name) && (!send.Has(FieldDisplayName) || o.DisplayName == s.DisplayName) &&
		(!send.Has(FieldBranding) || o.LogoURL == s.LogoURL && maps.Equal(nonEmpty(o.Colors), sentColors(s.Colors))) &&
		(!send.Has(FieldMetadata) || maps.Equal(nonNil(o.Metadata), nonNil(s.Metadata))) &&
		(s.Settings == nil || s.Settings.holds(o, send))
}

// sentColors are the colours an edit sends for m: both, or none.
func sentColors(m map[string]string) map[string]string {
	if c := colorScheme(m); c != nil {
		return *c
	}
	return map[string]string{}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// Auth0's default colours of the login page (Universal Login's branding
// defaults): what a scheme gets for the colour it was not given.
const (
	DefaultPrimaryColor   = "#635dff"
	DefaultPageBackground = "#000000"
)

// colorScheme is the branding colours to send: none when neither is set,
// else both, as Auth0's spec requires a scheme to have both primary and
// page_background (a 400 otherwise); the one not set is Auth0's default.
func colorScheme(m map[string]string) *map[string]string {
	colors := nonEmpty(m)
	if len(colors) == 0 {
		return nil
	}
	if colors["primary"] == "" {
		colors["primary"] = DefaultPrimaryColor
	}
	if colors["page_background"] == "" {
		colors["page_background"] = DefaultPageBackground
	}
	return &colors
}

// SpecOf is what o says, for editing it.
func SpecOf(o Organization) OrgSpec {
	return OrgSpec{Name: o.Name, DisplayName: o.DisplayName, LogoURL: o.LogoURL, Colors: o.Colors, Metadata: o.Metadata}
}

// CheckEdit is Check for an edit, whose Send may name the display name:
// Auth0 takes a display name of 1..255 characters and cannot clear one,
// so an edit that says it sends none (which would report done while the
// old one stays) is refused before any call.
func (s OrgSpec) CheckEdit() error {
	if err := s.Check(); err != nil {
		return err
	}
	if s.Send.Has(FieldDisplayName) && s.DisplayName == "" {
		return fmt.Errorf("Auth0 cannot remove a display name: set another one instead")
	}
	return nil
}

func (c *auth0Client) UpdateOrganization(ctx context.Context, id string, s OrgSpec) (Organization, error) {
	if err := s.CheckEdit(); err != nil {
		return Organization{}, &Error{Kind: Invalid, Op: "edit organization", Message: err.Error()}
	}
	send := s.Sends()
	o := &management.Organization{}
	if send.Has(FieldName) {
		o.Name = &s.Name
	}
	if send.Has(FieldDisplayName) {
		o.DisplayName = &s.DisplayName
	}
	if send.Has(FieldBranding) {
		// branding and metadata are replaced whole, so what was removed goes;
		// an empty branding object clears it (the simulator's reading; Auth0
		// documents the replacement, not the empty object)
		o.Branding = &management.OrganizationBranding{Colors: colorScheme(s.Colors)}
		if s.LogoURL != "" {
			o.Branding.LogoURL = &s.LogoURL
		}
	}
	if send.Has(FieldMetadata) {
		md := map[string]string{}
		for k, v := range s.Metadata {
			md[k] = v
		}
		o.Metadata = &md
	}
	body, err := patchOf(o, s.Settings, send)
	if err != nil {
		return Organization{}, &Error{Kind: Invalid, Op: "edit organization", Message: err.Error()}
	}
	err = c.classify("edit organization", c.m.Request(ctx, "PATCH", c.m.URI("organizations", id), body))
	err = c.settle(ctx, "edit organization", err, func(ctx context.Context) (bool, error) {
		now, err := c.Organization(ctx, id)
		return err == nil && s.Holds(now), err
	})
	if err != nil {
		return Organization{}, err
	}
	return c.readMade(ctx, id, s), nil
}
