package doctor

import (
	"context"
	"fmt"
	"slices"

	"github.com/orgdash/orgdash/client"
)

// Progress is how far an organization's checkup is: its step and, while
// it reads members, the pages read of those there are (0 when not known).
type Progress struct {
	Org        string `json:"organization"`
	Step       string `json:"step"`
	Pages      int    `json:"pages,omitempty"`
	TotalPages int    `json:"total_pages,omitempty"`
}

func (p Progress) String() string {
	switch {
	case p.TotalPages > 0:
		return fmt.Sprintf("%s: page %d of %d", p.Step, p.Pages, p.TotalPages)
	case p.Pages > 0:
		return fmt.Sprintf("%s: page %d", p.Step, p.Pages)
	}
	return p.Step
}

func (c *checkup) progress(p Progress) {
	if c.watch != nil {
		p.Org = c.r.Org.Name
		c.watch(p)
	}
}

func (c *checkup) step(what string) { c.progress(Progress{Step: what}) }

// Recheck runs again only checks (and the checks that share their reads)
// on prev's organization, with a fresh survey, and returns prev with
// their results in place of the old ones: after a fix, only what it
// touched is read again (members only when a check is on them).
func Recheck(ctx context.Context, cl client.Client, prev Report, checks []string, watch func(Progress)) Report {
	c := &checkup{ctx: ctx, cl: cl, s: NewSurvey(ctx, cl), r: Report{Org: prev.Org}, watch: watch, only: map[string]bool{}}
	for _, check := range checks {
		group := []string{check}
		for _, g := range [][]string{connChecks, {CheckMemberConn, CheckBlocked, CheckRoleLimit}} {
			if slices.Contains(g, check) {
				group = g
			}
		}
		for _, ch := range group {
			c.only[ch] = true
		}
	}
	c.run()
	out := Report{Org: prev.Org}
	redone := func(ch string) bool { return c.only[ch] }
	for _, ch := range Checks {
		if redone(ch) && slices.Contains(c.r.Ran, ch) || !redone(ch) && slices.Contains(prev.Ran, ch) {
			out.Ran = append(out.Ran, ch)
		}
	}
	for _, f := range prev.Findings {
		if !redone(f.Check) {
			out.Findings = append(out.Findings, f)
		}
	}
	out.Findings = append(out.Findings, c.r.Findings...)
	slices.SortStableFunc(out.Findings, func(a, b Finding) int { return int(b.Severity) - int(a.Severity) })
	for _, s := range prev.Skipped {
		if !redone(s.Check) {
			out.Skipped = append(out.Skipped, s)
		}
	}
	out.Skipped = append(out.Skipped, c.r.Skipped...)
	return out
}
