package activity

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
)

// belongs reports whether sapi event e is one of the calls of change c.
func belongs(c audit.Change, e client.LogEvent, ourClient string) bool {
	it := c.Intent
	r := requestOf(e)
	if r.AdminID != "" || (ourClient != "" && e.ClientID != "" && e.ClientID != ourClient) || !during(c, e) {
		return false
	}
	if tc, ok := tenantCalls[it.Action]; ok { // a call on the user or the connection the target names
		s := segments(r.Path)
		return r.Method == tc.method && len(s) >= 2 && s[0] == tc.resource && len(it.Targets) == 1 &&
			s[1] == firstOf(strings.Fields(it.Targets[0])...)
	}
	want, ok := actionCalls[it.Action]
	if !ok || r.Method != want.method || resourceOf(r.Path) != want.resource {
		return false
	}
	if it.Action == "create organization" {
		return len(it.Targets) == 1 && str(r.Body, "name") == it.Targets[0]
	}
	if org, _ := sapiOrg(e); org != it.Org {
		return false
	}
	if want.resource == "members" { // a batch of the bulk change: any of its members
		ids, _ := dig(r.Body, "members").([]any)
		return slices.ContainsFunc(ids, func(id any) bool { s, _ := id.(string); return slices.Contains(it.Targets, s) })
	}
	if want.resource == "" || len(it.Targets) != 1 {
		return true
	}
	target := it.Targets[0]
	if slices.Contains(segments(r.Path), target) {
		return true
	}
	raw, _ := json.Marshal(r.Body)
	return strings.Contains(string(raw), target)
}

// owners are, for each sapi event, the index of the change among changes
// whose call it is (-1 none). Where several changes could have made it (an
// edit saved, then undone, seconds apart), it is the one it was logged
// while (or nearest to), and of those the last begun: a change does not
// take the calls of the next.
func owners(changes []audit.Change, sapi []client.LogEvent, ourClient string) []int {
	out := make([]int, len(sapi))
	for i, e := range sapi {
		out[i] = -1
		var best time.Duration
		for j, c := range changes {
			if !belongs(c, e, ourClient) {
				continue
			}
			d := outside(c, e)
			if out[i] < 0 || d < best || (d == best && !c.Intent.Time.Before(changes[out[i]].Intent.Time)) {
				out[i], best = j, d
			}
		}
	}
	return out
}

// outside is how far before change c began, or after it ended, e was
// logged: 0 while it ran.
func outside(c audit.Change, e client.LogEvent) time.Duration {
	end := c.Intent.Time.Add(interruptedSpan)
	if c.Outcome != nil {
		end = c.Outcome.Time
	}
	switch {
	case e.Date.Before(c.Intent.Time):
		return c.Intent.Time.Sub(e.Date)
	case e.Date.After(end):
		return e.Date.Sub(end)
	}
	return 0
}

// during reports whether e was logged while change c ran (± Slack).
func during(c audit.Change, e client.LogEvent) bool {
	it := c.Intent
	end := it.Time.Add(interruptedSpan)
	if c.Outcome != nil {
		end = c.Outcome.Time
	}
	return !e.Date.Before(it.Time.Add(-Slack)) && !e.Date.After(end.Add(Slack))
}
