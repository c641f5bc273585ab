package client

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
	"golang.org/x/oauth2"
)

// auth0Client implements Client with the go-auth0 SDK.
type auth0Client struct {
	cfg     Config
	m       *management.Management
	tracker *pace.Tracker
	scopes  *scopeBook
	listed  *pageBook // where each member was listed, for verifying removals page by page
	// legacyUntil is until when the tenant is taken to lack the newer
	// connections family (a time.Time; zero when it has it).
	legacyUntil atomic.Value
	noDomains   domainsMissing // the tenant lacks discovery domains, lately
	noSurface   surfaceMissing // Early Access features it lacks, lately (org_surface.go)
}

var _ Client = (*auth0Client)(nil)

// New builds a client for the configured tenant. It makes no call yet.
func New(cfg Config) (Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	base, _ := cfg.baseURL()
	c := &auth0Client{cfg: cfg, tracker: cfg.Tracker, scopes: &scopeBook{}, listed: newPageBook()}
	hc := &http.Client{Transport: &pacer{base: cfg.Transport, tracker: c.tracker, scopes: c.scopes,
		maxAttempts: cfg.MaxAttempts, maxWait: cfg.MaxWait}}
	opts := []management.Option{management.WithClient(hc), management.WithNoRetries(),
		management.WithUserAgent("orgdash")}
	if base.Scheme == "http" {
		opts = append(opts, management.WithInsecure()) // before the credentials, which it would replace
	}
	if cfg.APIToken != "" {
		opts = append(opts, management.WithStaticToken(cfg.APIToken))
		c.scopes.sawToken("Bearer " + cfg.APIToken)
	} else {
		// the token endpoint is not the Management API: it gets its own client
		tokenHTTP := &http.Client{Transport: cfg.Transport, Timeout: 30 * time.Second}
		ctx := context.WithValue(context.Background(), oauth2.HTTPClient, tokenHTTP)
		opts = append(opts, management.WithClientCredentials(ctx, cfg.ClientID, cfg.ClientSecret))
	}
	m, err := management.New(base.Host, opts...)
	if err != nil {
		return nil, err
	}
	c.m = m
	return c, nil
}

func (c *auth0Client) Tenant() Tenant             { return Tenant{Domain: c.cfg.Domain, Demo: c.cfg.Demo} }
func (c *auth0Client) Tracker() *pace.Tracker     { return c.tracker }
func (c *auth0Client) Capabilities() Capabilities { return c.scopes.get() }

// pageSize is the largest page Auth0 serves.
const pageSize = limits.MaxPerPage

func (c *auth0Client) Organizations(ctx context.Context, from string) (Page[Organization], error) {
	opts := []management.RequestOption{management.Take(pageSize)}
	if from != "" {
		opts = append(opts, management.From(from))
	}
	l, err := c.m.Organization.List(ctx, opts...)
	if err != nil {
		return Page[Organization]{}, c.classify("list organizations", err)
	}
	p := Page[Organization]{Items: make([]Organization, 0, len(l.Organizations))}
	for _, o := range l.Organizations {
		p.Items = append(p.Items, orgFrom(o))
	}
	if len(l.Organizations) > 0 {
		p.Next = l.Next
	}
	return p, nil
}

// OffsetLimit is how many records offset paging (page, per_page) reaches:
// Auth0 refuses a page past the first 1,000 (400 invalid_paging).
const OffsetLimit = 1000

func (c *auth0Client) OrganizationsSorted(ctx context.Context, field string, desc bool, page string) (Page[Organization], error) {
	n, _ := strconv.Atoi(page)
	order := "1"
	if desc {
		order = "-1"
	}
	l, err := c.m.Organization.List(ctx, management.Page(n), management.PerPage(pageSize), management.Parameter("sort", field+":"+order))
	if err != nil {
		return Page[Organization]{}, c.classify("list organizations", err)
	}
	p := Page[Organization]{Items: make([]Organization, 0, len(l.Organizations))}
	for _, o := range l.Organizations {
		p.Items = append(p.Items, orgFrom(o))
	}
	if len(l.Organizations) == pageSize && (n+2)*pageSize <= OffsetLimit {
		p.Next = strconv.Itoa(n + 1)
	}
	return p, nil
}

func (c *auth0Client) CountOrganizations(ctx context.Context) (int, error) {
	l, err := c.m.Organization.List(ctx, management.PerPage(1), management.IncludeTotals(true))
	if err != nil {
		return 0, c.classify("count organizations", err)
	}
	return l.Total, nil
}

func orgFrom(o *management.Organization) Organization {
	out := Organization{ID: o.GetID(), Name: o.GetName(), DisplayName: o.GetDisplayName(), Metadata: o.GetMetadata()}
	if b := o.Branding; b != nil {
		out.LogoURL, out.Colors = b.GetLogoURL(), b.GetColors()
	}
	out.ThirdPartyAccess, out.AppEntitlement = o.GetThirdPartyClientAccess(), o.GetIsAppEntitlementActive()
	out.HasAppEntitlement = o.IsAppEntitlementActive != nil
	out.TokenQuota = quotaFrom(o)
	return out
}

func (c *auth0Client) Organization(ctx context.Context, id string) (Organization, error) {
	o, err := c.m.Organization.Read(ctx, id)
	if err != nil {
		return Organization{}, c.classify("read organization", err)
	}
	return orgFrom(o), nil
}

func (c *auth0Client) OrganizationByName(ctx context.Context, name string) (Organization, error) {
	o, err := c.m.Organization.ReadByName(ctx, name)
	if err != nil {
		return Organization{}, c.classify("find organization", err)
	}
	return orgFrom(o), nil
}

func (c *auth0Client) DeleteOrganization(ctx context.Context, id string) error {
	err := c.classify("delete organization", c.m.Organization.Delete(ctx, id))
	return c.settle(ctx, "delete organization", err, func(ctx context.Context) (bool, error) {
		_, err := c.Organization(ctx, id)
		if KindOf(err) == NotFound {
			return true, nil // gone: the delete happened
		}
		return false, err
	})
}

func (c *auth0Client) TenantConnections(ctx context.Context) ([]TenantConnection, error) {
	var out []TenantConnection
	for page := 0; ; page++ {
		l, err := c.m.Connection.List(ctx, management.PerPage(pageSize), management.Page(page))
		if err != nil {
			return out, c.classify("list tenant connections", err)
		}
		for _, tc := range l.Connections {
			out = append(out, TenantConnection{ID: tc.GetID(), Name: tc.GetName(), DisplayName: tc.GetDisplayName(), Strategy: tc.GetStrategy()})
		}
		if !l.HasNext() || len(l.Connections) == 0 {
			return out, nil
		}
	}
}

func (c *auth0Client) Invitations(ctx context.Context, orgID string) ([]Invitation, error) {
	var out []Invitation
	for page := 0; page*pageSize < 1000; page++ {
		l, err := c.m.Organization.Invitations(ctx, orgID, management.PerPage(pageSize), management.Page(page))
		if err != nil {
			return out, c.classify("list invitations", err)
		}
		for _, inv := range l.OrganizationInvitations {
			out = append(out, Invitation{ID: inv.GetID(), Invitee: inv.GetInvitee().GetEmail(), Inviter: inv.GetInviter().GetName(),
				CreatedAt: parseTime(inv.GetCreatedAt()), ExpiresAt: parseTime(inv.GetExpiresAt()), Roles: inv.Roles,
				ClientID: inv.GetClientID(), ConnectionID: inv.GetConnectionID(), URL: inv.GetInvitationURL()})
		}
		if len(l.OrganizationInvitations) < pageSize {
			return out, nil
		}
	}
	return out, nil
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
