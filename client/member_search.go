package client

import (
	"context"
	"fmt"
	"net/mail"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// SearchMembers finds an organization's members by email, name or user id
// through Auth0's user search, which takes organization_id in q: one call
// (GET /users?q=organization_id:"…" AND …, search engine v3), at most
// MaxFound people, whatever the organization's size and without loading
// its members. An email address is matched exactly, a user id (it holds a
// "|") exactly, anything else as part of a name or an email.
func (c *auth0Client) SearchMembers(ctx context.Context, orgID, text string) ([]Member, error) {
	q := MemberQuery(orgID, text)
	if q == "" {
		return nil, nil
	}
	l, err := c.m.User.List(ctx, management.Query(q), management.Parameter("search_engine", "v3"), management.PerPage(MaxFound))
	if err != nil {
		return nil, c.classify("search members", err)
	}
	out := make([]Member, 0, len(l.Users))
	for _, u := range l.Users {
		out = append(out, Member{UserID: u.GetID(), Name: u.GetName(), Email: u.GetEmail(), Picture: u.GetPicture()})
	}
	return out, nil
}

// MemberQuery is the user search SearchMembers sends for text in orgID
// ("" when there is nothing to search for). Quotes and backslashes are
// dropped from text, so it cannot end the quoted term early.
func MemberQuery(orgID, text string) string {
	text = strings.TrimSpace(strings.NewReplacer(`"`, "", `\`, "").Replace(text))
	if text == "" || orgID == "" {
		return ""
	}
	in := fmt.Sprintf(`organization_id:"%s"`, strings.NewReplacer(`"`, "", `\`, "").Replace(orgID))
	switch {
	case strings.Contains(text, "|") && !strings.ContainsAny(text, " *"):
		return fmt.Sprintf(`%s AND user_id:"%s"`, in, text)
	case isEmail(text):
		return fmt.Sprintf(`%s AND email:"%s"`, in, text)
	}
	return fmt.Sprintf(`%s AND (name:"*%s*" OR email:"*%s*")`, in, text, text)
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && !strings.ContainsAny(s, " *")
}
