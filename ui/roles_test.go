package ui

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/client/clienttest"
)

// Assigning roles offers only the roles the member does not hold yet.
func TestAssignRolesOffersOnlyRolesNotHeld(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, clienttest.New(2, 5), 140, 40)
		s.press("enter", "3")
		s.want("Members (5)", "admin") // User 0 holds admin
		s.press(".")
		for range 10 {
			if strings.Contains(s.screen(), "▸ Assign roles…") {
				break
			}
			s.press("j")
		}
		s.press("enter")
		s.want("Assign roles: user0@example.com", "[ ] member")
		s.wantNot("[ ] admin")
	})
}
