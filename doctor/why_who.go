package doctor

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// IsEmail reports whether s is one email address (no display name, no
// spaces, no wildcard): what the login explainer asks about. A name is
// looked up with PeopleCalled first.
func IsEmail(s string) bool {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && !strings.ContainsAny(s, " *")
}

// PeopleCalled are the people the tenant finds by text (a name, or part of
// one) who have an email, to ask which of them is meant: one call. It is
// empty where the text is blank or reading users is not allowed.
func PeopleCalled(ctx context.Context, cl client.Client, text string) ([]client.User, error) {
	if strings.TrimSpace(text) == "" || cl.Capabilities().Can(client.ReadUserOrganizations).Reason != "" {
		return nil, nil
	}
	found, err := cl.FindUsers(ctx, text)
	out := found[:0]
	for _, u := range found {
		if u.Email != "" {
			out = append(out, u)
		}
	}
	return out, err
}

// notAnEmailLink is the person link of a question that named someone by
// something other than an email: nothing about them is known.
func notAnEmailLink(text string) Link {
	return Link{Name: LinkPerson, Verdict: Unknown,
		Reason: "not checked: " + strings.TrimSpace(text) + " is not an email address (ask about the person's email)"}
}

// OrganizationsOf are the organizations the people with email are members
// of, each once (two users may share an email), and how many people have
// it, for a question that names no organization: one call to find them,
// one a person for their organizations.
func OrganizationsOf(ctx context.Context, cl client.Client, email string) (orgs []client.Organization, people int, err error) {
	if why := cl.Capabilities().Can(client.ReadUserOrganizations).Reason; why != "" {
		return nil, 0, fmt.Errorf("which organizations %s is in cannot be read: %s", email, why)
	}
	found, err := cl.FindUsers(ctx, email)
	if err != nil {
		return nil, 0, err
	}
	for _, u := range found {
		if !strings.EqualFold(u.Email, email) {
			continue
		}
		people++
		in, err := cl.UserOrganizations(ctx, u.UserID)
		if err != nil {
			return nil, people, err
		}
		for _, o := range in {
			if !slices.ContainsFunc(orgs, func(x client.Organization) bool { return x.ID == o.ID }) {
				orgs = append(orgs, o)
			}
		}
	}
	return orgs, people, nil
}
