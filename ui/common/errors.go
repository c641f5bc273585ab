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
	msg := Clean(e.Message)
	switch e.Kind {
	case client.Forbidden:
		if len(e.Scopes) > 0 {
			return fmt.Sprintf("Missing scope %s. Grant it to the application under Applications › APIs › Auth0 Management API › Machine to Machine Applications.", strings.Join(e.Scopes, " or "))
		}
		return "Forbidden: " + msg
	case client.Unauthorized:
		return "The credentials were refused: " + msg + ". Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or get a fresh AUTH0_API_TOKEN."
	case client.NotFound:
		return msg + " (it may have been deleted elsewhere)."
	case client.RateLimited:
		return "The rate limit is spent: " + msg + ". Wait for the reset, then press r."
	case client.Transport, client.Unavailable:
		return "Could not reach the tenant: " + msg + ". Press r to retry."
	}
	return msg
}
