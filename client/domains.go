package client

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

// DiscoveryDomain is an email domain whose people Auth0 routes to an
// organization at login (home-realm discovery), once its ownership is
// proved by a DNS TXT record.
type DiscoveryDomain struct {
	ID, Domain      string
	Verified        bool // else pending
	UseForDiscovery bool // routes logins; a verified domain can be kept without
	TXTHost         string
	TXTValue        string // the record to create at TXTHost
}

// domainRe is the reference's pattern for a discovery domain.
var domainRe = regexp.MustCompile(`^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$`)

// CheckDomain applies Auth0's rules for a discovery domain before any call:
// 3 to 255 characters of dot-separated labels.
func CheckDomain(d string) error {
	switch {
	case len(d) < 3 || len(d) > 255:
		return fmt.Errorf("a domain is 3 to 255 characters")
	case !domainRe.MatchString(d) || !strings.Contains(d, "."):
		return fmt.Errorf("%q is not a domain name such as example.com", d)
	}
	return nil
}

// domainsMissing is until when the tenant is taken to lack discovery
// domains: the collection route answered Auth0's route-level 404.
type domainsMissing struct{ until atomic.Value }

func (d *domainsMissing) known() bool {
	until, _ := d.until.Load().(time.Time)
	return time.Now().Before(until)
}

func (d *domainsMissing) set(on bool) {
	var until time.Time
	if on {
		until = time.Now().Add(legacyFor)
	}
	d.until.Store(until)
}

var errNoDomains = &Error{Kind: Unsupported, Op: "list discovery domains", Message: "this tenant has no discovery domains"}

func fromSDKDomain(d *management.OrganizationDiscoveryDomain) DiscoveryDomain {
	return DiscoveryDomain{ID: d.GetID(), Domain: d.GetDomain(), Verified: d.GetStatus() == "verified",
		UseForDiscovery: d.UseForOrganizationDiscovery == nil || *d.UseForOrganizationDiscovery,
		TXTHost:         d.GetVerificationHost(), TXTValue: d.GetVerificationTXT()}
}

// DomainStatus is Auth0's status word for a domain verified or not.
func DomainStatus(verified bool) string {
	if verified {
		return "verified"
	}
	return "pending"
}

func (c *auth0Client) DiscoveryDomains(ctx context.Context, orgID string) ([]DiscoveryDomain, error) {
	if c.noDomains.known() {
		return nil, errNoDomains
	}
	var out []DiscoveryDomain
	for from := ""; ; {
		opts := []management.RequestOption{management.Take(pageSize)}
		if from != "" {
			opts = append(opts, management.From(from))
		}
		l, err := c.m.Organization.DiscoveryDomains(ctx, orgID, opts...)
		if routeMissing(err) {
			c.noDomains.set(true)
			return nil, errNoDomains
		}
		if err != nil {
			return out, c.classify("list discovery domains", err)
		}
		c.noDomains.set(false)
		for _, d := range l.Domains {
			out = append(out, fromSDKDomain(d))
		}
		if l.Next == "" || len(l.Domains) == 0 {
			return out, nil
		}
		from = l.Next
	}
}

func (c *auth0Client) AddDiscoveryDomain(ctx context.Context, orgID string, spec DiscoveryDomain) (DiscoveryDomain, error) {
	const op = "add discovery domain"
	domain := spec.Domain
	if err := CheckDomain(domain); err != nil {
		return DiscoveryDomain{}, &Error{Kind: Invalid, Op: op, Message: err.Error()}
	}
	d := &management.OrganizationDiscoveryDomain{Domain: &domain, Status: auth0.String(DomainStatus(spec.Verified)),
		UseForOrganizationDiscovery: &spec.UseForDiscovery}
	err := c.classify(op, c.m.Organization.CreateDiscoveryDomain(ctx, orgID, d))
	// a lost answer is read back: the name says whether it was added
	err = c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		got, err := c.m.Organization.DiscoveryDomainByName(ctx, orgID, strings.ToLower(domain))
		if e := c.classify("read discovery domain", err); KindOf(e) == NotFound {
			return false, nil
		} else if e != nil {
			return false, e
		}
		d = got
		return true, nil
	})
	if err != nil {
		return DiscoveryDomain{}, err
	}
	return fromSDKDomain(d), nil
}

func (c *auth0Client) UpdateDiscoveryDomain(ctx context.Context, orgID, id string, verified, useForDiscovery bool) (DiscoveryDomain, error) {
	const op = "edit discovery domain"
	d := &management.OrganizationDiscoveryDomain{Status: auth0.String(DomainStatus(verified)), UseForOrganizationDiscovery: &useForDiscovery}
	// not the SDK's UpdateDiscoveryDomain: it decodes the answer into a
	// copy it then drops, so the domain's id and record would be lost
	err := c.classify(op, c.m.Request(ctx, "PATCH", c.m.URI("organizations", orgID, "discovery-domains", id), d))
	err = c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		got, err := c.m.Organization.DiscoveryDomain(ctx, orgID, id)
		if err != nil {
			return false, c.classify("read discovery domain", err)
		}
		d = got
		back := fromSDKDomain(got)
		return back.Verified == verified && back.UseForDiscovery == useForDiscovery, nil
	})
	if err != nil {
		return DiscoveryDomain{}, err
	}
	return fromSDKDomain(d), nil
}

// RemoveDiscoveryDomain is safe to repeat: Auth0 answers 204 for a domain
// already gone.
func (c *auth0Client) RemoveDiscoveryDomain(ctx context.Context, orgID, id string) error {
	const op = "remove discovery domain"
	if id == "" {
		return &Error{Kind: Invalid, Op: op, Message: "no domain given"} // else the collection's URL
	}
	err := c.classify(op, c.m.Organization.DeleteDiscoveryDomain(ctx, orgID, id))
	return c.settle(ctx, op, err, func(ctx context.Context) (bool, error) {
		_, err := c.m.Organization.DiscoveryDomain(ctx, orgID, id)
		if e := c.classify("read discovery domain", err); KindOf(e) == NotFound {
			return true, nil
		}
		return false, c.classify("read discovery domain", err)
	})
}
