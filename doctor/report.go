package doctor

import (
	"fmt"
	"slices"

	"github.com/orgdash/orgdash/client"
)

// Severity is how much a finding matters.
type Severity int

// The severities: worth knowing, likely to stop some logins, stopping them.
const (
	Notice Severity = iota
	Warning
	Error
)

func (s Severity) String() string { return [...]string{"notice", "warning", "error"}[s] }

// MarshalText writes the severity as its word, for --json.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the severity's word, for scripts that read --json back.
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{Notice, Warning, Error} {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("doctor: no severity %q", b)
}

// The checks, by the name --json and the README use.
const (
	CheckNoConnection    = "no-connection"
	CheckHidden          = "all-connections-hidden"
	CheckConnUnused      = "connection-for-no-application"
	CheckAppNoConn       = "application-without-connection"
	CheckSignup          = "signup-without-membership"
	CheckPendingDomain   = "pending-discovery-domain"
	CheckBlocked         = "blocked-members"
	CheckExpired         = "expired-invitations"
	CheckConnLimit       = "connections-near-limit"
	CheckRoleLimit       = "roles-near-limit"
	CheckFailedLogins    = "recent-failed-logins"
	CheckMemberConn      = "members-connection-not-enabled"
	checkCount           = 12
	nearLimit            = 0.8 // a finding from 80% of an entity limit
	failedLoginsLookback = 24  // hours of failed logins the doctor reads
)

// Checks are every check, in the order they run and show.
var Checks = [checkCount]string{CheckNoConnection, CheckHidden, CheckConnUnused, CheckAppNoConn, CheckSignup,
	CheckPendingDomain, CheckMemberConn, CheckBlocked, CheckExpired, CheckConnLimit, CheckRoleLimit, CheckFailedLogins}

// Finding is one thing wrong with an organization.
type Finding struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Evidence []string `json:"evidence,omitempty"`
	Fix      *Fix     `json:"fix,omitempty"`
	// Values are what on-call copies from the finding (a TXT record's
	// name and value), to paste elsewhere whole.
	Values []Value `json:"values,omitempty"`
}

// Value is one thing worth copying whole: "TXT record value", "auth0-domain-verification=…".
type Value struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// txtValues are a discovery domain's TXT record, to copy.
func txtValues(d client.DiscoveryDomain) []Value {
	return []Value{{Label: "TXT record name", Value: d.TXTHost}, {Label: "TXT record value", Value: d.TXTValue}}
}

// Skipped is a check that could not run, and why.
type Skipped struct {
	Check  string `json:"check"`
	Reason string `json:"reason"`
	Scope  string `json:"scope,omitempty"` // the scope it lacks, when that is why
}

// Report is one organization's checkup.
type Report struct {
	Org      client.Organization `json:"-"`
	Findings []Finding           `json:"findings"`
	Ran      []string            `json:"ran"` // the checks that ran
	Skipped  []Skipped           `json:"skipped,omitempty"`
}

// Problems are the findings of warning or error severity.
func (r Report) Problems() []Finding {
	return slices.DeleteFunc(slices.Clone(r.Findings), func(f Finding) bool { return f.Severity < Warning })
}

// Healthy reports whether every check ran and none found a problem.
func (r Report) Healthy() bool { return len(r.Problems()) == 0 && len(r.Skipped) == 0 }

// ExitCode is the CLI's answer for reports: 1 when any has a problem,
// else 2 when any check could not run, else 0.
func ExitCode(rs []Report) int {
	code := 0
	for _, r := range rs {
		switch {
		case len(r.Problems()) > 0:
			return 1
		case len(r.Skipped) > 0:
			code = 2
		}
	}
	return code
}

// skip records that check could not run: a missing scope, or a read that failed.
func (r *Report) skip(check string, l Link) {
	r.Skipped = append(r.Skipped, Skipped{Check: check, Reason: l.Reason, Scope: l.Scope})
}

func (r *Report) ran(check string) { r.Ran = append(r.Ran, check) }

func (r *Report) find(f Finding) { r.Findings = append(r.Findings, f) }
