package doctor

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
)

// A question that names no organization (":why EMAIL" away from any
// organization) is asked about the person's organizations: the one they
// are in is walked; several are offered to choose from; none is said
// plainly, with nothing walked.

// orgsMsg carries the organizations the question's person is in.
type orgsMsg struct {
	seq    int
	orgs   []client.Organization
	people int // how many users have the email
	err    error
}

// findOrgs reads the organizations of the question's person.
func (m *Why) findOrgs() tea.Cmd {
	ctx, cl, email, seq := m.c.Ctx, m.c.Client, m.q.Email, m.seq
	return func() tea.Msg {
		orgs, people, err := doctor.OrganizationsOf(ctx, cl, email)
		return orgsMsg{seq: seq, orgs: orgs, people: people, err: err}
	}
}

// onOrgs walks the chain for the person's one organization, offers
// several, or says they are in none.
func (m *Why) onOrgs(msg orgsMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	email := common.Clean(m.q.Email)
	switch {
	case msg.err != nil:
		m.loading, m.err = false, fmt.Errorf("no organization was named, and finding %s's failed: %s", email, common.Explain(msg.err))
	case msg.people == 0:
		m.loading, m.err = false, fmt.Errorf("no user in this tenant has the email %s: ask about the organization they try to log in to (:why %s ORG) to see whether they could sign up", email, email)
	case len(msg.orgs) == 0:
		m.loading, m.err = false, fmt.Errorf("%s is a member of no organization: ask about the one they try to log in to (:why %s ORG)", email, email)
	case len(msg.orgs) == 1:
		m.q.Org = msg.orgs[0].Name
		return tea.Batch(m.Init(), common.Status(common.Info, email+" is a member of "+common.Clean(m.q.Org)+" only: asking about it"))
	default:
		return offer(m, "Log in to which organization?", msg.orgs,
			func(o client.Organization) string {
				if o.DisplayName == "" || o.DisplayName == o.Name {
					return common.Clean(o.Name)
				}
				return common.Clean(o.Name) + "  " + common.Clean(o.DisplayName)
			},
			func(o client.Organization) partMsg { return partMsg{org: o.Name} },
			fmt.Errorf("%s is a member of %d organizations: choose the one they try to log in to (or :why %s ORG)", email, len(msg.orgs), email))
	}
	return nil
}

// title is the question as the screen asks it.
func (m *Why) title() string {
	q := "Why can't " + common.Clean(m.q.Email) + " log in"
	if strings.TrimSpace(m.q.Org) == "" {
		return q + "?"
	}
	return q + " to " + common.Clean(m.q.Org) + "?"
}
