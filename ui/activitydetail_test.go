package ui

import (
	"bytes"
	"testing"
	"testing/synctest"

	"github.com/orgdash/orgdash/audit"
	"github.com/orgdash/orgdash/client/clienttest"
	"github.com/orgdash/orgdash/ui/common"
)

// @ lists the session's changes; enter on one shows it as the audit
// recorded it: what, where, how it ended, and the audit's id.
func TestActivityEntryOpensItsDetail(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		act := &audit.Activity{}
		var log bytes.Buffer
		cl := audit.ClientWithActivity(clienttest.New(2, 5), audit.To(&log), audit.Who{User: "tester"}, act)
		s := open(t, cl, 120, 36, func(c *common.Common) { c.Activity = act })
		s.press("enter", "3", "space", "d")
		s.confirm("y")
		s.want("removed 1 member")
		s.press("@")
		s.want("remove members · ok")
		s.press("enter")
		s.want("remove members", "outcome  ok", "in       acme", "targets  1", "the audit log's id:")
		s.press("enter")
		s.wantNot("outcome  ok")
	})
}
