package crossorg

import (
	"context"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Auth0 offers no search of organizations: GET /organizations lists them
// and nothing more. An exact id or name can still be looked up on the
// tenant (GET /organizations/{id}, GET /organizations/name/{name}); any
// other part of a name, display name, id or metadata is matched in the
// organizations the tenant's index listed (Index, kept by the
// cross-organization views), which says how old that listing is.

// OrgMatch is an organization a search found and how.
type OrgMatch struct {
	client.Organization
	// By is what matched: "id", "name", "display name" or "metadata".
	By string
	// Live is true when Auth0 answered it just now (an exact id or name);
	// else it comes from the index's listing.
	Live bool
}

// OrgSearch is a search's answer.
type OrgSearch struct {
	Matches []OrgMatch
	// ListedAt is when the index listed the organizations searched beyond
	// exact lookups; zero when it never has (only exact lookups were made).
	ListedAt time.Time
}

// FindOrganizations finds organizations by name, display name, id or
// metadata (a key, a value, or key=value): at most two calls, for an exact
// id and an exact name, then the index's listing, which costs none.
func FindOrganizations(ctx context.Context, cl client.Client, text string) (OrgSearch, error) {
	text = strings.TrimSpace(text)
	var out OrgSearch
	if text == "" {
		return out, nil
	}
	seen := map[string]bool{}
	live := func(by string, get func() (client.Organization, error)) error {
		o, err := get()
		if client.KindOf(err) == client.NotFound || client.KindOf(err) == client.Invalid {
			return nil
		}
		if err != nil {
			return err
		}
		seen[o.ID] = true
		out.Matches = append(out.Matches, OrgMatch{Organization: o, By: by, Live: true})
		return nil
	}
	if strings.HasPrefix(text, "org_") && !strings.ContainsAny(text, "/ ") {
		if err := live("id", func() (client.Organization, error) { return cl.Organization(ctx, text) }); err != nil {
			return out, err
		}
	}
	if client.IsOrgName(text) {
		if err := live("name", func() (client.Organization, error) { return cl.OrganizationByName(ctx, text) }); err != nil {
			return out, err
		}
	}
	orgs, at := IndexOf(cl).listed()
	out.ListedAt = at
	for _, o := range orgs {
		if by := orgMatches(o, text); by != "" && !seen[o.ID] {
			seen[o.ID] = true
			out.Matches = append(out.Matches, OrgMatch{Organization: o, By: by})
		}
	}
	return out, nil
}

// orgMatches says what of o contains text, case-insensitively ("" for nothing).
func orgMatches(o client.Organization, text string) string {
	t := strings.ToLower(text)
	has := func(s string) bool { return strings.Contains(strings.ToLower(s), t) }
	switch {
	case has(o.Name):
		return "name"
	case has(o.DisplayName):
		return "display name"
	case has(o.ID):
		return "id"
	}
	k, v, pair := strings.Cut(text, "=")
	for mk, mv := range o.Metadata {
		if (pair && strings.EqualFold(mk, k) && strings.EqualFold(mv, v)) || (!pair && (has(mk) || has(mv))) {
			return "metadata"
		}
	}
	return ""
}

// listed are the organizations the index listed, and when.
func (x *Index) listed() ([]client.Organization, time.Time) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.orgs, x.listedAt
}
