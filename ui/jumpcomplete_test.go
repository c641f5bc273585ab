package ui

import (
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client/clienttest"
)

// ":" names every command in its hint, and tab completes a tenant
// connection's name after ":connection".
func TestJumpCompletesConnectionNames(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(3, 5), 200, 36)
		s.press(":")
		s.want("connection NAME", "user EMAIL", "domains", "orgs")
		s.typed("connection ok").press("tab")
		s.want(":connection okta")
		s.press("enter")
		s.want("Organizations › okta", "okta in 0 organizations")
	})
}
