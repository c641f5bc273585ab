package activity

import (
	"cmp"
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
// edit saved, then undone, within the same second: Auth0 dates its events
// to the millisecond), the pairs nearest in time go first, the earlier
// event to the earlier change on a tie, and a change of one call takes
// one: a change does not take the calls of the next. An event left over
// (a call sent again after a lost answer) goes to its nearest change.
func owners(changes []audit.Change, sapi []client.LogEvent, ourClient string) []int {
	type pair struct {
		change, event int
		apart         time.Duration
	}
	var pairs []pair
	for i, e := range sapi {
		for j, c := range changes {
			if belongs(c, e, ourClient) {
				pairs = append(pairs, pair{j, i, outside(c, e)})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if a.apart != b.apart {
			return cmp.Compare(a.apart, b.apart)
		}
		if c := sapi[a.event].Date.Compare(sapi[b.event].Date); c != 0 {
			return c
		}
		return changes[a.change].Intent.Time.Compare(changes[b.change].Intent.Time)
	})
	out := make([]int, len(sapi))
	for i := range out {
		out[i] = -1
	}
	taken := make([]int, len(changes))
	for _, p := range pairs {
		if out[p.event] < 0 && (taken[p.change] == 0 || !oneCall(changes[p.change])) {
			out[p.event] = p.change
			taken[p.change]++
		}
	}
	for _, p := range pairs { // nearest first: a leftover's nearest change
		if out[p.event] < 0 {
			out[p.event] = p.change
		}
	}
	return out
}

// oneCall reports whether change c makes a single call: anything but a
// batch of members and a change of several targets.
func oneCall(c audit.Change) bool {
	a := c.Intent.Action
	return a != "add members" && a != "remove members" && len(c.Intent.Targets) <= 1
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
