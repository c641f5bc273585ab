package common

import (
	"errors"
	"fmt"
	"strings"

	"github.com/orgdash/orgdash/client"
)

// Explain says in one or two sentences what went wrong and what to do.
func Explain(err error) string {
	if err == nil {
		return "no reason given"
	}
	var e *client.Error
	if !errors.As(err, &e) {
		return Clean(err.Error())
	}
	msg := strings.TrimRight(Clean(e.Message), ". ") // Auth0's messages end with a period, or two
	switch e.Kind {
	case client.Forbidden:
		if len(e.Scopes) > 0 {
			return fmt.Sprintf("Missing scope %s. Grant it to the application under Applications › APIs › Auth0 Management API › Machine to Machine Applications.", strings.Join(e.Scopes, " or "))
		}
		return "Forbidden: " + msg + "."
	case client.Unauthorized:
		if e.Token {
			return "The token was refused: " + msg + ". Get a fresh AUTH0_API_TOKEN (Management API tokens expire)."
		}
		return "The credentials were refused: " + msg + ". Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET."
	case client.NotFound:
		return msg + " (it may have been deleted elsewhere)."
	case client.RateLimited:
		return "The rate limit is spent: " + msg + ". Wait for the reset, then press r."
	case client.Transport:
		return "Could not reach the tenant: " + msg + ". Check the network, then press r."
	case client.Unavailable:
		if e.Status >= 500 {
			return fmt.Sprintf("The tenant answered with an error (%d): %s. Press r to retry.", e.Status, msg)
		}
		return "Could not reach the tenant: " + msg + ". Press r to retry."
	}
	return msg + "."
}

// CannotList is what a list that could not read its rows says in place
// of its rows, so that an empty list is never shown for one that could
// not be read: "cannot list invitations: the token lacks
// read:organization_invitations".
func CannotList(noun string, err error) string { return "cannot list " + noun + ": " + Unread(err) }

// Unread is why something could not be read: the scope the token lacks
// ("the token lacks read:organization_members"), else Explain's account.
func Unread(err error) string {
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.Forbidden && len(e.Scopes) > 0 {
		return "the token lacks " + strings.Join(e.Scopes, " or ")
	}
	return Explain(err)
}
