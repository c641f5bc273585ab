package users

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/orgdash/orgdash/doctor"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client"
	"github.com/orgdash/orgdash/client/crossorg"
	"github.com/orgdash/orgdash/limits"
	"github.com/orgdash/orgdash/ui/across"
	"github.com/orgdash/orgdash/ui/common"
	"github.com/orgdash/orgdash/ui/dialog"
	uidoctor "github.com/orgdash/orgdash/ui/doctor"
)

// actions are what can change about the person: removing them from the
// marked organizations (or the one under the cursor), adding them to another.
func (m *Orgs) actions() common.Actions {
	k := m.c.Keys
	targets := m.list.Targets()
	ms, ok := m.list.Selected()
	return common.Actions{
		{Key: k.Remove, Label: fmt.Sprintf("Remove from %d…", len(targets)), Needs: []client.Action{client.RemoveMembers},
			Unavailable: m.Idle, Run: func() tea.Cmd { return m.Plan(m.removal(targets)) }},
		{Key: k.Add, Label: "Add to another organization…", Needs: []client.Action{client.AddMembers},
			Unavailable: func() string { return m.Bulk().Busy(m.c) }, Run: m.addForm},
		uidoctor.WhyAction(m.c, doctor.Question{Email: m.user.Email, Org: ms.Org.Name}, ok),
	}
}

// membershipErr turns one member's result into a step's error.
func membershipErr(rs []client.MemberResult) error {
	if len(rs) == 0 {
		return nil
	}
	switch r := rs[0]; r.Outcome {
	case client.Done, client.Confirmed, client.Absent:
		return nil
	case client.Unverified:
		return &client.Error{Kind: client.Undetermined, Message: "sent, but the tenant still listed them when we stopped looking"}
	case client.Cancelled:
		return &client.Error{Kind: client.NotSent, Message: "not sent"}
	default:
		if r.Err != nil {
			return r.Err
		}
		return errors.New(r.Outcome.String())
	}
}

// removal is removing the person from ms; undone by adding them back
// with the roles they had.
func (m *Orgs) removal(ms []Membership) *across.Bulk {
	cl, uid, who := m.c.Client, m.user.UserID, common.Clean(cmp.Or(m.user.Email, m.user.UserID))
	had := map[string]Membership{}
	for _, x := range ms {
		had[x.Org.ID] = x
	}
	verb := "remove " + who
	var mu sync.Mutex
	gone := map[string]bool{} // not a member any more before this change: nothing to put back
	a := crossorg.NewJob(verb, limits.OrgMembersWrite, m.Orgs(ms), func(ctx context.Context, o client.Organization) error {
		ctx = audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{uid: m.user.Email}})
		rs := cl.RemoveMembers(ctx, o.ID, []string{uid})
		if len(rs) > 0 && rs[0].Outcome == client.Absent {
			mu.Lock()
			gone[o.ID] = true
			mu.Unlock()
		}
		return membershipErr(rs)
	})
	return &across.Bulk{Scope: m.scope(), Tab: common.Members, Verb: verb, Past: "removed " + who, Prep: "from", A: a,
		Curl: func(o client.Organization) string {
			return across.Curl(m.c, "DELETE", []string{"organizations", o.ID, "members"}, map[string]any{"members": []string{uid}})
		},
		Reverse: func(applied []client.Organization) *across.Bulk {
			mu.Lock()
			defer mu.Unlock()
			var back []Membership
			for _, o := range applied {
				if !gone[o.ID] {
					back = append(back, had[o.ID])
				}
			}
			return m.addition(back)
		},
		Ended: func(applied []client.Organization) {
			for _, o := range applied {
				m.list.Drop(o.ID)
			}
		}}
}

// addition is adding the person to ms with the roles listed there.
func (m *Orgs) addition(ms []Membership) *across.Bulk {
	cl, uid, who := m.c.Client, m.user.UserID, common.Clean(cmp.Or(m.user.Email, m.user.UserID))
	want := map[string]Membership{}
	for _, x := range ms {
		want[x.Org.ID] = x
	}
	verb := "add " + who
	a := crossorg.NewJob(verb, limits.OrgMembersWrite, m.Orgs(ms), func(ctx context.Context, o client.Organization) error {
		ctx = audit.WithDetail(ctx, audit.Detail{OrgName: o.Name, Names: map[string]string{uid: m.user.Email}})
		if err := membershipErr(cl.AddMembers(ctx, o.ID, []string{uid})); err != nil {
			return err
		}
		if roles := want[o.ID].Roles; len(roles) > 0 {
			ids := make([]string, len(roles))
			for i, r := range roles {
				ids[i] = r.ID
			}
			return cl.AssignRoles(ctx, o.ID, uid, ids)
		}
		return nil
	})
	return &across.Bulk{Scope: m.scope(), Tab: common.Members, Verb: verb, Past: "added " + who, Prep: "to", A: a,
		Curl: func(o client.Organization) string {
			return across.Curl(m.c, "POST", []string{"organizations", o.ID, "members"}, map[string]any{"members": []string{uid}})
		},
		Reverse: func(applied []client.Organization) *across.Bulk {
			back := make([]Membership, len(applied))
			for i, o := range applied {
				back[i] = want[o.ID]
			}
			return m.removal(back)
		},
		Ended: func(applied []client.Organization) {
			for _, o := range applied {
				m.list.Put(want[o.ID])
			}
		}}
}

// again is how a retry of b plans: the same change, for other organizations.
func (m *Orgs) again(b *across.Bulk) func([]client.Organization) *across.Bulk {
	return func(orgs []client.Organization) *across.Bulk {
		ms := make([]Membership, len(orgs))
		for i, o := range orgs {
			ms[i] = Membership{Org: o}
			if x, ok := m.list.Item(o.ID); ok {
				ms[i] = x
			}
		}
		if strings.HasPrefix(b.Verb, "add ") {
			return m.addition(ms)
		}
		return m.removal(ms)
	}
}

// foundOrgMsg is the organization to add the person to.
type foundOrgMsg struct {
	user string
	org  client.Organization
	err  error
}

// addForm asks which organization to add the person to, by name or id.
func (m *Orgs) addForm() tea.Cmd {
	name := ""
	ctx, cl, uid := m.c.Ctx, m.c.Client, m.user.UserID
	return dialog.Open(dialog.NewForm(m.c, "Add "+common.Clean(cmp.Or(m.user.Email, uid))+" to", func() tea.Cmd {
		name := strings.TrimSpace(name)
		return func() tea.Msg {
			var o client.Organization
			var err error
			if strings.HasPrefix(name, "org_") {
				o, err = cl.Organization(ctx, name)
			} else {
				o, err = cl.OrganizationByName(ctx, name)
			}
			return foundOrgMsg{user: uid, org: o, err: err}
		}
	}, huh.NewInput().Title("Organization").Description("Its name or org_ id.").Value(&name).Validate(func(s string) error {
		if _, in := m.list.Item(strings.TrimSpace(s)); in {
			return errors.New("they are in it already")
		}
		if strings.TrimSpace(s) == "" {
			return errors.New("type the organization's name or id")
		}
		return nil
	})))
}

func (m *Orgs) onFoundOrg(msg foundOrgMsg) tea.Cmd {
	if msg.err != nil {
		return common.Status(common.Warning, common.Explain(msg.err))
	}
	if _, in := m.list.Item(msg.org.ID); in {
		return common.Status(common.Info, common.Clean(m.user.Email)+" is in "+common.Clean(msg.org.Name)+" already")
	}
	return m.Plan(m.addition([]Membership{{Org: msg.org}}))
}
