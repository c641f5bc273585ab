package doctor

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/doctor"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
)

// A question that names the person by something other than an email
// (":why ines acme") is first a search: the people the tenant finds by
// it. One found is asked about by their email; several are offered to
// choose from; none is said plainly, with nothing walked.

// peopleMsg carries the people found by the question's text.
type peopleMsg struct {
	seq    int
	people []client.User
	err    error
}

// partMsg completes the question with what was picked: a person's
// email, or an organization.
type partMsg struct {
	seq        int
	email, org string
}

// findPeople looks for the people the question's text names.
func (m *Why) findPeople() tea.Cmd {
	ctx, cl, text, seq := m.c.Ctx, m.c.Client, m.q.Email, m.seq
	return func() tea.Msg {
		people, err := doctor.PeopleCalled(ctx, cl, text)
		return peopleMsg{seq: seq, people: people, err: err}
	}
}

// onPeople asks about the one person found, offers several, or says
// that no one is called that.
func (m *Why) onPeople(msg peopleMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	text := common.Clean(m.q.Email)
	switch {
	case msg.err != nil:
		m.loading, m.err = false, fmt.Errorf("%s is not an email, and looking for people called that failed: %s", text, common.Explain(msg.err))
	case len(msg.people) == 0:
		m.loading, m.err = false, fmt.Errorf("%s is not an email, and no one in this tenant is called that: ask with the person's email (:why EMAIL ORG)", text)
	case len(msg.people) == 1:
		m.q.Email = msg.people[0].Email
		return tea.Batch(m.Init(), common.Status(common.Info, text+" is "+common.Clean(msg.people[0].Email)))
	default:
		many := fmt.Sprintf("%d people are", len(msg.people))
		if len(msg.people) >= client.MaxFound { // the search's one page: there may be more
			many = fmt.Sprintf("at least %d people are", len(msg.people))
		}
		return offer(m, "Which "+text+"?", msg.people,
			func(u client.User) string { return common.Clean(u.Email) + "  " + common.Clean(u.Name) },
			func(u client.User) partMsg { return partMsg{email: u.Email} },
			fmt.Errorf("%s is not an email: %s called that; choose one, or ask with their email (:why EMAIL ORG)", text, many))
	}
	return nil
}

// offer lets the user choose, among found, what the question lacks: each
// labelled; picking one completes the question with part(it). why says
// meanwhile what the question waits for.
func offer[T any](m *Why, title string, found []T, label func(T) string, part func(T) partMsg, why error) tea.Cmd {
	m.loading, m.err = false, why
	items := make([]dialog.Item, 0, len(found))
	for _, f := range found {
		p := part(f)
		p.seq = m.seq
		items = append(items, dialog.Item{Label: label(f), Then: func() tea.Msg { return p }})
	}
	return dialog.Open(dialog.NewMenu(m.c, title, items).Filterable())
}

// onPart asks the question completed with what was picked.
func (m *Why) onPart(msg partMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil
	}
	if msg.email != "" {
		m.q.Email = msg.email
	}
	if msg.org != "" {
		m.q.Org = msg.org
	}
	m.err = nil
	return m.Init()
}
