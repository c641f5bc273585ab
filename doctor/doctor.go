// Package doctor answers on-call's two questions from the Management API
// alone, so it works on a real tenant as on the simulator: why can this
// person not log in to this organization (Why walks the chain a login
// takes, link by link), and what is wrong with this organization (Check,
// Popeye-style findings). Every verdict carries its evidence; a link that
// could not be checked says why (a scope, the budget, a feature the tenant
// lacks) and is never shown as passed. Where orgdash can fix what failed,
// the fix is data (Fix): the dashboard and the CLI apply it as an ordinary,
// confirmed, audited change.
package doctor

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/client"
)

// Verdict is how one link of the chain stands.
type Verdict int

// The verdicts: the link holds, it is broken, or it could not be checked.
const (
	Passed Verdict = iota
	Failed
	Unknown
)

func (v Verdict) String() string { return [...]string{"passed", "failed", "unknown"}[v] }

// MarshalText writes the verdict as its word, for --json.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads the verdict's word, for scripts that read --json back.
func (v *Verdict) UnmarshalText(b []byte) error {
	for _, x := range []Verdict{Passed, Failed, Unknown} {
		if x.String() == string(b) {
			*v = x
			return nil
		}
	}
	return fmt.Errorf("doctor: no verdict %q", b)
}

// Link is one condition a login needs.
type Link struct {
	Name    string  `json:"name"`    // "connection enabled in the organization"
	Verdict Verdict `json:"verdict"` // passed, failed or unknown
	// Reason is what failed, or why it could not be checked.
	Reason string `json:"reason,omitempty"`
	// Scope is the scope whose lack left the link unknown, if that is why.
	Scope    string   `json:"scope,omitempty"`
	Evidence []string `json:"evidence,omitempty"`
	Fix      *Fix     `json:"fix,omitempty"`
	// Values are what on-call copies from the link (a TXT record).
	Values []Value `json:"values,omitempty"`
	// Record marks Auth0's own log of the attempts: evidence of the
	// outcome, not a condition of it.
	Record bool `json:"record,omitempty"`
	// At is when the record's last attempt was made, for a failed one.
	At time.Time `json:"at,omitzero"`
}

// unknownFrom is a link left unknown by err: which scope, the budget, or a
// feature the tenant lacks.
func unknownFrom(name string, err error) Link {
	l := Link{Name: name, Verdict: Unknown, Reason: Unchecked(err)}
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.Forbidden && len(e.Scopes) > 0 {
		l.Scope = strings.Join(e.Scopes, " or ")
		l.Reason = "needs " + l.Scope
	}
	return l
}

// unknownScope is a link not checked because the token lacks a's scope.
func unknownScope(name string, a client.Action, why string) Link {
	l := Link{Name: name, Verdict: Unknown, Reason: why}
	if strings.HasPrefix(why, "needs ") {
		l.Scope = a.Scope()
	}
	return l
}

// Unchecked says in a few words why a read failed, for an unknown link.
func Unchecked(err error) string {
	var e *client.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	switch e.Kind {
	case client.Forbidden:
		if len(e.Scopes) > 0 {
			return "needs " + strings.Join(e.Scopes, " or ")
		}
		return "forbidden: " + e.Message
	case client.RateLimited:
		return "the rate-limit budget is spent; try again when it refills"
	case client.Unsupported:
		return "this tenant lacks the feature: " + e.Message
	}
	return e.Op + ": " + e.Message
}

// LoginFailures are the log event codes of a failed login: a failed
// login, a wrong password, an unknown user, failed cross-origin and silent
// authentication, and the blocks (too many attempts from an IP, too many
// signups, a user blocked after multiple attempts). Not fapi (a failed
// Management API call) nor the other f… codes, which are no logins.
// https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes
var LoginFailures = []string{"f", "fp", "fu", "fcoa", "fsa", "limit_wc", "limit_sul", "limit_mu"}

// loginEvent reports whether e is a login's outcome: a success or one of
// LoginFailures.
func loginEvent(e client.LogEvent) bool {
	return e.Type == "s" || slices.Contains(LoginFailures, e.Type)
}

// can says why a cannot be read with these credentials, or "".
func can(cl client.Client, a client.Action) string {
	return cl.Capabilities().Can(a).Reason
}
