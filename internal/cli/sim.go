package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/sim"
	"github.com/spf13/cobra"
)

// simFlags are the flags of `orgdash sim`; other tools script against their names.
type simFlags struct {
	addr, clientID, clientSecret string
	tlsCert, tlsKey              string
	empty, noConnectionsAPI      bool
	noDomains                    bool
	noEvents                     bool
	noOrgClients, noOrgRoles     bool
	noGroups, noTemplates        bool
	seed                         int64
	orgs, members                int
	removalDelay                 string
	rate, faults, plan           string
	retryAfter, outsideGlobal    bool
	scopes                       string
	clients                      []string
}

func simCmd() *cobra.Command {
	var f simFlags
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Run the simulated Auth0 tenant alone, for other tools to use",
		Long: `sim serves a simulated Auth0 tenant's Management API (and POST /oauth/token for
the client credentials grant) over real HTTP, with Auth0's paging, errors,
scopes, rate limits and eventual consistency. Point the Auth0 Go SDK, the Auth0
CLI or a curl script at it with the variables it prints.`,
		Example: `  orgdash sim
  orgdash sim --addr 127.0.0.1:4443 --tls-cert cert.pem --tls-key key.pem --empty
  orgdash sim --plan essentials --retry-after
  orgdash sim --scopes "read:organizations read:organization_members" --client ops:ops-secret:read:users,delete:organization_members
  orgdash sim --rate 2:10 --faults latency=20ms-200ms,error=5%,drop=1%
  orgdash sim --orgs 100000 --members 100000 --removal-delay 0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := f.options()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runSim(ctx, cmd.OutOrStdout(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:4000", "`HOST:PORT` to listen on")
	fl.StringVar(&f.clientID, "client-id", "", "client id of the client credentials client (default generated)")
	fl.StringVar(&f.clientSecret, "client-secret", "", "its secret (default generated)")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "certificate `FILE` (PEM): serve HTTPS")
	fl.StringVar(&f.tlsKey, "tls-key", "", "private key `FILE` (PEM) for --tls-cert")
	fl.BoolVar(&f.empty, "empty", false, "no demo organizations: only the database connection and the client")
	fl.Int64Var(&f.seed, "seed", 1, "seed of the demo data, ids, removal delays and faults")
	fl.IntVar(&f.orgs, "orgs", 150, "demo organizations (1 to 100000)")
	fl.IntVar(&f.members, "members", 5000, "members of the largest demo organization (1 to 100000)")
	fl.StringVar(&f.removalDelay, "removal-delay", "5s-10s", "how long a removed member keeps listing: `DURATION` or MIN-MAX (0 = immediate)")
	fl.StringVar(&f.plan, "plan", "enterprise", "the subscription whose Management API rate limits apply: `NAME`, one of "+strings.Join(limits.PlanNames(), ", ")+", or off")
	fl.BoolVar(&f.outsideGlobal, "groups-outside-global", false, "an endpoint group's requests do not also spend the global bucket (the enterprise page's reading)")
	fl.BoolVar(&f.retryAfter, "retry-after", false, "send Retry-After on a 429 (Auth0 documents none)")
	fl.StringVar(&f.rate, "rate", "", "one global bucket of `PER_SECOND:BURST` in place of the plan (for tests), or off")
	fl.StringVar(&f.scopes, "scopes", "", "the printed client's scopes, space-separated (default: every scope)")
	fl.StringArrayVar(&f.clients, "client", nil, "one more client credentials client, `ID:SECRET:SCOPE,SCOPE,…` (repeatable)")
	fl.StringVar(&f.faults, "faults", "off", "faults to inject: `SPEC` such as latency=20ms-200ms,error=5%,drop=1%,truncate=1%")
	fl.BoolVar(&f.noConnectionsAPI, "no-connections-api", false, "a tenant without the newer /organizations/{id}/connections family")
	fl.BoolVar(&f.noDomains, "no-discovery-domains", false, "a tenant without /organizations/{id}/discovery-domains")
	fl.BoolVar(&f.noEvents, "no-events-api", false, "a tenant without GET /api/v2/events (the Events API)")
	fl.BoolVar(&f.noOrgClients, "no-organization-clients", false, "a tenant without organization applications (/organizations/{id}/clients, Early Access)")
	fl.BoolVar(&f.noOrgRoles, "no-organization-roles", false, "a tenant without organization-level roles (Early Access)")
	fl.BoolVar(&f.noGroups, "no-groups", false, "a tenant without groups in organizations (/organizations/{id}/groups, Early Access)")
	fl.BoolVar(&f.noTemplates, "no-organization-templates", false, "a tenant without organization templates (Early Access)")
	return cmd
}

// options checks the flags and turns them into the simulator's options.
func (f simFlags) options() (sim.Options, error) {
	o := sim.DefaultOptions()
	o.Seed, o.Empty, o.NoConnectionsAPI, o.NoDiscoveryDomains = f.seed, f.empty, f.noConnectionsAPI, f.noDomains
	o.NoEventsAPI = f.noEvents
	o.NoOrgClients, o.NoOrgRoles, o.NoGroups, o.NoOrgTemplates = f.noOrgClients, f.noOrgRoles, f.noGroups, f.noTemplates
	o.ClientID, o.ClientSecret = f.clientID, f.clientSecret
	if f.orgs < 1 || f.orgs > limits.MaxOrgs {
		return o, usagef("--orgs %d: want 1 to %d (Auth0's limit of organizations per tenant)", f.orgs, limits.MaxOrgs)
	}
	if f.members < 1 || f.members > limits.MaxMembers {
		return o, usagef("--members %d: want 1 to %d (Auth0's limit of members per organization)", f.members, limits.MaxMembers)
	}
	o.Orgs, o.Members = f.orgs, f.members
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return o, usagef("--tls-cert and --tls-key go together")
	}
	var err error
	if o.RemovalDelayMin, o.RemovalDelayMax, err = parseDelay(f.removalDelay); err != nil {
		return o, usagef("--removal-delay %q: %v", f.removalDelay, err)
	}
	switch {
	case f.plan == "off":
		o.Plan = ""
	case limits.Plans[f.plan].Name == "":
		return o, usagef("--plan %q: one of %s, or off", f.plan, strings.Join(limits.PlanNames(), ", "))
	default:
		o.Plan = f.plan
	}
	o.RetryAfter, o.GroupsOutsideGlobal = f.retryAfter, f.outsideGlobal
	if f.rate != "" {
		if o.Rate, o.Burst, err = parseRate(f.rate); err != nil {
			return o, usagef("--rate %q: %v", f.rate, err)
		}
		o.Plan = "" // one bucket for tests, in place of the plan; "off" turns limits off altogether
	}
	if f.scopes != "" {
		o.Scopes = strings.Fields(f.scopes)
		if e := knownScopes(o.Scopes); e != nil {
			return o, usagef("--scopes: %v", e)
		}
	}
	for _, c := range f.clients {
		id, rest, ok1 := strings.Cut(c, ":")
		secret, scopes, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 || id == "" || len(secret) < 8 {
			return o, usagef("--client %q: want ID:SECRET:SCOPE,SCOPE,… with a secret of 8 characters or more", c)
		}
		cl := sim.ClientSpec{ID: id, Secret: secret, Scopes: strings.FieldsFunc(scopes, func(r rune) bool { return r == ',' || r == ' ' })}
		if e := knownScopes(cl.Scopes); e != nil {
			return o, usagef("--client %s: %v", id, e)
		}
		o.Clients = append(o.Clients, cl)
	}
	if o.Faults, err = sim.ParseFaults(f.faults); err != nil {
		return o, usagef("--faults: %v", err)
	}
	return o, nil
}

// knownScopes refuses a scope the simulator does not know: a typo would
// otherwise make a client that silently lacks what was meant.
func knownScopes(scopes []string) error {
	for _, sc := range scopes {
		if !slices.Contains(sim.AllScopes, sc) {
			return fmt.Errorf("unknown scope %q", sc)
		}
	}
	return nil
}

func parseDelay(s string) (lo, hi time.Duration, err error) {
	if s == "0" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "-")
	if lo, err = time.ParseDuration(a); err != nil {
		return 0, 0, fmt.Errorf("want a duration such as 7s, or a range such as 5s-10s")
	}
	hi = lo
	if isRange {
		if hi, err = time.ParseDuration(b); err != nil || hi < lo {
			return 0, 0, fmt.Errorf("want a range from low to high, such as 5s-10s")
		}
	}
	if lo < 0 {
		return 0, 0, fmt.Errorf("a delay cannot be negative")
	}
	return lo, hi, nil
}

func parseRate(s string) (float64, int, error) {
	if s == "off" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, ":")
	perSec, err1 := strconv.ParseFloat(a, 64)
	burst, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || perSec <= 0 || burst < 1 {
		return 0, 0, fmt.Errorf("want PER_SECOND:BURST such as 16:50 or 2:10, or off")
	}
	return perSec, burst, nil
}

// holdHeapNearData sets a soft memory limit 48 MB above what the process
// holds once the tenant is built, unless GOMEMLIMIT says otherwise. Every
// request leaves garbage; by default Go lets the heap grow to twice the live
// data before collecting, which at Auth0's entity limits (250 MB of tenant)
// meant 570 MB resident after 3,000 GETs. The limit is soft: a tenant that
// grows past it is collected more often, never refused.
func holdHeapNearData() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetMemoryLimit(int64(m.Sys-m.HeapReleased) + 48<<20)
}

// runSim serves until ctx ends, printing how to reach the tenant.
func runSim(ctx context.Context, out io.Writer, f simFlags, opts sim.Options) error {
	start := time.Now()
	s, err := sim.New(opts)
	if err != nil {
		return err
	}
	debug.FreeOSMemory() // building the demo data left garbage: give it back before serving
	holdHeapNearData()
	run, err := s.Start(f.addr, f.tlsCert, f.tlsKey)
	if err != nil {
		return fmt.Errorf("cannot serve on %s: %w", f.addr, err)
	}
	data := fmt.Sprintf("demo data, seed %d", opts.Seed)
	if opts.Empty {
		data = "empty"
	}
	rate := "no rate limit"
	switch {
	case opts.Rate > 0:
		rate = fmt.Sprintf("one rate-limit bucket of %g/s, burst %d", opts.Rate, opts.Burst)
	case opts.Plan != "":
		p := limits.Plans[opts.Plan]
		rate = "plan " + p.Name + " (auth0.com/docs/…/" + p.Page + ")"
	}
	secret := s.ClientSecret()
	if f.clientSecret != "" {
		secret = "(the --client-secret you gave)"
	}
	fmt.Fprintf(out, "orgdash sim: a simulated Auth0 tenant (%s) on %s, ready in %s\n", data, run.URL, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(out, "  %s · member removal shows after %s · faults %s\n", rate, delayText(opts), opts.Faults)
	if opts.Rate == 0 && opts.Plan != "" {
		how := "every request spends the global bucket, then its group's"
		if opts.GroupsOutsideGlobal {
			how = "a group's requests spend only the group's bucket"
		}
		fmt.Fprintf(out, "  buckets (%s; headers describe the group's bucket where there is one; Retry-After %s):\n%s",
			how, map[bool]string{true: "on", false: "off"}[opts.RetryAfter], limits.Plans[opts.Plan].Describe())
	}
	if f.scopes != "" {
		fmt.Fprintf(out, "  the client below has only: %s\n", f.scopes)
	}
	for _, c := range opts.Clients {
		fmt.Fprintf(out, "  client %s: %s\n", c.ID, strings.Join(c.Scopes, " "))
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "  export AUTH0_DOMAIN=%s\n  export AUTH0_CLIENT_ID=%s\n  export AUTH0_CLIENT_SECRET=%s\n\n",
		domainFor(run.URL), s.ClientID(), secret)
	fmt.Fprintln(out, "Ctrl+C stops it.")
	select {
	case <-ctx.Done():
	case err := <-run.Done():
		return err
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Fprintln(out, "orgdash sim: stopping")
	return run.Close(shut)
}

// domainFor is what AUTH0_DOMAIN should say: the bare host for HTTPS, as
// for a real tenant, and the full URL for plain HTTP on loopback.
func domainFor(url string) string {
	if host, ok := strings.CutPrefix(url, "https://"); ok {
		return host
	}
	return url
}

func delayText(o sim.Options) string {
	switch {
	case o.RemovalDelayMax == 0:
		return "at once"
	case o.RemovalDelayMin == o.RemovalDelayMax:
		return o.RemovalDelayMin.String()
	}
	return o.RemovalDelayMin.String() + "–" + o.RemovalDelayMax.String()
}
