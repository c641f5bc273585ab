package sim

import (
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/limits"
)

// Discovery domains (home-realm discovery by email domain), as Auth0's
// Management API reference documents them (organizations/get-discovery-domains
// and its siblings): a domain of 3..255 characters matching the reference's
// pattern, a status of pending or verified, use_for_organization_discovery
// (default true), and the DNS TXT record that proves ownership. The ids,
// the record's host and value, the 404's message and a DELETE of a domain
// already gone answering 204 are as go-auth0's cassettes recorded them
// against a live tenant (TestOrganizationManager_*DiscoveryDomain*).

var discoveryProps = map[string]string{
	"domain":                         "The domain name to associate with the organization e.g. acme.com.",
	"status":                         "The verification status of the discovery domain.",
	"use_for_organization_discovery": "Indicates whether this domain should be used for organization discovery.",
}

var (
	discoveryPatchProps = without(discoveryProps, "domain")
	domainRe            = regexp.MustCompile(`^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$`)
	domainStatuses      = []string{"pending", "verified"}
	errDomainNotFound   = errNotFound("No organization domain found by that id")
	// The answers past the entity limit and for a domain taken are guesses:
	// Auth0 documents the limit and that a domain routes to one organization.
	errTooManyDomains = &apiError{Status: http.StatusConflict,
		Message: "An organization can have at most 100 discovery domains: remove one first."}
	errDomainTaken = &apiError{Status: http.StatusConflict, Message: "The domain is already a discovery domain of an organization."}
)

// discoveryDomain is a domain on the wire, fields in the recorded order.
type discoveryDomain struct {
	seq              int64
	ID               string `json:"id"`
	Domain           string `json:"domain"`
	Status           string `json:"status"`
	VerificationHost string `json:"verification_host"`
	VerificationTXT  string `json:"verification_txt"`
	UseForDiscovery  bool   `json:"use_for_organization_discovery"`
}

type discoveryBody struct {
	Domain          *string `json:"domain"`
	Status          *string `json:"status"`
	UseForDiscovery *bool   `json:"use_for_organization_discovery"`
}

// check validates the status and use fields of b.
func (b discoveryBody) check() *apiError {
	if b.Status != nil && !slices.Contains(domainStatuses, *b.Status) {
		return errBody("'No enum match for: %s' on property status (%s).", *b.Status, discoveryProps["status"])
	}
	return nil
}

func (s *Server) orgOf(r *http.Request) (*org, *apiError) {
	if o := s.t.orgs[r.PathValue("id")]; o != nil {
		return o, nil
	}
	return nil, errOrgNotFound
}

func (s *Server) listDomains(r *http.Request) (int, any, *apiError) {
	o, e := s.orgOf(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := parsePaging(r.URL.Query(), true)
	if e != nil {
		return 0, nil, e
	}
	var page []*discoveryDomain
	next := ""
	for _, d := range o.domains {
		if d.seq <= p.after {
			continue
		}
		if len(page) == p.take {
			next = cursor(page[len(page)-1].seq, page[len(page)-1].ID)
			break
		}
		page = append(page, d)
	}
	if page == nil {
		page = []*discoveryDomain{}
	}
	return http.StatusOK, struct {
		Next    string             `json:"next,omitempty"`
		Domains []*discoveryDomain `json:"domains"`
	}{next, page}, nil
}

func (s *Server) createDomain(r *http.Request) (int, any, *apiError) {
	t := s.t
	o, e := s.orgOf(r)
	if e != nil {
		return 0, nil, e
	}
	var b discoveryBody
	if e := decodeBody(r, &b, discoveryProps); e != nil {
		return 0, nil, e
	}
	if e := requireString(b.Domain, "domain", discoveryProps["domain"], 3, 255); e != nil {
		return 0, nil, e
	}
	if !domainRe.MatchString(*b.Domain) {
		return 0, nil, errBody("'String does not match pattern %s: %s' on property domain (%s).", domainRe, *b.Domain, discoveryProps["domain"])
	}
	if e := b.check(); e != nil {
		return 0, nil, e
	}
	name := strings.ToLower(*b.Domain)
	for _, other := range t.orgs {
		if other.domainByName(name) != nil {
			return 0, nil, errDomainTaken
		}
	}
	if len(o.domains) >= limits.MaxOrgDomains {
		return 0, nil, errTooManyDomains
	}
	d := t.newDomain(o, name, "pending")
	setIf(&d.Status, b.Status)
	setIf(&d.UseForDiscovery, b.UseForDiscovery)
	return http.StatusCreated, d, nil
}

// newDomain adds a discovery domain to o, used for discovery.
func (t *tenant) newDomain(o *org, name, status string) *discoveryDomain {
	d := &discoveryDomain{seq: t.next(), ID: t.newID("ord_", 22), Domain: name, Status: status, UseForDiscovery: true,
		VerificationHost: "_ss-verification." + o.ID + "." + name, VerificationTXT: t.hex(32)}
	o.domains = append(o.domains, d)
	return d
}

func (o *org) domainByName(name string) *discoveryDomain {
	for _, d := range o.domains {
		if d.Domain == strings.ToLower(name) {
			return d
		}
	}
	return nil
}

func (s *Server) domainOf(r *http.Request) (*org, int, *apiError) {
	o, e := s.orgOf(r)
	if e != nil {
		return nil, 0, e
	}
	i := slices.IndexFunc(o.domains, func(d *discoveryDomain) bool { return d.ID == r.PathValue("did") })
	if i < 0 {
		return nil, 0, errDomainNotFound
	}
	return o, i, nil
}

func (s *Server) readDomain(r *http.Request) (int, any, *apiError) {
	o, i, e := s.domainOf(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, o.domains[i], nil
}

func (s *Server) readDomainByName(r *http.Request) (int, any, *apiError) {
	o, e := s.orgOf(r)
	if e != nil {
		return 0, nil, e
	}
	if d := o.domainByName(r.PathValue("domain")); d != nil {
		return http.StatusOK, d, nil
	}
	return 0, nil, errDomainNotFound
}

func (s *Server) updateDomain(r *http.Request) (int, any, *apiError) {
	o, i, e := s.domainOf(r)
	if e != nil {
		return 0, nil, e
	}
	var b discoveryBody
	if e := decodeBody(r, &b, discoveryPatchProps); e != nil {
		return 0, nil, e
	}
	if e := b.check(); e != nil {
		return 0, nil, e
	}
	d := o.domains[i]
	setIf(&d.Status, b.Status)
	setIf(&d.UseForDiscovery, b.UseForDiscovery)
	return http.StatusOK, d, nil
}

// deleteDomain answers 204 for a domain already gone, as recorded.
func (s *Server) deleteDomain(r *http.Request) (int, any, *apiError) {
	o, i, e := s.domainOf(r)
	if e == errDomainNotFound {
		return http.StatusNoContent, nil, nil
	}
	if e != nil {
		return 0, nil, e
	}
	o.domains = slices.Delete(o.domains, i, i+1)
	return http.StatusNoContent, nil, nil
}
