package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client/pace"
	"github.com/orgdash/orgdash/limits"
)

// Config says how to reach a tenant.
type Config struct {
	// Domain is the tenant's domain (example.eu.auth0.com, or https://…);
	// http://HOST:PORT is allowed for loopback addresses (the simulator).
	Domain                 string
	ClientID, ClientSecret string // client credentials, or
	APIToken               string // a Management API token

	// Plan is the tenant's rate-limit plan (a name in limits.Plans:
	// AUTH0_PLAN or a profile's plan), when known: calls are then paced by
	// its documented buckets from the first, the global one included.
	Plan string

	Demo      bool              // the embedded simulator
	Transport http.RoundTripper // base transport; http.DefaultTransport when nil
	Tracker   *pace.Tracker     // the tenant's shared budget; a new one when nil

	BatchSize      int           // members per add or remove call (default and most: limits.MaxIDsPerRequest)
	MaxAttempts    int           // attempts per call, on 429 and for reads on 5xx (default 4)
	MaxWait        time.Duration // longest wait for the budget before giving up (default 65s)
	VerifyTimeout  time.Duration // how long to wait for removals to show (default 30s)
	VerifyInterval time.Duration // between listings while verifying (default 2s)
}

// ErrNoCredentials means no profile is chosen and no AUTH0_* variable is
// set (config.Choose says so): orgdash then runs its demo.
var ErrNoCredentials = errors.New("no Auth0 credentials are set")

// Validate checks the settings are complete and consistent.
func (c Config) Validate() error {
	cc := c.ClientID != "" || c.ClientSecret != ""
	switch {
	case c.Domain == "":
		return errors.New("AUTH0_DOMAIN is not set: set it to your tenant's domain, such as example.eu.auth0.com")
	case cc && c.APIToken != "":
		return errors.New("both AUTH0_API_TOKEN and AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET are set: unset one of them")
	case c.ClientID != "" && c.ClientSecret == "":
		return errors.New("AUTH0_CLIENT_ID is set but AUTH0_CLIENT_SECRET is not: set both, or use AUTH0_API_TOKEN instead")
	case c.ClientSecret != "" && c.ClientID == "":
		return errors.New("AUTH0_CLIENT_SECRET is set but AUTH0_CLIENT_ID is not: set both, or use AUTH0_API_TOKEN instead")
	case !cc && c.APIToken == "":
		return errors.New("AUTH0_DOMAIN is set but no credentials are: set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (a machine-to-machine application), or AUTH0_API_TOKEN")
	}
	if _, ok := limits.Plans[c.Plan]; c.Plan != "" && !ok {
		return fmt.Errorf("rate-limit plan %q is not one orgdash knows: set AUTH0_PLAN to one of %s, or leave it unset to learn the budget from the tenant's answers",
			c.Plan, strings.Join(limits.PlanNames(), ", "))
	}
	_, err := c.baseURL()
	return err
}

// baseURL is the tenant's scheme and host.
func (c Config) baseURL() (*url.URL, error) {
	d := c.Domain
	if !strings.Contains(d, "://") {
		d = "https://" + d
	}
	u, err := url.Parse(d)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("AUTH0_DOMAIN %q is not a domain: set it to your tenant's domain, such as example.eu.auth0.com", c.Domain)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("AUTH0_DOMAIN %q uses plain HTTP, which only a local simulator on a loopback address may: use https", c.Domain)
		}
	default:
		return nil, fmt.Errorf("AUTH0_DOMAIN %q: the scheme must be https", c.Domain)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c Config) withDefaults() Config {
	if c.Transport == nil {
		c.Transport = http.DefaultTransport
	}
	if c.Tracker == nil {
		c.Tracker = pace.New()
	}
	if c.Plan != "" {
		_ = c.Tracker.UsePlan(c.Plan) // Validate has said whether it is known
	}
	if c.BatchSize <= 0 || c.BatchSize > limits.MaxIDsPerRequest {
		c.BatchSize = limits.MaxIDsPerRequest
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 4
	}
	if c.MaxWait <= 0 {
		c.MaxWait = 65 * time.Second
	}
	if c.VerifyTimeout <= 0 {
		c.VerifyTimeout = 30 * time.Second
	}
	if c.VerifyInterval <= 0 {
		c.VerifyInterval = 2 * time.Second
	}
	return c
}
